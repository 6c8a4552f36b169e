"""The text of a file a spec refers to, read so that a reference cannot make the generator hang on a pipe, read a
device or take in an endless file: the one place ``bundle`` touches the file system for a file's contents."""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_BYTES = 256 * 1024 * 1024


def read_regular(path: Path) -> str:
    """A regular file's text; never blocks on a pipe or reads a device (checked on the opened file, not its name)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ValueError("not a regular file (a directory, device or pipe)")
        with os.fdopen(fd, "rb", closefd=False) as file:
            data = file.read(MAX_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise ValueError(f"larger than {MAX_BYTES} bytes")
    return data.decode("utf-8")
