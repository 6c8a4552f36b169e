"""Running the generator's command line as a subprocess, bounded in time, for the output and hostile-spec tests."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "openapi.yaml"
CONFIG = ROOT / "spec" / "generator.yaml"
ENV = {"PYTHONPATH": str(ROOT), "PATH": str(Path(sys.executable).parent)}


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float


def generator(*args: str | Path, timeout: float = 120, spec: Path = SPEC, command: str = "generate") -> Run:
    """``python -m generator <command> --spec spec --config CONFIG *args``."""
    argv = [sys.executable, "-m", "generator", command, "--spec", str(spec), "--config", str(CONFIG), *map(str, args)]
    start = time.monotonic()
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=ENV)
    return Run(done.returncode, done.stdout, done.stderr, time.monotonic() - start)


def snapshot(root: Path) -> dict[str, bytes | str]:
    """Every entry under ``root``, links as their targets (never followed), files as their bytes."""
    found: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[rel] = f"-> {path.readlink()}"
        elif path.is_file():
            found[rel] = path.read_bytes()
        else:
            found[rel] = "dir"
    return found
