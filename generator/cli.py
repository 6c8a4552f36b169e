"""``sdkgen generate|check|diff|bump`` (also ``python -m generator``): exit 0 done, 1 stale output or a breaking
change refused, 2 bad spec or input, 3 generator bug."""

from __future__ import annotations

import argparse
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

from generator import ROOT, TEMPLATES
from generator.commands import COMMANDS, add_commands, tag_list
from generator.errors import SpecError, printable_output
from generator.models_process import ModelsProcess
from generator.outdir import Claim, OutputError, claim, keep_others, lock, release, seal, staging_prefix, swap, written
from generator.output import diff_trees, tree_texts


@printable_output
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sdkgen", description=__doc__)
    parser.add_argument("--version", action=_Version, nargs=0, help="show the generator's version and exit")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_ in (("generate", "write the package"), ("check", "fail with a diff when the package is stale")):
        cmd = sub.add_parser(
            name, help=help_, description=_HELP[name], formatter_class=argparse.RawDescriptionHelpFormatter
        )
        cmd.add_argument("--spec", type=Path, default=ROOT / "spec" / "openapi.yaml")
        cmd.add_argument(
            "--config", type=Path, default=None, help="generator config (default: generator.yaml beside the spec)"
        )
        cmd.add_argument("--out", type=Path, default=ROOT / "generated")
        cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
        cmd.add_argument("--tags", type=tag_list, default=None, help="only these resources, e.g. a,b (include_tags)")
        if name == "generate":
            cmd.add_argument("--force", action="store_true", help="write into a directory the generator did not create")
    add_commands(sub, argparse.RawDescriptionHelpFormatter)  # keeps the exit-code lines as written
    args = parser.parse_args(argv)
    if args.command in COMMANDS:
        return COMMANDS[args.command](args)
    config = args.config if args.config is not None else args.spec.with_name("generator.yaml")
    if args.config is not None and not args.config.is_file():
        print(f"{args.config}:1: #: the generator config does not exist", file=sys.stderr)
        return 2
    out: Path = args.out.resolve()
    if args.command == "check" and not out.exists():  # stale; and a check creates no directories to say so
        print(f"{out} does not exist: run scripts/generate and commit the result.", file=sys.stderr)
        return 1
    _terminate_cleanly()
    try:
        held = lock(out)  # one run at a time per --out; what a killed run left is put right
    except OutputError as exc:
        print(exc, file=sys.stderr)
        return 2
    try:
        return _generate(args, config, out, claim(out, force=getattr(args, "force", False)))
    except OutputError as exc:
        print(exc, file=sys.stderr)
        return 2
    finally:
        release(held)


def _generate(args: argparse.Namespace, config: Path, out: Path, owned: Claim) -> int:
    """Generate into a staging tree beside ``out``, then compare or swap it in."""
    try:
        # Started before the rest of the generator is imported, so that the warm-up overlaps that too.
        with ModelsProcess(TEMPLATES / "datamodel") as models_process:
            from generator.pipeline import generate_tree  # imported here, after the fork: see above

            staging, count, warnings = generate_tree(
                args.spec,
                config,
                out.parent,
                strict=args.strict,
                models_process=models_process,
                prefix=staging_prefix(out),
                tags=args.tags,
            )
    except SpecError as exc:
        for line in exc.lines:
            print(line, file=sys.stderr)
        return 2
    except RecursionError:
        print(f"{args.spec}:1: #: the spec nests too deeply to generate from", file=sys.stderr)
        return 2
    except subprocess.CalledProcessError as exc:
        # the templates produced code ruff cannot parse: a generator bug, not a spec problem
        print(f"internal error: formatting the generated code failed ({exc}); {out} is untouched", file=sys.stderr)
        return 3
    except OSError as exc:  # the staging tree beside --out could not be written: nothing else was touched
        print(f"{out}: cannot write the package beside it: {exc.strerror or exc}", file=sys.stderr)
        return 2
    for line in warnings:
        print(line, file=sys.stderr)
    # Hand edits: merged into the new tree, _custom/ carried over, records written (generator/merge.py).
    from generator.merge import keep_hand_edits

    try:
        files = written(staging)  # before the merge carries _custom/ over: the generator's own files
        merge_problems = keep_hand_edits(out, staging, find_new_edits=args.command == "generate", owned=owned.owned)
        # an edit kept once (a file it listed, no longer generated) stays listed: the next run removes it
        files = sorted({*files, *(rel for rel in written(staging) if rel in (owned.owned or ()))})
        kept = keep_others(out, staging, owned, force=args.command == "check" or args.force)
        seal(staging, files, owned)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if args.command == "check":
        try:
            diff = diff_trees(staging, out) if out.exists() else f"{out} does not exist\n"
        finally:
            shutil.rmtree(staging)
        if diff:
            sys.stdout.write(diff)
            print(f"\n{out} is stale: run scripts/generate and commit the result.", file=sys.stderr)
            return 1
        for line in merge_problems:
            print(line, file=sys.stderr)
        return 1 if merge_problems else 0
    before = tree_texts(out) if out.exists() else {}
    try:
        swap(staging, out)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"{out}: cannot replace it: {exc.strerror or exc}; it is untouched", file=sys.stderr)
        return 2
    if before:
        after = tree_texts(out)
        changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
        print(f"generated {len(after)} files in {out}; {len(changed)} changed" + "".join(f"\n  {c}" for c in changed))
    else:
        print(f"generated {count} files in {out}")
    if kept:
        print(
            f"kept {len(kept)} files the generator did not write: "
            + ", ".join(kept[:5])
            + (", ..." if kept[5:] else "")
        )
    for line in merge_problems:
        print(line, file=sys.stderr)
    return 1 if merge_problems else 0


_HELP = {
    "generate": "Write the package from the spec and config into --out, swapped in whole.\n\n"
    "exit codes: 0 written; 1 a hand edit could not be merged (conflict markers written, or kept as written);\n"
    "2 bad spec or config (file:line: pointer: message), or an output directory it will not write into\n"
    "(not made by it: see --force; unwritable; another run in progress); 3 generator bug",
    "check": "Regenerate into a temporary directory and compare with --out.\n\n"
    "exit codes: 0 up to date; 1 stale (a unified diff is printed) or hand edits unresolved; 2 bad spec or config;\n"
    "3 generator bug",
}


class _Version(argparse.Action):
    """``--version``: the installed distribution's, looked up only when asked (the look-up is slow to import)."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        import importlib.metadata

        try:
            version = importlib.metadata.version("syllable-sdk-generator")
        except importlib.metadata.PackageNotFoundError:  # run from a checkout that was never installed
            version = "(not installed)"
        print(f"{parser.prog} {version}")
        parser.exit()


def _terminate_cleanly() -> None:
    """SIGTERM unwinds like Ctrl-C: the staging tree is removed and the lock released on the way out."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _exit_on_signal)


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)
