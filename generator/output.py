"""Format rendered files with ruff, then write them atomically or diff them against what is on disk."""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path


def materialize(files: dict[str, str], root: Path) -> None:
    for rel, text in sorted(files.items()):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")


def _ruff_binary() -> str:
    """The pinned ruff's executable; running it directly saves starting an interpreter per pass."""
    from ruff.__main__ import find_ruff_bin

    return str(find_ruff_bin())


def format_tree(root: Path) -> None:
    """ruff fix + format on the Python files; the pinned ruff makes the bytes deterministic."""
    ruff = [_ruff_binary()]
    config = ["--config", str(root / "pyproject.toml")] if (root / "pyproject.toml").exists() else []
    steps = (
        # templates import generously and ruff prunes; the (pinned, deprecated) option extends that to __init__.py
        [
            "check",
            "--fix-only",
            "--unsafe-fixes",
            "--select",
            "F401",
            "--config",
            "lint.ignore-init-module-imports=false",
            "--exit-zero",
            "--quiet",
        ],
        ["check", "--fix-only", "--exit-zero", "--quiet", *config],
        ["format", "--quiet", *config],
    )
    for args in steps:
        subprocess.run(
            [*ruff, args[0], "--no-cache", *args[1:], str(root)], check=True, cwd=root, stderr=subprocess.DEVNULL
        )


def build_tree(files: dict[str, str], parent: Path) -> Path:
    staging = Path(tempfile.mkdtemp(prefix=".generated-", dir=parent))
    try:
        materialize(files, staging)
        format_tree(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def swap_in(staging: Path, out: Path) -> None:
    """Replace ``out`` with ``staging`` so that a failure at any point leaves one of the two whole."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.replace(out, old)
    os.replace(staging, out)
    if old is not None:
        shutil.rmtree(old)


def tree_texts(root: Path) -> dict[str, str]:
    result = {}
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if path.is_file() and not any(p == "__pycache__" or p.startswith((".mypy", ".ruff", ".pytest")) for p in parts):
            result[path.relative_to(root).as_posix()] = path.read_text(encoding="utf-8", errors="replace")
    return result


def diff_trees(expected: Path, actual: Path) -> str:
    want, have = tree_texts(expected), tree_texts(actual)
    chunks: list[str] = []
    for rel in sorted(set(want) | set(have)):
        if want.get(rel) != have.get(rel):
            chunks.extend(
                difflib.unified_diff(
                    have.get(rel, "").splitlines(keepends=True),
                    want.get(rel, "").splitlines(keepends=True),
                    fromfile=f"generated/{rel}" if rel in have else "/dev/null",
                    tofile=f"regenerated/{rel}" if rel in want else "/dev/null",
                )
            )
    return "".join(chunks)
