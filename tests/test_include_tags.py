"""``--tags`` / ``include_tags:`` generate only some resources and the models they reach, the same as in the whole."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, SHARED

SYLLABLE = SHARED / "specs" / "syllable-openapi.json"
# Files that list the whole package (indexes, the client's attributes, the README and examples that pick the
# first operation): they list less, by design.
INDEXES = {
    ".sdkgen/manifest.json",  # the records of every file written, which list fewer files
    ".sdkgen/pristine.json",
    "README.md",
    "docs/lib/utils/retryconfig.md",
    "src/syllable_sdk/sdk.py",
    "src/syllable_sdk/funcs/__init__.py",
    "src/syllable_sdk/models/__init__.py",
    "src/syllable_sdk/models/components/__init__.py",
    "src/syllable_sdk/models/operations/__init__.py",
}


def sdkgen(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.skipif(not SYLLABLE.is_file(), reason=f"the whole Syllable API is read from {SYLLABLE}, absent here")
def test_the_syllable_api_limited_to_sessions_gives_the_same_sessions_resource(tmp_path: Path) -> None:
    config = ROOT / "spec" / "generator.yaml"
    full, part = tmp_path / "full", tmp_path / "part"
    assert sdkgen("generate", "--spec", SYLLABLE, "--config", config, "--out", full).returncode == 0
    done = sdkgen("generate", "--spec", SYLLABLE, "--config", config, "--out", part, "--tags", "sessions")
    assert done.returncode == 0, done.stderr
    whole, some = files(full), files(part)
    src = "src/syllable_sdk"
    # the resource, its nested resources, its functions and request models, and the models they reach
    for rel in (f"{src}/sessions.py", f"{src}/sessions_transcript.py", f"{src}/funcs/_sessions_list.py"):
        assert rel in some
    assert f"{src}/agents.py" not in some and f"{src}/funcs/_agents_list.py" in whole
    assert any(rel.startswith(f"{src}/models/components/_schemas/") for rel in some)
    assert len(some) < len(whole) / 5
    differ = sorted(rel for rel, text in some.items() if rel not in INDEXES and whole.get(rel) != text)
    assert differ == []
    importable = subprocess.run(
        [
            sys.executable,
            "-c",
            "import syllable_sdk as s; c = s.SyllableSDK(api_key_header='k'); c.sessions.transcript",
        ],
        env={"PYTHONPATH": str(part / "src")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert importable.returncode == 0, importable.stderr


SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Two", "version": "1"},
    "paths": {
        f"/{tag}": {
            "get": {
                "operationId": f"{tag}_get",
                "tags": [tag],
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": ref}}}}},
            }
        }
        for tag, ref in (("pets", "#/components/schemas/Pet"), ("cars", "#/components/schemas/Car"))
    },
    "components": {
        "schemas": {
            "Pet": {"type": "object", "properties": {"owner": {"$ref": "#/components/schemas/Owner"}}},
            "Owner": {"type": "object", "properties": {"name": {"type": "string"}}},
            "Car": {"type": "object", "properties": {"wheels": {"type": "integer"}}},
        }
    },
}


def test_include_tags_in_the_config_keeps_those_resources_and_the_models_they_reach(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(yaml.safe_dump(SPEC))
    (tmp_path / "generator.yaml").write_text("package: two\ninclude_tags: [pets]\n")
    out = tmp_path / "out"
    assert sdkgen("generate", "--spec", spec, "--out", out).returncode == 0
    schemas = {p.stem for p in (out / "src" / "two" / "models" / "components" / "_schemas").glob("[!_]*.py")}
    assert schemas == {"pet", "owner"}  # Owner only through Pet
    assert (out / "src" / "two" / "pets.py").is_file() and not (out / "src" / "two" / "cars.py").exists()
    both = sdkgen("generate", "--spec", spec, "--out", tmp_path / "both", "--tags", "pets,cars")  # --tags wins
    assert both.returncode == 0 and (tmp_path / "both" / "src" / "two" / "cars.py").is_file()
    unknown = sdkgen("generate", "--spec", spec, "--out", tmp_path / "none", "--tags", "boats")
    assert unknown.returncode == 2
    assert "no operation has the tag 'boats'" in unknown.stderr and "tags: cars, pets" in unknown.stderr
    (tmp_path / "generator.yaml").write_text("include_tags: pets\n")
    bad = sdkgen("generate", "--spec", spec, "--out", tmp_path / "bad")
    assert bad.returncode == 2 and "#/include_tags: expected a list" in bad.stderr
