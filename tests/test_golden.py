"""generated/ is exactly what the generator makes, deterministically, and a hand edit is caught."""

from __future__ import annotations

import difflib
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


GOLDEN = ROOT / "tests" / "golden"
GOLDEN_SPECS = sorted((ROOT / "tests" / "specs").glob("golden_*.yaml"))
SKIP = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}
DIFF_LINES = 200


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not SKIP & set(p.relative_to(root).parts)
    }


def tree_diff(committed: Path, regenerated: Path, refresh: str) -> str:
    """Empty when the trees are byte for byte equal; else the first lines of a unified diff and how to refresh."""
    have, want = _files(committed), _files(regenerated)
    lines: list[str] = []
    for rel in sorted(set(have) | set(want)):
        if have.get(rel) == want.get(rel):
            continue
        old = have.get(rel, b"").decode(errors="replace").splitlines(keepends=True)
        new = want.get(rel, b"").decode(errors="replace").splitlines(keepends=True)
        chunk = list(
            difflib.unified_diff(
                old,
                new,
                fromfile=f"committed/{rel}" if rel in have else "/dev/null",
                tofile=f"regenerated/{rel}" if rel in want else "/dev/null",
            )
        )
        lines.extend(chunk or [f"--- committed/{rel}\n+++ regenerated/{rel}\n(differs in bytes only)\n"])
    if not lines:
        return ""
    shown = "".join(lines[:DIFF_LINES])
    more = f"\n... {len(lines) - DIFF_LINES} more diff lines" if len(lines) > DIFF_LINES else ""
    return f"{committed} is not what the generator makes now:\n{shown}{more}\n\nrefresh with: {refresh} (then commit)"


# This compares a fresh run with the committed generated/ and replaces `python -m generator check` in scripts/test,
# which did the same work: this one's failure shows the first 200 diff lines and the refresh command, compares
# bytes and the file list, and is a fresh process's output against an earlier one's, so it also catches
# non-determinism. `sdkgen check` itself stays tested below (test_a_hand_edit_makes_check_fail_with_a_diff).
def test_generated_matches_the_committed_tree(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    result = run_generator("generate", "--out", str(out))
    assert result.returncode == 0, result.stderr
    diff = tree_diff(ROOT / "generated", out, "scripts/generate")
    assert not diff, diff


@pytest.mark.parametrize("spec", GOLDEN_SPECS, ids=[s.stem.removeprefix("golden_") for s in GOLDEN_SPECS])
def test_golden_tree_matches_its_spec(spec: Path, tmp_path: Path) -> None:
    """tests/golden/<name>/ is the whole package made from tests/specs/golden_<name>.yaml, so review shows a
    generator or template change's effect on each construct."""
    name = spec.stem.removeprefix("golden_")
    out = tmp_path / name
    result = run_generator("generate", "--strict", "--spec", str(spec), "--out", str(out))
    assert result.returncode == 0, result.stderr
    diff = tree_diff(GOLDEN / name, out, "scripts/generate --golden")
    assert not diff, diff


def test_every_golden_tree_has_its_spec() -> None:
    trees = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())
    assert trees == [s.stem.removeprefix("golden_") for s in GOLDEN_SPECS], "refresh: scripts/generate --golden"


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
