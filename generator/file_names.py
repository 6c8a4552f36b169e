"""What makes a name a portable file name, and the check that a tree of output paths has no two that one file
system takes for one file: file-system limits, apart from the identifier rules of ``naming`` that use them."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable

MAX_FILE_STEM = 64


# Names Windows keeps for devices, whatever follows a dot (``con.py``, ``Aux.md``): no file can have them.
_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"{d}{n}" for d in ("com", "lpt") for n in "0123456789¹²³")})


def file_stem(name: str) -> str:
    """``name`` as a file name within every file system's limit, and not a device name on Windows (``con`` ->
    ``con_``); a hash of the whole name keeps long ones apart."""
    if name.split(".")[0].strip().casefold() in _DEVICES:
        name += "_"
    if len(name.encode("utf-8")) <= MAX_FILE_STEM:
        return name
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]
    return f"{name.encode('utf-8')[: MAX_FILE_STEM - 11].decode('utf-8', 'ignore')}_{digest}"


def check_paths(paths: Iterable[str]) -> list[str]:
    """Pairs of output paths that one file system would take for one file: equal but for case or Unicode form (macOS
    and Windows ignore case; macOS also normalises Unicode). Naming keeps them apart; this proves it for a tree."""
    seen: dict[str, str] = {}
    clashes = []
    for path in sorted(paths):
        folded = unicodedata.normalize("NFKC", path).casefold()
        if folded in seen:
            clashes.append(f"the output files {seen[folded]!r} and {path!r} differ only in case or Unicode form")
        seen.setdefault(folded, path)
    return clashes
