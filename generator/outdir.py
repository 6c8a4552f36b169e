"""The output directory: one run at a time, only the generator's own files replaced, swapped in whole.

``<out>/.sdkgen/manifest.json`` lists the files the generator wrote there. A run replaces those and keeps every
other file (hard-linked into the new tree, symbolic links copied as links, never followed). A directory without a
manifest is refused unless it is empty, has the layout this generator wrote before manifests existed (only
``pyproject.toml``, ``README.md``, ``src/``, ``docs/`` and tool caches at its top), or ``--force`` is given; in
the last two cases the files at the paths the generator writes are its own and the rest are kept.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from generator.output import swap_in

if sys.platform != "win32":
    import fcntl

META = ".sdkgen"
MANIFEST = f"{META}/manifest.json"
FORMAT = 1
_LEGACY_TOP = {"pyproject.toml", "README.md", "src", "docs"}
_CACHES = ("__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache")


class OutputError(Exception):
    """The output directory cannot be written as asked; nothing was touched."""


@dataclass(frozen=True)
class Claim:
    """What the generator owns in ``--out``: the files listed (``owned``), or, for a directory without a manifest,
    whatever paths it writes now (``owned is None``)."""

    mode: int
    owned: frozenset[str] | None


def staging_prefix(out: Path) -> str:
    return f".{out.name}.staging-"


@dataclass(frozen=True)
class Lock:
    path: Path
    fd: int


def lock(out: Path) -> Lock:
    """Take ``<parent>/.<name>.lock`` for the run (a second run into ``out`` is refused; :func:`release`, or exiting,
    releases it), then put right what a killed run left: its staging trees, and an old tree it moved aside but did
    not remove or restore."""
    parent = out.parent
    path = parent / f".{out.name}.lock"
    for _ in range(10):  # the file is removed on release: a lock on a removed file is retaken on the new one
        try:
            parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
        except OSError as exc:
            raise OutputError(f"{out}: cannot write beside it in {parent}: {exc.strerror}") from None
        try:
            if sys.platform != "win32":
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if os.path.samestat(os.fstat(fd), os.stat(path)):
                _recover(out)
                return Lock(path, fd)
        except BlockingIOError:
            os.close(fd)
            raise OutputError(f"{out}: another run is generating into it; try again when it has finished") from None
        except FileNotFoundError:
            pass
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    raise OutputError(f"{out}: could not take the lock {path}")


def release(held: Lock) -> None:
    """Remove the lock file, then let go of it (whoever opened it meanwhile finds it removed and retries)."""
    try:
        held.path.unlink()
    finally:
        os.close(held.fd)


def _recover(out: Path) -> None:
    """Remove a killed run's staging trees; restore the tree it moved aside (``swap_in``'s fallback) if ``out`` is
    missing, else remove that old tree."""
    leftovers = sorted(out.parent.glob(staging_prefix(out) + "*"))
    olds = sorted(out.parent.glob(f".{out.name}.old-*"), key=lambda p: p.lstat().st_mtime)
    if olds and not os.path.lexists(out):
        try:
            os.replace(olds[-1], out)
        except OSError as exc:
            raise OutputError(f"{out}: cannot restore {olds[-1]}, left by a killed run: {exc.strerror}") from None
        olds.pop()
    for path in leftovers + olds:
        shutil.rmtree(path, ignore_errors=True)


def claim(out: Path, *, force: bool) -> Claim:
    """What the generator may replace in ``out``; ``OutputError`` if it is not the generator's (without ``force``)
    or not writable. Runs before any work: a refused run costs nothing."""
    if not os.path.lexists(out):
        return Claim(0o777 & ~_umask(), frozenset())
    if out.is_symlink() or not out.is_dir():
        raise OutputError(f"{out}: is not a directory")
    if not os.access(out, os.W_OK | os.X_OK):
        raise OutputError(f"{out}: is not writable")
    mode = stat.S_IMODE(out.stat().st_mode)
    manifest = out / MANIFEST
    if manifest.is_file() and not manifest.is_symlink() and not (out / META).is_symlink():
        try:
            listed = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            listed = None
        if isinstance(listed, dict) and listed.get("format") == FORMAT and isinstance(listed.get("files"), list):
            return Claim(mode, frozenset(str(f) for f in listed["files"]))
        if not force:
            raise OutputError(f"{out}: {MANIFEST} is not a manifest this generator reads; pass --force to replace it")
        return Claim(mode, None)
    top = {entry.name for entry in os.scandir(out)} - set(_CACHES)
    if not top or force or ("pyproject.toml" in top and top <= _LEGACY_TOP):
        return Claim(mode, None)
    raise OutputError(
        f"{out}: is not empty and was not written by the generator (it has no {MANIFEST}); refusing to touch it. "
        "Point --out at a new directory, or pass --force to write into it (files it does not write are kept)"
    )


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def written(staging: Path) -> list[str]:
    """Every file in a freshly generated tree, but the generator's own metadata."""
    return sorted(rel for rel in _files(staging) if not rel.startswith(f"{META}/"))


def keep_others(out: Path, staging: Path, owned: Claim, *, force: bool) -> list[str]:
    """Link every file of ``out`` that the generator does not own into ``staging``, at the same place; the files
    kept. ``OutputError`` if one is in the way of a file the generator writes (unless it holds the same bytes, or
    ``force``); tool caches are kept too, and left out of the list."""
    if not os.path.lexists(out):
        return []
    ours = set(written(staging)) if owned.owned is None else owned.owned
    kept: list[str] = []
    conflicts: list[str] = []
    for rel in _files(out):
        if rel in ours or rel.startswith(f"{META}/"):
            continue
        source, target = out / rel, staging / rel
        if source.is_dir() and not source.is_symlink() and target.is_dir() and not target.is_symlink():
            continue  # an empty directory where the generator writes files now
        if _in_the_way(staging, rel):
            if not force and not _same(source, target):
                conflicts.append(rel)
            continue
        _make_parents(out, staging, rel)
        if source.is_symlink():
            os.symlink(os.readlink(source), target)
        elif source.is_dir():
            target.mkdir(mode=stat.S_IMODE(source.lstat().st_mode) | stat.S_IRWXU)
        else:
            try:
                os.link(source, target, follow_symlinks=False)
            except OSError:
                shutil.copy2(source, target, follow_symlinks=False)
        if not any(part in _CACHES for part in rel.split("/")):
            kept.append(rel)
    if conflicts:
        shown = "".join(f"\n  {rel}" for rel in conflicts[:20])
        raise OutputError(
            f"{out}: files the generator did not write are where it writes now (pass --force to replace them):{shown}"
        )
    return kept


def _in_the_way(staging: Path, rel: str) -> bool:
    """Whether the generator wrote something at ``rel`` or a file where one of its directories would be."""
    if os.path.lexists(staging / rel):
        return True
    parts = rel.split("/")[:-1]
    return any((staging / "/".join(parts[:depth])).is_file() for depth in range(1, len(parts) + 1))


def _same(source: Path, target: Path) -> bool:
    if source.is_symlink() or target.is_symlink():  # links to the same place (``_custom/``'s, carried over)
        return source.is_symlink() and target.is_symlink() and os.readlink(source) == os.readlink(target)
    if not source.is_file() or not target.is_file():
        return False
    return source.read_bytes() == target.read_bytes()


def _make_parents(out: Path, staging: Path, rel: str) -> None:
    """The directories above ``rel`` in ``staging``, each with the mode it has in ``out`` where it is new."""
    parts = rel.split("/")[:-1]
    for depth in range(1, len(parts) + 1):
        sub = "/".join(parts[:depth])
        if not (staging / sub).is_dir():
            (staging / sub).mkdir(mode=stat.S_IMODE((out / sub).lstat().st_mode) | stat.S_IRWXU)


def _files(root: Path) -> list[str]:
    """Relative paths of every file, symbolic link and empty directory under ``root``, without following links."""
    found: list[str] = []
    for directory, subdirs, files in os.walk(root):
        rel = Path(directory).relative_to(root).as_posix()
        prefix = "" if rel == "." else f"{rel}/"
        links = [d for d in subdirs if (Path(directory) / d).is_symlink()]  # listed, not entered
        subdirs[:] = [d for d in subdirs if d not in links]
        found.extend(prefix + name for name in (*files, *links))
        if not files and not subdirs and not links and prefix:
            found.append(prefix.rstrip("/"))
    return sorted(found)


def seal(staging: Path, files: list[str], owned: Claim) -> None:
    """Write the manifest of ``files`` and give the tree ``out``'s permission bits."""
    (staging / META).mkdir(exist_ok=True)
    manifest = {"format": FORMAT, "files": files}
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8", newline="\n")
    os.chmod(staging, owned.mode)


def swap(staging: Path, out: Path) -> None:
    """Put the sealed tree in ``out``'s place."""
    if os.path.lexists(out) and _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # the old tree, now; what stays is removed by the next run
    else:
        swap_in(staging, out)


def _exchange(staging: Path, out: Path) -> bool:
    """Swap the two trees in one system call, so that ``out`` is never missing (Linux's ``renameat2`` with
    ``RENAME_EXCHANGE``, which the stdlib does not wrap); False where the system or file system lacks it."""
    if sys.platform != "linux":
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(staging), at_fdcwd, os.fsencode(out), rename_exchange) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(error, os.strerror(error), str(out))
