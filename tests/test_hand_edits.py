"""Hand edits in generated/ survive regeneration (a 3-way merge by git), and _custom/ is the maintainers' own."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SESSIONS = "src/syllable_sdk/sessions.py"
OLD_DESCRIPTION = "Returns one page of sessions, optionally filtered, searched and ordered."
NEW_DESCRIPTION = "Returns one page of sessions, filtered, searched and ordered as asked."
EDIT_AFTER = "    def get_by_id(\n"
EDIT = "    # HAND EDIT: kept across regeneration\n"


def sdkgen(command: str, repo: Path) -> subprocess.CompletedProcess[str]:
    """``python -m generator`` on the repository ``repo``'s spec and output."""
    args = ["--spec", str(repo / "spec" / "openapi.yaml"), "--out", str(repo / "generated")]
    return subprocess.run(
        [sys.executable, "-m", "generator", command, *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t"}
    env["GIT_COMMITTER_EMAIL"] = "t@t"
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env, timeout=60, check=True)
    return result.stdout


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding a copy of spec/ and the package generated from it, committed."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "spec", repo / "spec")
    git(repo, "init", "-q")
    assert sdkgen("generate", repo).returncode == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "generated")
    return repo


def edit_and_commit(repo: Path, old: str, new: str) -> None:
    replace_in(repo / "generated" / SESSIONS, old, new)
    git(repo, "commit", "-qam", "hand edit")


def test_a_committed_edit_survives_a_spec_change_in_a_fresh_clone_and_check_passes(repo: Path) -> None:
    edit_and_commit(repo, EDIT_AFTER, EDIT + EDIT_AFTER)
    clone = repo.parent / "clone"
    git(repo.parent, "clone", "-q", str(repo), str(clone))  # only what was committed: no loose objects of ours
    replace_in(clone / "spec" / "openapi.yaml", OLD_DESCRIPTION, NEW_DESCRIPTION)

    result = sdkgen("generate", clone)

    assert result.returncode == 0, result.stderr
    text = (clone / "generated" / SESSIONS).read_text(encoding="utf-8")
    assert EDIT + EDIT_AFTER in text and NEW_DESCRIPTION in text and OLD_DESCRIPTION not in text
    record = clone / "generated" / ".sdkgen" / "pristine" / SESSIONS
    assert NEW_DESCRIPTION in record.read_text(encoding="utf-8") and EDIT not in record.read_text(encoding="utf-8")
    assert sdkgen("check", clone).returncode == 0, sdkgen("check", clone).stdout
    # again: nothing changes, the edit stays, and refining a recorded edit needs no regeneration
    assert sdkgen("generate", clone).returncode == 0
    assert (clone / "generated" / SESSIONS).read_text(encoding="utf-8") == text
    replace_in(clone / "generated" / SESSIONS, EDIT, EDIT + "    # and a second line\n")
    assert sdkgen("check", clone).returncode == 0


def test_check_fails_on_a_tree_that_is_not_new_output_plus_the_recorded_edits(repo: Path) -> None:
    edit_and_commit(repo, EDIT_AFTER, EDIT + EDIT_AFTER)
    assert sdkgen("generate", repo).returncode == 0  # records the edit
    assert sdkgen("check", repo).returncode == 0
    core = repo / "generated" / "src" / "syllable_sdk" / "core.py"
    core.write_text(core.read_text(encoding="utf-8") + "UNRECORDED = 1\n", encoding="utf-8")
    result = sdkgen("check", repo)
    assert result.returncode == 1 and "-UNRECORDED = 1" in result.stdout
    core.write_text(core.read_text(encoding="utf-8").replace("UNRECORDED = 1\n", ""), encoding="utf-8")
    replace_in(repo / "spec" / "openapi.yaml", OLD_DESCRIPTION, NEW_DESCRIPTION)  # the record is stale now
    result = sdkgen("check", repo)
    assert result.returncode == 1 and f"+{NEW_DESCRIPTION}" in result.stdout.replace("+        ", "+")


def test_a_conflicting_edit_gives_markers_and_exit_1_until_resolved(repo: Path) -> None:
    edit_and_commit(repo, OLD_DESCRIPTION, "Mine: one page of sessions.")
    replace_in(repo / "spec" / "openapi.yaml", OLD_DESCRIPTION, NEW_DESCRIPTION)

    result = sdkgen("generate", repo)

    assert result.returncode == 1
    assert f"{SESSIONS}: 2 conflict(s)" in result.stderr
    text = (repo / "generated" / SESSIONS).read_text(encoding="utf-8")
    assert "<<<<<<< your edit" in text and "=======" in text and ">>>>>>> newly generated" in text
    assert sdkgen("check", repo).returncode == 1
    # resolved by keeping the edit: recorded against the new output from now on
    resolved = "".join(
        line
        for line in text.splitlines(keepends=True)
        if not line.startswith(("<<<<<<<", "=======", ">>>>>>>")) and NEW_DESCRIPTION not in line
    )
    (repo / "generated" / SESSIONS).write_text(resolved, encoding="utf-8")
    assert sdkgen("generate", repo).returncode == 0
    assert (repo / "generated" / SESSIONS).read_text(encoding="utf-8") == resolved
    assert sdkgen("check", repo).returncode == 0


def test_an_edit_whose_base_git_never_saw_is_kept_and_reported(tmp_path: Path) -> None:
    plain = tmp_path / "plain"  # not a git repository: the last generated text is nowhere to be found
    shutil.copytree(ROOT / "spec", plain / "spec")
    assert sdkgen("generate", plain).returncode == 0
    replace_in(plain / "generated" / SESSIONS, EDIT_AFTER, EDIT + EDIT_AFTER)
    edited = (plain / "generated" / SESSIONS).read_text(encoding="utf-8")
    replace_in(plain / "spec" / "openapi.yaml", OLD_DESCRIPTION, NEW_DESCRIPTION)
    result = sdkgen("generate", plain)
    assert (
        result.returncode == 1
        and f"{SESSIONS}: edited by hand, but the text it was generated with is not in git" in result.stderr
    )
    assert (plain / "generated" / SESSIONS).read_text(encoding="utf-8") == edited


def test_custom_is_never_touched_and_its_register_runs_for_every_client(repo: Path) -> None:
    custom = repo / "generated" / "src" / "syllable_sdk" / "_custom"
    assert sorted(p.name for p in custom.iterdir()) == ["__init__.py", "hooks.py"]  # the starter files
    (custom / "hooks.py").write_text(
        "from typing import Any\n\n\n"
        "def register(client: Any) -> None:\n"
        "    client.hooks.before_request.append(lambda ctx, request: request)\n"
        "    client.registered_by = 'custom'\n",
        encoding="utf-8",
    )
    (custom / "mine.py").write_text("VALUE = 1\n", encoding="utf-8")
    replace_in(repo / "spec" / "openapi.yaml", OLD_DESCRIPTION, NEW_DESCRIPTION)
    before = {p.name: p.read_text(encoding="utf-8") for p in custom.iterdir() if p.is_file()}

    assert sdkgen("generate", repo).returncode == 0

    assert {p.name: p.read_text(encoding="utf-8") for p in custom.iterdir() if p.is_file()} == before
    assert sdkgen("check", repo).returncode == 0
    script = (
        "from syllable_sdk import SyllableSDK\nfrom syllable_sdk.core import SyllableSDKCore\n"
        "for client in (SyllableSDK(api_key_header='k'), SyllableSDKCore()):\n"
        "    assert client.registered_by == 'custom' and len(client.hooks.before_request) == 1\n"
        "print('ok')"
    )
    env = {**os.environ, "PYTHONPATH": str(repo / "generated" / "src")}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60)
    assert result.stdout.strip() == "ok", result.stderr


def test_the_record_holds_gits_own_blob_ids() -> None:
    """The ids in .sdkgen/pristine.json are computed in-process; they are the ones git gives the same bytes."""
    files = json.loads((ROOT / "generated" / ".sdkgen" / "pristine.json").read_text(encoding="utf-8"))["files"]
    paths = [SESSIONS, "pyproject.toml", "tests/_mock_api.py"]
    ids = git(ROOT / "generated", "hash-object", "--no-filters", *paths).split()
    assert ids == [files[p] for p in paths]
    assert not any(p.startswith(("src/syllable_sdk/_custom/", ".sdkgen/")) for p in files)


def test_deleted_files_come_back_and_an_edit_to_a_file_no_longer_generated_is_kept_once(repo: Path) -> None:
    import yaml

    docs = repo / "generated" / "docs" / "sdks" / "sessions" / "README.md"
    docs.unlink()
    stream = repo / "generated" / "src" / "syllable_sdk" / "funcs" / "_sessions_session_recording_stream.py"
    stream.write_text(stream.read_text(encoding="utf-8") + "MINE = 1\n", encoding="utf-8")
    assert sdkgen("generate", repo).returncode == 0  # records the edit
    assert docs.is_file()
    spec = repo / "spec" / "openapi.yaml"
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    del data["paths"]["/api/v1/sessions/recording/stream"]
    spec.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    result = sdkgen("generate", repo)

    assert result.returncode == 1
    assert "_sessions_session_recording_stream.py: edited by hand but no longer generated" in result.stderr
    assert stream.read_text(encoding="utf-8").endswith("MINE = 1\n")
    assert sdkgen("generate", repo).returncode == 0  # told once; then it goes with the rest of the operation
    assert not stream.exists()


def test_without_git_on_path_it_generates_and_keeps_an_edit_as_written(repo: Path) -> None:
    edit_and_commit(repo, EDIT_AFTER, EDIT + EDIT_AFTER)
    edited = (repo / "generated" / SESSIONS).read_text(encoding="utf-8")
    replace_in(repo / "spec" / "openapi.yaml", OLD_DESCRIPTION, NEW_DESCRIPTION)
    args = ["--spec", str(repo / "spec" / "openapi.yaml"), "--out", str(repo / "generated")]
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}  # the venv's tools, no git
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", *args], cwd=ROOT, capture_output=True, text=True, env=env
    )
    assert result.returncode == 1 and f"{SESSIONS}: edited by hand, but git is not on PATH" in result.stderr
    assert (repo / "generated" / SESSIONS).read_text(encoding="utf-8") == edited
    assert NEW_DESCRIPTION in (repo / "generated" / "docs" / "sdks" / "sessions" / "README.md").read_text()
    # with git back, the edit is merged on the text it was made on, not on the output of the run without git
    assert sdkgen("generate", repo).returncode == 0
    text = (repo / "generated" / SESSIONS).read_text(encoding="utf-8")
    assert EDIT + EDIT_AFTER in text and NEW_DESCRIPTION in text and OLD_DESCRIPTION not in text
