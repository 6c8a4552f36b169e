"""Helpers shared by the tests that generate and check whole packages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


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
