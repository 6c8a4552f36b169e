"""Smoke test of ``scripts/bench``: every section runs and prints its rows, so the benchmark code cannot rot.

It does not check the timing targets (benchmarks are not timed tests); ``scripts/bench`` itself reports
them. Deselect with ``-m 'not bench'``.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.bench


def test_bench_quick_runs_every_section(tmp_path: Path) -> None:
    table = tmp_path / "bench.md"
    # --smoke is --quick cut further (one repetition of each measurement), with small streams and two
    # small synthetic specs; no openapi-python-client (installing it needs the network, running it time).
    args = ["--smoke", "--no-opc", "--stream-mib", "4", "--sizes", "40,100", "--markdown", str(table)]
    proc = subprocess.run(
        ["bash", str(ROOT / "scripts" / "bench"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    text = table.read_text(encoding="utf-8")
    assert "| benchmark | SDK | baseline | ratio | target | result |" in text
    for row in (
        "| sessions.list (25 items)",
        "| sessions.get_by_id",
        "| cold start",
        "| stream 4 MiB throughput",
        "| peak RSS growth, first SDK download",
        "| 200 async calls",
        "| generate the Syllable spec",
    ):
        assert row in text, f"missing row {row!r} in:\n{text}"
    assert "| 40 |" in text and "| 100 |" in text, text
    assert proc.stdout.endswith(text), "the table printed last is the one written"
