"""``sdkgen diff`` names each public-API change in the spec's terms and gives the semver verdict; ``sdkgen bump``
applies it to the version and the changelog; both work against a git ref."""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import TEMPLATES
from generator.diff import Change, compare, report
from generator.ir import Api
from generator.models_process import ModelsProcess
from generator.pipeline import generate_tree, named_api

ROOT = Path(__file__).resolve().parent.parent
SPEC: dict[str, Any] = yaml.safe_load((ROOT / "spec" / "openapi.yaml").read_text())
CONFIG = ROOT / "spec" / "generator.yaml"
LIST = ("/api/v1/sessions/", "get")


def sdkgen(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def write_spec(path: Path, change: Callable[[dict[str, Any]], None] | None = None) -> Path:
    data = copy.deepcopy(SPEC)
    if change is not None:
        change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def param(data: dict[str, Any], name: str) -> dict[str, Any]:
    return next(p for p in data["paths"][LIST[0]][LIST[1]]["parameters"] if p["name"] == name)


def remove_operation(data: dict[str, Any]) -> None:
    del data["paths"]["/api/v1/sessions/recording/stream"]


def require_limit(data: dict[str, Any]) -> None:
    param(data, "limit")["required"] = True


def remove_enum_member(data: dict[str, Any]) -> None:
    data["components"]["schemas"]["OrderByDirection"]["enum"] = ["asc"]


def add_optional_parameter(data: dict[str, Any]) -> None:
    new = {"name": "agent_filter", "in": "query", "required": False, "schema": {"type": "string"}}
    data["paths"][LIST[0]][LIST[1]]["parameters"].append(new)


def add_operation(data: dict[str, Any]) -> None:
    op = copy.deepcopy(data["paths"]["/api/v1/sessions/{session_id}"]["get"])
    op["operationId"] = "session_label_get"
    data["paths"]["/api/v1/sessions/{session_id}/label"] = {"get": op}


def change_description(data: dict[str, Any]) -> None:
    data["paths"][LIST[0]][LIST[1]]["description"] = "Returns a page of sessions, described in other words."


def remove_field(data: dict[str, Any]) -> None:
    del data["components"]["schemas"]["SessionRecordingResponse"]["properties"]["recordings"]


def add_required_parameter(data: dict[str, Any]) -> None:
    add_optional_parameter(data)
    param(data, "agent_filter")["required"] = True


def change_default(data: dict[str, Any]) -> None:
    param(data, "limit")["schema"]["default"] = 50


def widen_type(data: dict[str, Any]) -> None:
    param(data, "limit")["schema"] = {"anyOf": [{"type": "integer"}, {"type": "string"}], "default": 25}


def add_enum_member(data: dict[str, Any]) -> None:
    data["components"]["schemas"]["OrderByDirection"]["enum"] = ["asc", "desc", "random"]


def add_optional_field(data: dict[str, Any]) -> None:
    data["components"]["schemas"]["SessionRecordingResponse"]["properties"]["expires"] = {"type": "string"}


def add_model(data: dict[str, Any]) -> None:
    data["components"]["schemas"]["Label"] = {"type": "object", "properties": {"text": {"type": "string"}}}
    props = data["components"]["schemas"]["SessionRecordingResponse"]["properties"]
    props["label"] = {"$ref": "#/components/schemas/Label"}


def add_resource(data: dict[str, Any]) -> None:
    add_operation(data)
    data["paths"]["/api/v1/sessions/{session_id}/label"]["get"]["tags"] = ["labels"]


CASES = [
    (add_model, "minor", "new model `Label`"),
    (add_resource, "minor", "new resource `labels` (`sdk.labels`)"),
    (remove_field, "major", "model `SessionRecordingResponse`: field `recordings` removed"),
    (add_required_parameter, "major", "operation `sessions_list`: new required parameter `agent_filter`"),
    (change_default, "major", "operation `sessions_list`: the default of parameter `limit` changed from 25 to 50"),
    (widen_type, "minor", "operation `sessions_list`: parameter `limit`: type widened from `int` to `int | str`"),
    (add_enum_member, "minor", "enum `OrderByDirection`: new member 'random'"),
    (add_optional_field, "minor", "model `SessionRecordingResponse`: new optional field `expires`"),
    (remove_operation, "major", "operation `session_recording_stream` removed"),
    (require_limit, "major", "operation `sessions_list`: parameter `limit` is now required"),
    (remove_enum_member, "major", "enum `OrderByDirection`: member `DESC` removed"),
    (add_optional_parameter, "minor", "operation `sessions_list`: new optional parameter `agent_filter`"),
    (add_operation, "minor", "new operation `session_label_get` (`sdk.sessions.label_get`)"),
    (change_description, "patch", "no public API change"),
]


def side(spec: Path, parent: Path) -> tuple[Path, Api]:
    """One side of a diff, as ``sdkgen diff`` makes it: the package generated, and the IR."""
    with ModelsProcess(TEMPLATES / "datamodel") as process:
        tree = generate_tree(spec, CONFIG, parent, models_process=process)[0]
    return tree, named_api(spec, CONFIG)


@pytest.fixture(scope="module")
def old_side(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Api]:
    root = tmp_path_factory.mktemp("old")
    return side(write_spec(root / "openapi.yaml"), root)


@pytest.mark.parametrize(("change", "bump", "line"), CASES, ids=[c[0].__name__ for c in CASES])
def test_diff_of_two_specs_names_the_change_and_the_bump(
    tmp_path: Path, old_side: tuple[Path, Api], change: Callable[[dict[str, Any]], None], bump: str, line: str
) -> None:
    """In-process, the old side generated once (the command itself is run by the tests below)."""
    new_tree, new_api = side(write_spec(tmp_path / "new.yaml", change), tmp_path)
    text = report(compare(old_side[0], new_tree, old_side[1], new_api))
    assert line in text
    assert text.splitlines()[-1] == f"bump: {bump}"


def test_breaking_changes_come_first_and_fail_on_breaking_exits_1(tmp_path: Path) -> None:
    def both(data: dict[str, Any]) -> None:
        add_operation(data)
        remove_enum_member(data)

    old, new = write_spec(tmp_path / "old.yaml"), write_spec(tmp_path / "new.yaml", both)
    result = sdkgen("diff", old, new, "--config", CONFIG, "--fail-on-breaking", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines.index("Breaking changes:") < lines.index("Additions:")
    assert lines[-1] == "bump: major"
    same = sdkgen("diff", old, old, "--config", CONFIG, "--fail-on-breaking", cwd=tmp_path)
    assert same.returncode == 0 and same.stdout.splitlines()[-1] == "bump: none"
    minor = sdkgen(
        "diff", old, write_spec(tmp_path / "minor.yaml", add_operation), "--config", CONFIG, "--fail-on-breaking"
    )
    assert minor.returncode == 0 and minor.stdout.splitlines()[-1] == "bump: minor"


def test_a_type_narrowed_and_a_return_type_changed_are_breaking(tmp_path: Path) -> None:
    def narrow(data: dict[str, Any]) -> None:
        param(data, "page")["schema"] = {"type": "integer", "default": 0}  # was int | None
        ok = data["paths"]["/api/v1/sessions/{session_id}"]["get"]["responses"]["200"]
        ok["content"]["application/json"]["schema"] = {"$ref": "#/components/schemas/SessionRecordingResponse"}

    old, new = write_spec(tmp_path / "old.yaml"), write_spec(tmp_path / "new.yaml", narrow)
    result = sdkgen("diff", old, new, "--config", CONFIG)
    assert "operation `sessions_list`: parameter `page`: type changed from `int | None` to `int`" in result.stdout
    assert "operation `session_get_by_id`: returns `components.SessionRecordingResponse` instead of" in result.stdout
    assert result.stdout.splitlines()[-1] == "bump: major"


def test_a_renamed_method_and_import_name_are_breaking(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    old, new = write_spec(tmp_path / "old" / "openapi.yaml"), write_spec(tmp_path / "new" / "openapi.yaml")
    shutil.copy(CONFIG, tmp_path / "old" / "generator.yaml")  # no --config: the generator.yaml beside each spec
    renamed = CONFIG.read_text().replace("method_names:\n", "method_names:\n  sessions_list: browse\n")
    (tmp_path / "new" / "generator.yaml").write_text(renamed)
    result = sdkgen("diff", old, new)
    assert (
        "operation `sessions_list`: method renamed from `sdk.sessions.list` to `sdk.sessions.browse`" in result.stdout
    )
    assert result.stdout.splitlines()[-1] == "bump: major"
    (tmp_path / "new" / "generator.yaml").write_text(CONFIG.read_text().replace("package: syllable_sdk", "package: sy"))
    result = sdkgen("diff", old, new)
    assert "import name changed: `syllable_sdk` is now `sy`" in result.stdout


def test_diff_needs_two_specs_or_a_ref() -> None:
    result = sdkgen("diff")
    assert result.returncode == 2 and "OLD_SPEC NEW_SPEC, or --against GIT_REF" in result.stderr
    not_a_package = sdkgen("diff", "--against", "HEAD", "--out", ROOT / "generated" / "docs")
    assert not_a_package.returncode == 2 and "Traceback" not in not_a_package.stderr


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        timeout=60,
    )


def test_against_a_git_ref_then_bump_version_and_changelog(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "spec").mkdir(parents=True)
    spec, config = write_spec(repo / "spec" / "openapi.yaml"), repo / "spec" / "generator.yaml"
    shutil.copy(CONFIG, config)
    out = repo / "generated"
    assert sdkgen("generate", "--spec", spec, "--out", out).returncode == 0
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "release 0.1.0")
    write_spec(spec, remove_operation)
    flags = ("--spec", spec, "--out", out)
    result = sdkgen("diff", "--against", "HEAD", *flags, "--fail-on-breaking", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "operation `session_recording_stream` removed" in result.stdout
    assert sdkgen("diff", "--against", "nosuchref", *flags).returncode == 2

    bumped = sdkgen("bump", *flags, cwd=tmp_path)
    assert bumped.returncode == 0, bumped.stderr
    assert "version: 1.0.0\n" in config.read_text()
    assert "# Generated from" not in config.read_text() and "method_names:" in config.read_text()  # the rest kept
    changelog = (out / "CHANGELOG.md").read_text()
    assert changelog == (repo / "spec" / "CHANGELOG.md").read_text()
    assert changelog.startswith(
        "# Changelog\n\n## 1.0.0\n\n### Breaking changes\n\n- operation `session_recording_stream`"
    )
    assert 'version = "1.0.0"' in (out / "pyproject.toml").read_text()
    assert sdkgen("check", *flags).returncode == 0  # the changelog is output like any other file
    again = sdkgen("bump", *flags, cwd=tmp_path)  # before committing: the same version, the section replaced
    assert again.returncode == 0 and "version: 1.0.0\n" in config.read_text()
    assert (out / "CHANGELOG.md").read_text() == changelog

    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "release 1.0.0")

    def then_add(data: dict[str, Any]) -> None:
        remove_operation(data)  # released already
        add_optional_parameter(data)

    write_spec(spec, then_add)
    assert sdkgen("bump", *flags).returncode == 0
    changelog = (out / "CHANGELOG.md").read_text()
    assert changelog.startswith("# Changelog\n\n## 1.1.0\n\n### Additions\n\n- operation `sessions_list`: new optional")
    assert "\n## 1.0.0\n" in changelog
    assert 'version = "1.1.0"' in (out / "pyproject.toml").read_text()
    nothing = sdkgen("diff", "--against", "HEAD", *flags, "--no-generate")
    assert nothing.stdout.splitlines()[-1] == "bump: minor"  # what scripts/generate prints after generating


def test_control_characters_from_the_spec_are_shown_escaped() -> None:
    text = report([Change("minor", "new operation `a\x1b[2Jb`")])
    assert "\x1b" not in text and "new operation `a\\x1b[2Jb`" in text
