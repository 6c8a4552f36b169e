"""The installed ``sdkgen`` (scripts/_bootstrap installs the generator editable into .venv) runs from any
directory with explicit paths, and says what each command does and its exit codes."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SDKGEN = Path(sys.executable).parent / "sdkgen"
pytestmark = pytest.mark.skipif(not SDKGEN.is_file(), reason=f"{SDKGEN} is not installed (run scripts/_bootstrap)")


def sdkgen(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([SDKGEN, *map(str, args)], cwd="/", env=env, capture_output=True, text=True, timeout=300)


def test_generate_and_check_from_the_root_directory_into_a_directory_outside_the_repo(tmp_path: Path) -> None:
    out = tmp_path / "elsewhere" / "sdk"
    paths = ("--spec", ROOT / "spec" / "openapi.yaml", "--config", ROOT / "spec" / "generator.yaml", "--out", out)
    done = sdkgen("generate", *paths)
    assert done.returncode == 0, done.stderr
    assert (out / "src" / "syllable_sdk" / "sessions.py").read_text() == (
        ROOT / "generated" / "src" / "syllable_sdk" / "sessions.py"
    ).read_text()
    assert sdkgen("check", *paths).returncode == 0


def test_version_and_every_command_says_what_it_does_and_its_exit_codes() -> None:
    version = sdkgen("--version")
    assert version.returncode == 0 and version.stdout.strip() == "sdkgen 0.1.0"
    for command in ("generate", "check", "diff", "bump"):
        shown = sdkgen(command, "--help")
        assert shown.returncode == 0 and "exit codes: 0 " in shown.stdout, command
    listing = sdkgen("--help").stdout
    assert all(command in listing for command in ("generate", "check", "diff", "bump"))


def test_python_dash_m_generator_is_the_same_program() -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "generator", "diff", "--help"], cwd="/", capture_output=True, text=True, timeout=60
    )
    assert shown.returncode == 0 and "bump: major|minor|patch" in shown.stdout


def bootstrapped() -> bool:
    """Whether .venv is installed from the current files (else the copy's bootstrap would reinstall it there)."""
    inputs = b"".join(
        (ROOT / name).read_bytes() for name in ("requirements.lock", "pyproject.toml", "generated/pyproject.toml")
    )
    return (ROOT / ".venv" / f".installed-{hashlib.sha256(inputs).hexdigest()[:16]}").is_file()


@pytest.mark.skipif(not bootstrapped(), reason="run scripts/_bootstrap first: .venv is older than the project files")
def test_scripts_generate_prints_the_verdict_against_the_last_commit(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    for name in ("generator", "templates", "spec", "generated", "scripts"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__", ".*cache*"))
    for name in ("pyproject.toml", "requirements.lock"):
        shutil.copy(ROOT / name, repo / name)
    (repo / ".venv").symlink_to(ROOT / ".venv")  # the same stamp: nothing is reinstalled

    def generate() -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GIT_DIR", "GIT_WORK_TREE")}
        return subprocess.run(
            ["bash", repo / "scripts" / "generate"], cwd=repo, env=env, capture_output=True, text=True, timeout=300
        )

    outside = generate()
    assert outside.returncode == 0, outside.stderr
    assert "note: not a git checkout with a commit, so no semver verdict" in outside.stdout
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "first")):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=repo, check=True)
    spec = repo / "spec" / "openapi.yaml"
    spec.write_text(spec.read_text().replace("operationId: session_recording_stream", "operationId: recording_get"))
    inside = generate()
    assert inside.returncode == 0, inside.stderr
    assert "new operation `recording_get`" in inside.stdout and inside.stdout.splitlines()[-1] == "bump: major"
