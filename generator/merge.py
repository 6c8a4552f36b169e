"""Hand edits in the output survive regeneration: a 3-way merge by ``git merge-file``, and ``_custom/`` kept.

What the output directory records under ``.sdkgen/`` (committed with it):

- ``pristine.json``: the git blob id of every file as the generator last wrote it. A file whose text has another
  id was edited by hand; its last generated text is then read back from git's object store (``generate`` writes
  every file it makes there, so the text is found even when it was never committed).
- ``pristine/<path>``: for each file that holds a hand edit, the generated text the edit was made on (or last
  merged with). This is the merge base from then on, and what lets ``check`` (which never reads git's store)
  tell "new output + the recorded edits" from a stale tree.

``src/<package>/_custom/`` is the maintainers' own: taken over from the output as it is; its starter files are
written only where missing.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

RECORDS = ".sdkgen"
INDEX = f"{RECORDS}/pristine.json"
PRISTINE = f"{RECORDS}/pristine"
CUSTOM = "_custom"
_SKIP = ("__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache")


def keep_hand_edits(
    out: Path, staging: Path, *, find_new_edits: bool, owned: frozenset[str] | None = None
) -> list[str]:
    """Turn the freshly generated ``staging`` into the tree to swap in for ``out``: hand edits merged into it,
    ``_custom/`` carried over, and the records written. Returns one line per problem (a conflict, an edit that
    cannot be merged); the tree is still whole then, with conflict markers where git put them.

    ``find_new_edits``: also find edits not recorded yet (``generate``); ``check`` looks at recorded ones only,
    so that a tree with an unrecorded edit is stale. ``owned``: the files the manifest gives the generator (None:
    all it writes); any other file is someone else's, for ``outdir.keep_others`` to keep or refuse, not an edit.
    """
    generated = sorted(rel for rel in _files(staging) if not _is_custom(rel) and not rel.startswith(f"{RECORDS}/"))
    ids = _blob_ids(staging, generated)
    old_index = _read_index(out) if find_new_edits else {}
    if find_new_edits:  # the texts not stored yet: new files, and those whose generated text changed
        _store(staging, [rel for rel, id_ in zip(generated, ids, strict=True) if old_index.get(rel) != id_], out.parent)
    problems: list[str] = []
    edited = _edited(out, generated, ids, old_index)
    edited = {rel: base for rel, base in edited.items() if owned is None or rel in owned}
    has_git = shutil.which("git") is not None
    index = dict(zip(generated, ids, strict=True))
    for rel, base in edited.items():
        if base is None or not has_git:
            _keep_as_written(out, staging, rel)
            if rel in old_index and not _regular(out, f"{PRISTINE}/{rel}"):
                index[rel] = old_index[rel]  # the base to find stays the same: said again until it is settled
            why = "git is not on PATH to merge it" if not has_git else "the text it was generated with is not in git"
            problems.append(
                f"{rel}: edited by hand, but {why}: left as you wrote it; "
                "delete it to take the generated one, or restore it and run generate again"
            )
            continue
        conflicts = _merge_into(out, staging, rel, base)
        if conflicts:
            problems.append(f"{rel}: {conflicts} conflict(s) between your edit and the new output, marked in the file")
    # An edit to a file no longer generated is kept once, with its record, so that it is merged if the file comes
    # back (an operation removed and restored, a --tags run); the record outside the index goes the run after.
    last = old_index or _read_index(out)
    for rel in sorted(set(_files(out / PRISTINE)) - set(generated)):
        if rel in last and _regular(out, rel) and (owned is None or rel in owned):  # else someone else's file
            _keep_as_written(out, staging, rel)
            problems.append(f"{rel}: edited by hand but no longer generated: kept once; move it to {CUSTOM}/")
    _carry_custom(out, staging)
    (staging / RECORDS).mkdir(exist_ok=True)
    (staging / INDEX).write_text(
        json.dumps({"files": index}, indent=1, sort_keys=True) + "\n",
        encoding="utf-8",
        newline="\n",
    )
    return problems


def _edited(out: Path, generated: list[str], ids: list[str], old_index: dict[str, str]) -> dict[str, bytes | None]:
    """Each file of ``out`` that holds a hand edit -> the generated text it was made on (None: not found).

    Recorded edits have their base in ``pristine/``; any other file is edited when its blob id is not the recorded
    one (and it is not the new output either: then there is nothing to keep)."""
    recorded = set(_files(out / PRISTINE))
    found: dict[str, bytes | None] = {}
    for rel, new_id in zip(generated, ids, strict=True):
        if not _regular(out, rel):
            continue  # deleted by hand, or not a file: generated again (a link is replaced, never read through)
        if rel in recorded:
            found[rel] = (out / PRISTINE / rel).read_bytes()
        elif rel in old_index:
            blob = _blob_id((out / rel).read_bytes())
            if blob not in (old_index[rel], new_id):
                found[rel] = _read_blob(out.parent, old_index[rel])
    return found


def _merge_into(out: Path, staging: Path, rel: str, base: bytes) -> int:
    """Merge the edit in ``out`` into the new output in ``staging``, recording the new output as the edit's base;
    the number of conflicts left in the file (new ones, or markers not yet resolved)."""
    merged = _merge(out / rel, base, staging / rel)
    if merged == (staging / rel).read_bytes():
        return 0  # the edit is in the generated text now: nothing left to keep
    record = staging / PRISTINE / rel
    record.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(staging / rel, record)
    (staging / rel).write_bytes(merged)
    return len(re.findall(rb"^<<<<<<< your edit$", merged, re.M))


def _keep_as_written(out: Path, staging: Path, rel: str) -> None:
    """An edit that cannot be merged: the file as it is, and its record (if any) unchanged."""
    (staging / rel).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(out / rel, staging / rel)
    if _regular(out, f"{PRISTINE}/{rel}"):
        (staging / PRISTINE / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(out / PRISTINE / rel, staging / PRISTINE / rel)


def _merge(ours: Path, base: bytes, theirs: Path) -> bytes:
    """``git merge-file -p``: the merged text, with conflict markers where the two sides disagree."""
    with tempfile.NamedTemporaryFile(prefix="sdkgen-base-") as base_file:
        base_file.write(base)
        base_file.flush()
        labels = ["-L", "your edit", "-L", "last generated", "-L", "newly generated"]
        result = subprocess.run(
            ["git", "merge-file", "-p", *labels, str(ours), base_file.name, str(theirs)], capture_output=True
        )
    if result.returncode < 0 or result.returncode > 127:
        raise subprocess.CalledProcessError(result.returncode, "git merge-file", result.stdout, result.stderr)
    return result.stdout


def _blob_ids(root: Path, rels: list[str]) -> list[str]:
    """The ids ``git hash-object`` gives the files (sha1 of ``blob <size>\\0<bytes>``, git's documented object
    format); computed here, since hashing needs no repository and a thousand files need no extra process."""
    return [_blob_id((root / rel).read_bytes()) for rel in rels]


def _blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def _store(root: Path, rels: list[str], repository: Path) -> None:
    """Put the files in the object store of the git repository at ``repository``, if it is in one, so that an edit
    made on them later can be merged even if they are never committed as they are."""
    if not rels or shutil.which("git") is None or not _in_git(repository):
        return
    paths = "".join(f"{root / rel}\n" for rel in rels)
    command = ["git", "hash-object", "-w", "--no-filters", "--stdin-paths"]
    subprocess.run(command, input=paths, capture_output=True, text=True, check=True, cwd=repository)


def _in_git(directory: Path) -> bool:
    probe = ["git", "rev-parse", "--git-dir"]
    return subprocess.run(probe, cwd=directory, capture_output=True).returncode == 0


def _read_blob(directory: Path, blob: str) -> bytes | None:
    if shutil.which("git") is None:
        return None
    result = subprocess.run(["git", "cat-file", "blob", blob], cwd=directory, capture_output=True)
    return result.stdout if result.returncode == 0 else None


def _read_index(out: Path) -> dict[str, str]:
    try:
        files = json.loads((out / INDEX).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # no record (a tree from before these records): every file counts as generated
    return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}


def _carry_custom(out: Path, staging: Path) -> None:
    """Every file under ``out``'s ``src/*/_custom/`` replaces (or joins) the starter files in ``staging``; links
    (``_custom/`` itself one too) are carried as links, never followed."""
    if (out / "src").is_symlink():
        return  # never read through: outdir.keep_others keeps or refuses the link
    for package in (out / "src").glob(f"*/{CUSTOM}"):
        if package.parent.is_symlink():
            continue
        if package.is_symlink():
            _link_like(package, staging / package.relative_to(out))
            continue
        for directory, subdirs, files in os.walk(package):
            for name in [*files, *(d for d in subdirs if (Path(directory) / d).is_symlink())]:
                source = Path(directory) / name
                if any(part in _SKIP for part in source.relative_to(package).parts):
                    continue
                target = staging / source.relative_to(out)
                target.parent.mkdir(parents=True, exist_ok=True)
                if source.is_symlink():
                    _link_like(source, target)
                else:
                    shutil.copy2(source, target)


def _link_like(link: Path, target: Path) -> None:
    """``target`` becomes a link to where ``link`` points, whatever was generated there."""
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    elif os.path.lexists(target):
        target.unlink()
    target.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(os.readlink(link), target)


def _regular(root: Path, rel: str) -> bool:
    """A regular file reached from ``root`` without a link on the way: the only thing that can hold a hand edit
    (a link, to a file or to a directory above it, is never read through)."""
    path = root
    for part in rel.split("/"):
        path = path / part
        if path.is_symlink():
            return False
    return path.is_file()


def _is_custom(rel: str) -> bool:
    parts = rel.split("/")
    return len(parts) > 3 and parts[0] == "src" and parts[2] == CUSTOM


def _files(root: Path) -> list[str]:
    """Every regular file under ``root``; none if ``root`` or a directory above it up to the output is a link."""
    if not root.is_dir() or any(p.is_symlink() for p in (root, root.parent)):
        return []
    return [
        rel
        for rel in (p.relative_to(root).as_posix() for p in root.rglob("*"))
        if _regular(root, rel) and not any(part in _SKIP for part in rel.split("/"))
    ]
