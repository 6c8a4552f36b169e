"""Running the generator's command line as a subprocess from the repository, bounded in time, for every test that
generates a package (or expects a refusal) through it."""

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


def generator(
    *args: str | Path, timeout: float = 120, spec: Path = SPEC, config: Path | None = CONFIG, command: str = "generate"
) -> Run:
    """``python -m generator <command> --spec spec --config config *args``; no ``--config`` for ``None``."""
    configured = [] if config is None else ["--config", str(config)]
    argv = [sys.executable, "-m", "generator", command, "--spec", str(spec), *configured, *map(str, args)]
    start = time.monotonic()
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=ENV)
    return Run(done.returncode, done.stdout, done.stderr, time.monotonic() - start)


def generate_ok(out: Path, *args: str | Path, spec: Path, config: Path | None = None, timeout: float = 120) -> Run:
    """``python -m generator generate`` of a test's own spec into ``out`` (``--config`` only when one is given),
    which must exit 0; the run, for its warnings."""
    run = generator("--out", out, *args, spec=spec, config=config, timeout=timeout)
    assert run.returncode == 0, run.stderr
    return run


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
