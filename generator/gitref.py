"""The package and the spec as committed at a git ref, taken out with ``git archive`` (the work tree and the
index are never touched)."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

from generator.errors import SpecError


def checkout(ref: str, out: Path, spec: Path, config: Path, dest: Path) -> tuple[Path, Path, Path]:
    """``out``, ``spec`` and ``config`` as they were at ``ref``, written under ``dest``: their paths there."""
    out, spec, config = out.resolve(), spec.resolve(), config.resolve()
    top = _git(out.parent if not out.exists() else out, "rev-parse", "--show-toplevel")
    if top is None:
        raise SpecError([f"{out}:1: #: not in a git checkout, so there is no {ref!r} to compare with"])
    root = Path(top.decode().strip())
    paths = []
    for path in (out, spec, config):
        try:
            paths.append(path.relative_to(root).as_posix())
        except ValueError:
            raise SpecError([f"{path}:1: #: outside the git checkout {root}"]) from None
    if _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}") is None:
        raise SpecError([f"{root}:1: #: {ref!r} is not a commit of this repository"])
    present = _git(root, "ls-tree", "--name-only", ref, "--", *paths) or b""
    missing = [rel for rel in paths if rel not in present.decode().splitlines()]
    if paths[0] in missing or paths[1] in missing:
        raise SpecError([f"{root / paths[0]}:1: #: {ref} has no {' or '.join(missing)}"])
    # the spec's whole directory, for the files a spec may refer to beside it
    spec_dir = paths[1].rpartition("/")[0]
    wanted = [
        paths[0],
        spec_dir or paths[1],
        *([] if paths[2] in missing or paths[2].startswith(f"{spec_dir}/") else [paths[2]]),
    ]
    archive = _git(root, "archive", "--format=tar", ref, "--", *wanted)
    if archive is None:
        raise SpecError([f"{root}:1: #: git archive {ref} failed"])
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest / paths[0], dest / paths[1], dest / paths[2]


def _git(cwd: Path, *args: str) -> bytes | None:
    """git's output, or None when it fails (not a repository, no such ref)."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None
