"""``sdkgen diff`` and ``sdkgen bump``: what a new spec changes for the SDK's users, and the version it calls for.

Heavy imports wait inside the commands, so that ``generate`` and ``check`` start as fast as before.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from generator import ROOT
from generator.errors import SpecError

if TYPE_CHECKING:
    from generator.diff import Change
    from generator.ir import Api

T = TypeVar("T")

_DIFF = """Generate both sides into temporary directories and print each change of the public API in the user's
terms: breaking changes first, then additions, then the rest; the last line is `bump: major|minor|patch`
(`bump: none` when the packages are the same).

  sdkgen diff OLD_SPEC NEW_SPEC [--config PATH]   two specs, each with --config or the generator.yaml beside it
  sdkgen diff --against GIT_REF                   the committed --out at GIT_REF vs what --spec makes now

exit codes: 0 reported; 1 breaking (bump: major) with --fail-on-breaking; 2 bad spec, config or git ref;
3 generator bug"""

_BUMP = """Apply the verdict of `sdkgen diff --against GIT_REF` (default HEAD): raise `version:` in the config from the
version committed at GIT_REF, put a section listing the changes at the top of CHANGELOG.md beside the config,
and regenerate --out (so generated/CHANGELOG.md and the package version follow). Running it again before
committing gives the same version and replaces the section.

exit codes: 0 bumped (or nothing to bump); 2 bad spec, config, version or git ref; 3 generator bug"""


def add_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], formatter: type[argparse.HelpFormatter]
) -> None:
    diff = sub.add_parser(
        "diff", help="public-API changes and the semver verdict", description=_DIFF, formatter_class=formatter
    )
    diff.add_argument("old_spec", nargs="?", type=Path)
    diff.add_argument("new_spec", nargs="?", type=Path)
    diff.add_argument("--against", metavar="GIT_REF", help="compare the package committed at this git ref")
    diff.add_argument("--fail-on-breaking", action="store_true", help="exit 1 when the verdict is major")
    diff.add_argument(
        "--no-generate",
        action="store_true",
        help="with --against: take --out as it is (scripts/generate, just after writing it)",
    )
    bump = sub.add_parser(
        "bump", help="raise the version and prepend to the changelog", description=_BUMP, formatter_class=formatter
    )
    bump.add_argument("--against", metavar="GIT_REF", default="HEAD", help="the release to compare with (default HEAD)")
    for cmd in (diff, bump):
        cmd.add_argument(
            "--spec", type=Path, default=ROOT / "spec" / "openapi.yaml", help="with --against: the current spec"
        )
        cmd.add_argument(
            "--config", type=Path, default=None, help="generator config (default: generator.yaml beside the spec)"
        )
        cmd.add_argument("--out", type=Path, default=ROOT / "generated", help="the package directory in a git checkout")
        cmd.add_argument("--tags", type=tag_list, default=None, help="only these resources, e.g. a,b (include_tags)")


def tag_list(text: str) -> tuple[str, ...]:
    """``--tags a,b``."""
    return tuple(tag.strip() for tag in text.split(",") if tag.strip())


def _run_diff(args: argparse.Namespace) -> int:
    from generator.diff import report, verdict

    if (args.against is None) == (args.old_spec is None or args.new_spec is None) or (args.against and args.old_spec):
        print("sdkgen diff: give OLD_SPEC NEW_SPEC, or --against GIT_REF", file=sys.stderr)
        return 2
    found = _guarded(lambda: _changes(args))
    if isinstance(found, int):
        return found
    changes = found[0]
    sys.stdout.write(report(changes))
    return 1 if args.fail_on_breaking and verdict(changes) == "major" else 0


def _run_bump(args: argparse.Namespace) -> int:
    from generator import changelog
    from generator.cli import main
    from generator.diff import TITLES, report, verdict

    args.old_spec = args.new_spec = None
    args.no_generate = False
    found = _guarded(lambda: _changes(args))
    if isinstance(found, int):
        return found
    changes, old_version = found
    level = verdict(changes)
    sys.stdout.write(report(changes))
    if level == "none":
        print(f"nothing changed since {args.against}: version stays {old_version}")
        return 0
    try:
        version = changelog.bumped(old_version, level)
    except ValueError as exc:
        print(f"{_config(args)}:1: #/version: {exc}", file=sys.stderr)
        return 2
    config = _config(args)
    changelog.set_version(config, version)
    changelog.add_section(config.with_name(changelog.NAME), version, [(TITLES[c.level], c.text) for c in changes])
    print(f"version {old_version} -> {version} ({level}); {config.with_name(changelog.NAME)} updated")
    argv = ["generate", "--spec", str(args.spec), "--config", str(config), "--out", str(args.out)]
    return main([*argv, *(["--tags", ",".join(args.tags)] if args.tags else [])])


def _changes(args: argparse.Namespace) -> tuple[list[Change], str]:
    """The changes, and the version of the old side."""
    from generator.diff import compare
    from generator.gitref import checkout

    with tempfile.TemporaryDirectory(prefix="sdkgen-diff-") as scratch:
        work = Path(scratch)
        if args.against is None:
            old_cfg = args.config or args.old_spec.with_name("generator.yaml")
            new_cfg = args.config or args.new_spec.with_name("generator.yaml")
            old_tree, new_tree = (
                _tree(args.old_spec, old_cfg, work, args.tags),
                _tree(args.new_spec, new_cfg, work, args.tags),
            )
            old_api, new_api = _api(args.old_spec, old_cfg, args.tags), _api(args.new_spec, new_cfg, args.tags)
        else:
            config = _config(args)
            old_tree, old_spec, old_cfg = checkout(args.against, args.out, args.spec, config, work / "old")
            new_tree = (
                args.out
                if args.no_generate
                else _as_generate_makes(args.out, _tree(args.spec, config, work, args.tags))
            )
            old_api, new_api = _api(old_spec, old_cfg, args.tags), _api(args.spec, config, args.tags)
        return compare(old_tree, new_tree, old_api, new_api), old_api.version


def _config(args: argparse.Namespace) -> Path:
    return Path(args.config if args.config is not None else args.spec.with_name("generator.yaml"))


def _tree(spec: Path, config: Path, parent: Path, tags: tuple[str, ...] | None) -> Path:
    from generator import TEMPLATES
    from generator.models_process import ModelsProcess

    with ModelsProcess(TEMPLATES / "datamodel") as models_process:
        from generator.pipeline import generate_tree

        return generate_tree(spec, config, parent, models_process=models_process, tags=tags)[0]


def _as_generate_makes(out: Path, staging: Path) -> Path:
    """``staging`` as ``generate`` would swap it in for ``out``: the hand edits merged, ``_custom/`` and the files
    the generator does not write kept; else the committed package and new output differ by those too."""
    from generator.merge import keep_hand_edits
    from generator.outdir import OutputError, claim, keep_others

    try:
        owned = claim(out, force=True)
    except OutputError:
        return staging  # not a directory: nothing to keep
    keep_hand_edits(out, staging, find_new_edits=True, owned=owned.owned)
    keep_others(out, staging, owned, force=True)
    return staging


def _api(spec: Path, config: Path, tags: tuple[str, ...] | None) -> Api:
    from generator.pipeline import named_api

    return named_api(spec, config, tags)


def _guarded(run: Callable[[], T]) -> T | int:
    """Run a command's work; its problems as the generator reports them (exit 2), a broken template as 3."""
    try:
        return run()
    except SpecError as exc:
        for line in exc.lines:
            print(line, file=sys.stderr)
        return 2
    except subprocess.CalledProcessError as exc:
        print(f"internal error: {exc}", file=sys.stderr)
        return 3


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"diff": _run_diff, "bump": _run_bump}
