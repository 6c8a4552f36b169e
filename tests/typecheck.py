"""``mypy --strict`` on a snippet of user code: what a user's type checker reveals and rejects."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def check_snippet(code: str, tmp_path: Path) -> tuple[list[str], list[str]]:
    """The ``reveal_type`` results and the error lines of ``mypy --strict`` on ``code``."""
    script = tmp_path / "user.py"
    script.write_text(code)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--cache-dir",
            str(ROOT / ".venv" / ".mypy_cache_snippets"),
            str(script),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    lines = result.stdout.splitlines()
    revealed = [line.split("Revealed type is ")[1].strip('"') for line in lines if "Revealed type" in line]
    return revealed, [line for line in lines if ": error:" in line]
