"""Write the rendered files to a staging directory and format them with ruff, then swap it in or diff it."""

from __future__ import annotations

import difflib
import multiprocessing
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

PARALLEL_FROM = 64  # files; below this a second process costs more than it saves


def build_tree(files: dict[str, str], parent: Path) -> Path:
    """Write and format ``files`` in a new directory beside the output; on failure, nothing is left behind."""
    staging = new_tree(parent)
    try:
        write_tree(staging, files)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def new_tree(parent: Path, prefix: str = ".generated-") -> Path:
    """An empty staging directory beside the output (so that swapping it in is one rename)."""
    return Path(tempfile.mkdtemp(prefix=prefix, dir=parent))


def write_tree(root: Path, files: dict[str, str], *, processes: int = 2) -> None:
    """Write and format ``files`` under ``root``; in two processes where ``fork`` exists, each writing and
    formatting a share of whole directories: creating a file costs a system call far dearer than its bytes on some
    file systems, and two processes create twice as fast (two in one directory wait on each other); ruff on one
    share overlaps the writing of the other. ``processes=1``: one process, and ruff on one thread, leaving the
    other core to the models process."""
    _make_directories(root, files)
    # What ruff reads besides the file it formats must exist before either process starts: its config, and the
    # package markers by which isort tells first-party imports (``from sdk.models import ...``) from the rest.
    shared = {rel: text for rel, text in files.items() if rel == "pyproject.toml" or rel.endswith("/__init__.py")}
    _write(root, sorted(shared.items()))
    by_directory: dict[str, list[tuple[str, str]]] = {}
    for rel, text in sorted(files.items()):
        if rel not in shared:
            by_directory.setdefault(rel.rpartition("/")[0], []).append((rel, text))
    groups = list(by_directory.values())
    total = sum(map(len, groups))
    # A directory of more than half the files (the model modules, when little else changed) goes in halves: ruff
    # is most of the time there, and it does not wait on the other process.
    groups = [half for g in groups for half in ((g[: len(g) // 2], g[len(g) // 2 :]) if 2 * len(g) > total else (g,))]
    shares: tuple[list[tuple[str, str]], list[tuple[str, str]]] = ([], [])
    for group in sorted(groups, key=len, reverse=True):
        min(shares, key=len).extend(group)
    mine, theirs = shares
    markers = sorted(shared)  # written already; formatted with the first share
    if processes < 2:
        _write_and_format(root, mine + theirs, also=markers, threads=1)
        return
    if len(files) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        _write_and_format(root, mine + theirs, also=markers)
        return
    helper = multiprocessing.get_context("fork").Process(target=_write_and_format, args=(root, theirs), daemon=True)
    helper.start()
    try:
        _write_and_format(root, mine, also=markers)
    finally:
        helper.join()
    if helper.exitcode != 0:
        raise subprocess.CalledProcessError(helper.exitcode or 1, "writing and formatting the generated files")


def materialize(files: dict[str, str], root: Path) -> None:
    """Write ``files`` as they are, unformatted."""
    _make_directories(root, files)
    _write(root, sorted(files.items()))


def _make_directories(root: Path, files: dict[str, str]) -> None:
    for directory in sorted({(root / rel).parent for rel in files}):
        directory.mkdir(parents=True, exist_ok=True)


def _write(root: Path, items: list[tuple[str, str]]) -> None:
    for rel, text in items:
        (root / rel).write_text(text, encoding="utf-8", newline="\n")


def _write_and_format(
    root: Path, items: list[tuple[str, str]], also: list[str] | None = None, threads: int | None = None
) -> None:
    """Write ``items`` and format them, with ``also`` (files on disk already)."""
    _write(root, items)
    format_files(root, [rel for rel, _ in items] + (also or []), threads=threads)


def _ruff_binary() -> str:
    """The pinned ruff's executable; running it directly saves starting an interpreter per pass."""
    from ruff.__main__ import find_ruff_bin

    return str(find_ruff_bin())


def format_files(root: Path, paths: list[str], *, threads: int | None = None) -> None:
    """ruff fix + format on the given files under ``root`` (the Python in Markdown too); the pinned ruff makes
    the bytes deterministic."""
    paths = [rel for rel in paths if rel.endswith((".py", ".md"))]
    if not paths:
        return
    ruff = [_ruff_binary()]
    config = ["--config", str(root / "pyproject.toml")] if (root / "pyproject.toml").exists() else []
    steps = (
        # Templates import generously and ruff prunes: unused imports are removed as a safe fix, in __init__.py
        # too (the pinned, deprecated option), in the same pass as the project's own fixes. The pruning may
        # leave a trailing comma in an import that now fits on a line: do not read it as a wish to keep it split.
        [
            "check",
            "--fix-only",
            "--exit-zero",
            "--quiet",
            *config,
            "--config",
            "lint.extend-safe-fixes=['F401']",
            "--config",
            "lint.ignore-init-module-imports=false",
            "--config",
            "lint.isort.split-on-trailing-comma=false",
        ],
        ["format", "--quiet", *config],
    )
    env = None if threads is None else {**os.environ, "RAYON_NUM_THREADS": str(threads)}  # ruff's thread pool
    for args in steps:
        for batch in _batches(paths):
            subprocess.run(
                [*ruff, args[0], "--no-cache", *args[1:], "--", *batch],
                check=True,
                cwd=root,
                stderr=subprocess.DEVNULL,
                env=env,
            )


# per ruff run: under Windows' 32,767-character command line, and a quarter of Linux's usual ARG_MAX (2 MiB)
ARGUMENT_BYTES = 30_000 if os.name == "nt" else 500_000


def _batches(paths: list[str]) -> list[list[str]]:
    """``paths`` in runs of at most ``ARGUMENT_BYTES``: a package of Microsoft Graph's size (tens of thousands of
    files) in one command line fails with ``OSError: Argument list too long``."""
    batches: list[list[str]] = [[]]
    size = 0
    for path in paths:
        length = len(path.encode("utf-8")) + 1
        if batches[-1] and size + length > ARGUMENT_BYTES:
            batches.append([])
            size = 0
        batches[-1].append(path)
        size += length
    return batches


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
        if (
            path.is_file()
            and not path.is_symlink()
            and not any(p == "__pycache__" or p.startswith((".mypy", ".ruff", ".pytest")) for p in parts)
        ):
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
