"""Helpers shared by the tests that generate and check whole packages."""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType


def mypy_strict(package_root: Path) -> None:
    """``mypy --strict`` on a generated package's ``src``; fails the test with mypy's report."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", "/dev/null", "src"],
        cwd=package_root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@contextmanager
def imported(package_root: Path, package: str) -> Iterator[ModuleType]:
    """``package`` imported in this process from a generated package's ``src``, and forgotten afterwards (its path
    and every module of it), so that the next test imports its own tree of the same name afresh."""
    src = str(package_root / "src")
    sys.path.insert(0, src)
    try:
        yield importlib.import_module(package)
    finally:
        sys.path.remove(src)
        for name in [m for m in sys.modules if m == package or m.startswith(f"{package}.")]:
            del sys.modules[name]
