"""Hostile spec documents end fast with exit 2 and ``file:line: #/pointer: message``: no crash, no traceback, no
runaway memory, no leftovers; and a killed generator leaves no models process behind."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli_runs import CONFIG, ENV, ROOT, SPEC, generator

BASE = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n"
LIMIT_S = 20  # each takes well under a second here; generous for a loaded machine


def merge_key_bomb() -> str:
    """About 1 KB: each level merges the one before twice, 2**40 pairs once expanded."""
    levels = "".join(f"x-l{i}: &l{i} {{<<: [*l{i - 1}, *l{i - 1}]}}\n" for i in range(1, 40))
    return BASE + "x-l0: &l0 {a: 1, b: 2}\n" + levels


def deep_flow() -> str:
    return BASE + "x-deep: " + "[" * 32_000 + "]" * 32_000 + "\n"


def deep_block() -> str:
    return BASE + "x-deep:\n" + "- " * 32_000 + "x\n"


def lone_surrogate() -> str:
    return '{"openapi": "3.0.3",\n "info": {"title": "t\\ud800", "version": "1"},\n "paths": {}}'


def ref_chain() -> str:
    schemas: dict[str, object] = {f"S{i}": {"$ref": f"#/components/schemas/S{i + 1}"} for i in range(10_000)}
    schemas["S10000"] = {"type": "string"}
    return json.dumps(
        {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}, "components": {"schemas": schemas}}
    )


HOSTILE: dict[str, tuple[str, Callable[[], str], str]] = {
    "merge_keys": (".yaml", merge_key_bomb, r":2[0-9]: #: the spec expands to more than 2000000 nodes"),
    "deep_flow": (".yaml", deep_flow, r":4: #: the spec nests too deeply to read"),
    "deep_block": (".yaml", deep_block, r":5: #: the spec nests too deeply to read"),
    "lone_surrogate": (".json", lone_surrogate, r":2: #/info/title: the string holds a lone surrogate"),
    "ref_chain": (".json", ref_chain, r":1: #/components/schemas/S0/\$ref: .* a chain of more than 100 references"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_document_fails_fast_and_clean(name: str, tmp_path: Path) -> None:
    suffix, make, expected = HOSTILE[name]
    spec = tmp_path / f"spec{suffix}"
    spec.write_text(make(), encoding="utf-8")
    run = generator("--out", tmp_path / "out", spec=spec, timeout=120)
    assert run.returncode == 2, (run.returncode, run.stderr[-2000:])
    assert run.seconds < LIMIT_S, run.seconds
    assert "Traceback" not in run.stderr and "Error:" not in run.stderr, run.stderr[-2000:]
    (line,) = run.stderr.strip().splitlines()
    assert re.fullmatch(re.escape(str(spec)) + expected + ".*", line), line
    assert sorted(p.name for p in tmp_path.iterdir()) == [spec.name], "no output, staging tree or lock left"


def staging(parent: Path) -> list[Path]:
    """The staging trees in ``parent`` (hidden directories: today's ``.out.staging-*``, or an older naming)."""
    return [p for p in parent.iterdir() if p.is_dir() and p.name.startswith(".")]


def children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as listing:
        return [int(child) for child in listing.read().split()]


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as status:
            return status.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not os.path.exists(f"/proc/{os.getpid()}/task/{os.getpid()}/children"), reason="needs Linux /proc")
@pytest.mark.parametrize("moment", ["before_the_request", "while_writing"])
def test_a_killed_generator_leaves_no_models_process_and_the_next_run_cleans_up(moment: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    argv = [sys.executable, "-m", "generator", "generate", "--spec", str(SPEC), "--config", str(CONFIG)]
    process = subprocess.Popen(
        [*argv, "--out", str(out)], cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    forked: list[int] = []
    deadline = time.monotonic() + 30
    # killed as soon as the models process is started (it waits for the request), or while the staging tree is
    # being written and the models process works
    while time.monotonic() < deadline and process.poll() is None:
        forked = forked or children(process.pid)
        if forked and (moment == "before_the_request" or staging(tmp_path)):
            break
        time.sleep(0.002)
    assert forked and (moment == "before_the_request" or staging(tmp_path)), "the moment never came"
    os.kill(process.pid, signal.SIGKILL)
    try:
        process.communicate(timeout=20)  # EOF on both pipes: no process holds them any more
    except subprocess.TimeoutExpired:
        pytest.fail("a process of the killed generator still holds its output pipes")
    finally:
        for pid in forked:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while any(map(alive, forked)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(alive, forked))
    run = generator("--out", out)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"], "the killed run's staging tree was removed"


def test_a_terminated_generator_removes_its_staging_tree_and_lock(tmp_path: Path) -> None:
    out = tmp_path / "out"
    argv = [sys.executable, "-m", "generator", "generate", "--spec", str(SPEC), "--config", str(CONFIG)]
    process = subprocess.Popen(
        [*argv, "--out", str(out)], cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 30
    while not staging(tmp_path) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.005)
    assert staging(tmp_path), "the staging tree never came"
    process.send_signal(signal.SIGTERM)
    try:
        _, stderr = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 128 + signal.SIGTERM and "Traceback" not in stderr, stderr
    assert list(tmp_path.iterdir()) == [], "no staging tree, lock file or half-made output"
