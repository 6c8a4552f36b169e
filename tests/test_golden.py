"""generated/ is exactly what the generator makes, deterministically, and a hand edit is caught."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED
from tests.server import API_KEY, LiveServer


def run_generator(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_generation_is_deterministic_and_matches_the_committed_tree(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert run_generator("generate", "--out", str(first)).returncode == 0
    assert run_generator("generate", "--out", str(second)).returncode == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    assert run_generator("check", "--out", str(first)).returncode == 0


def test_a_hand_edit_makes_check_fail_with_a_diff(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    shutil.copytree(ROOT / "generated", out, ignore=shutil.ignore_patterns("__pycache__", ".*cache*"))
    target = out / "src" / "syllable_sdk" / "sessions.py"
    target.write_text(target.read_text() + "\nHAND_EDIT = 1\n")
    result = run_generator("check", "--out", str(out))
    assert result.returncode == 1
    assert "+++ regenerated/src/syllable_sdk/sessions.py" in result.stdout
    assert "-HAND_EDIT = 1" in result.stdout


def test_a_dangling_ref_exits_2_and_leaves_output_untouched(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    text = (ROOT / "spec" / "openapi.yaml").read_text()
    spec.write_text(text.replace('$ref: "#/components/schemas/Session"\n', '$ref: "#/components/schemas/Sesion"\n', 1))
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    result = run_generator(
        "generate", "--spec", str(spec), "--config", str(ROOT / "spec" / "generator.yaml"), "--out", str(out), "--force"
    )  # --force: not a directory the generator wrote, which is refused without it (tests/test_output_safety.py)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    line = next(i for i, t in enumerate(spec.read_text().splitlines(), 1) if "Sesion" in t)
    assert re.search(
        rf"^{re.escape(str(spec))}:{line}: #/paths/.+/\$ref: .*'#/components/schemas/Sesion'", result.stderr, re.M
    )
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_design_section_4_runs_as_written(live: LiveServer, tmp_path: Path) -> None:
    design = SHARED / "DESIGN.md"
    if not design.exists():
        pytest.skip(f"{design} is absent (../shared is not beside this checkout)")
    text = design.read_text()
    section = text[text.index("## 4.") : text.index("## 5.")]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 2
    # The placeholders are the only change: an id and a token the test server knows.
    code = "import os\n" + "\n".join(blocks).replace('"<id>"', '"1001"').replace('"<value>"', '"tok"')
    script = tmp_path / "section4.py"
    script.write_text(code)
    env = {"SYLLABLESDK_SERVER_URL": live.url, "SYLLABLESDK_API_KEY_HEADER": API_KEY, "PATH": ""}
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    assert "items=[Session(" in result.stdout


def test_retry_defaults_come_from_one_place(tmp_path: Path) -> None:
    config = tmp_path / "generator.yaml"
    config.write_text(
        (ROOT / "spec" / "generator.yaml").read_text()
        + "retry:\n  initial_interval: 250\n  max_elapsed_time: 45000\n  statuses: [429, 503]\n"
    )
    out = tmp_path / "out"
    result = run_generator(
        "generate", "--spec", str(ROOT / "spec" / "openapi.yaml"), "--config", str(config), "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    runtime = (out / "src" / "syllable_sdk" / "utils" / "retries.py").read_text()
    assert "initial_interval: int = 250" in runtime and "max_elapsed_time: int = 45000" in runtime
    assert "RETRYABLE_STATUS = frozenset({429, 503})" in runtime
    docs = (out / "docs" / "lib" / "utils" / "retryconfig.md").read_text()
    assert "| `initial_interval` | int | `250` |" in docs and "`45000`" in docs
    assert "`429` or `503` response" in docs
