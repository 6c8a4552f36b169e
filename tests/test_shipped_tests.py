"""The SDK ships its own tests (generated/tests/): per operation, sync and async, against httpx.MockTransport."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli_runs import generate_ok
from tests.conftest import ROOT, SHARED

GENERATED = ROOT / "generated"
SYLLABLE = SHARED / "specs" / "syllable-openapi.json"
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def run_tests(package: Path, *args: str, python: str = sys.executable) -> subprocess.CompletedProcess[str]:
    """``pytest`` on a generated package's tests, importing the package from its own ``src``."""
    env = {**os.environ, "PYTHONPATH": str(package / "src")}
    return subprocess.run(
        [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests", *args],
        cwd=package,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


def passed(result: subprocess.CompletedProcess[str]) -> int:
    match = re.search(r"(\d+) passed", result.stdout)
    return int(match.group(1)) if match else 0


def copy_of_generated(tmp_path: Path) -> Path:
    out = tmp_path / "generated"
    shutil.copytree(GENERATED, out, ignore=shutil.ignore_patterns("__pycache__", ".*cache*"))
    return out


def test_the_committed_package_ships_a_sync_and_an_async_test_per_operation_and_they_pass(tmp_path: Path) -> None:
    tests = sorted(p.name for p in (GENERATED / "tests").iterdir() if p.suffix == ".py")
    assert tests == ["_mock_api.py", "test_sessions.py"]
    names = re.findall(r"^def (test_\w+)\(", (GENERATED / "tests" / "test_sessions.py").read_text(), re.M)
    methods = ["list", "get_by_id", "generate_session_recording_urls", "session_recording_stream"]
    assert names == [n for m in methods for n in (f"test_{m}", f"test_{m}_async")]
    result = run_tests(copy_of_generated(tmp_path))
    assert result.returncode == 0, result.stdout[-3000:]
    assert passed(result) == 8


def test_the_generated_tests_fail_when_the_client_strays_from_the_spec(tmp_path: Path) -> None:
    """Mutants of the client: a wrong path, a wrong query name, a lost credential."""
    out = copy_of_generated(tmp_path)
    funcs = out / "src" / "syllable_sdk" / "funcs"

    def mutate(module: str, old: str, new: str) -> None:
        path = funcs / f"_sessions_{module}.py"
        text = path.read_text(encoding="utf-8")
        assert old in text, (module, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    mutate("get_by_id", 'path="/api/v1/sessions/{session_id}"', 'path="/api/v1/session/{session_id}"')
    mutate("session_recording_stream", 'Param("token", "token")', 'Param("token", "tok")')
    mutate("generate_session_recording_urls", 'security=(("APIKeyHeader",),)', "security=()")
    result = run_tests(out)
    assert result.returncode == 1
    failed = sorted(set(re.findall(r"^FAILED tests/test_sessions\.py::(\w+)", result.stdout, re.M)))
    assert failed == sorted(
        f"test_{m}{s}"
        for m in ("get_by_id", "session_recording_stream", "generate_session_recording_urls")
        for s in ("", "_async")
    )
    assert passed(result) == 2  # list, untouched


def test_samples_use_the_specs_examples_else_a_minimal_valid_instance(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(
        """
openapi: 3.1.0
info: {title: T, version: "1"}
servers: [{url: "https://t.example"}]
paths:
  /things/{thing_id}:
    post:
      operationId: things_make
      tags: [things]
      parameters:
        - {name: thing_id, in: path, required: true, schema: {type: string}, example: "th/1"}
        - {name: size, in: query, schema: {type: integer, minimum: 3}}
        - {name: x-mode, in: header, required: true, schema: {$ref: "#/components/schemas/Mode"}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Thing"}
      responses:
        201:
          description: made
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
              example: {name: "from the example", mode: "slow", tags: ["a"]}
components:
  schemas:
    Mode: {type: string, enum: [fast, slow]}
    Thing:
      type: object
      required: [name, mode]
      properties:
        name: {type: string, minLength: 8}
        mode: {$ref: "#/components/schemas/Mode"}
        when: {type: string, format: date-time}
        tags: {type: array, items: {type: string}}
""",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    generate_ok(out, spec=spec)
    text = (out / "tests" / "test_things.py").read_text(encoding="utf-8")
    assert 'path="/things/th%2F1"' in text  # the parameter's example, percent-encoded as the spec's path needs
    assert '("size", "3")' in text  # minimum honoured
    assert '("x-mode", "fast")' in text  # the first enum member
    assert 'body={"name": "samplexx", "mode": "fast"}' in text  # required properties only, minLength
    assert "status=201" in text and '"from the example"' in text  # the response's example (an unquoted status key)
    result = run_tests(out)
    assert result.returncode == 0, result.stdout[-3000:]
    assert passed(result) == 2


@pytest.mark.skipif(not SYLLABLE.is_file(), reason="../shared/specs/syllable-openapi.json is absent")
def test_the_whole_syllable_api_generates_tests_that_pass(tmp_path: Path) -> None:
    out = tmp_path / "syllable"
    generate_ok(out, spec=SYLLABLE, config=ROOT / "spec" / "generator.yaml", timeout=300)
    spec = json.loads(SYLLABLE.read_text(encoding="utf-8"))
    operations = sum(1 for item in spec["paths"].values() for method in item if method in HTTP_METHODS)
    result = run_tests(out)
    assert result.returncode == 0, result.stdout[-3000:]
    assert passed(result) == 2 * operations == 352


@pytest.mark.fresh_venv
def test_the_package_and_its_test_extra_pass_in_a_fresh_virtual_environment(tmp_path: Path) -> None:
    """Only the package and its ``test`` extra, installed by pip from the configured index (about 20-40 s here)."""
    package = copy_of_generated(tmp_path)
    venv = tmp_path / "venv"
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = str(venv / "bin" / "python")
    install = subprocess.run(
        [python, "-m", "pip", "install", "-q", f"{package}[test]"], capture_output=True, text=True, timeout=600
    )
    assert install.returncode == 0, install.stderr[-3000:]
    where = subprocess.run(
        [python, "-c", "import syllable_sdk; print(syllable_sdk.__file__)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert "site-packages" in where.stdout  # the installed package, not the tree's src/
    result = subprocess.run(
        [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=package,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert passed(result) == 8
    print(f"fresh venv: created, installed and tested in {time.monotonic() - started:.1f} s")


def test_hostile_strings_reach_the_generated_tests_only_as_literals(tmp_path: Path) -> None:
    """Parameter names and examples, the path and a response example from the spec are in the generated tests as
    repr() literals: the tests pass, and nothing from the spec runs (tests/specs/hostile.yaml too)."""
    sentinel = tmp_path / "sentinel"
    payload = f"\"); __import__('pathlib').Path({str(sentinel)!r}).touch(); (\"'''"
    hostile = (ROOT / "tests" / "specs" / "hostile.yaml").read_text(encoding="utf-8")
    (tmp_path / "hostile.yaml").write_text(hostile.replace("SENTINEL", str(sentinel)), encoding="utf-8")

    def param(name: str, where: str) -> dict[str, object]:
        return {"name": name, "in": where, "required": True, "schema": {"type": "string"}, "example": payload}

    media = {"schema": {"type": "object"}, "example": {payload: [payload, 1.5, None]}}
    operation = {
        "operationId": "get",
        "tags": ["things"],
        "parameters": [param("q'\"", "query"), param("x-h", "header"), param("id", "path")],
        "responses": {"200": {"description": payload, "content": {"application/json": media}}},
    }
    document = {"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {"/t/{id}": {"get": operation}}}
    (tmp_path / "literals.json").write_text(json.dumps(document), encoding="utf-8")
    for name, tests in (("literals.json", 2), ("hostile.yaml", 18)):
        out = tmp_path / name.split(".")[0]
        generate_ok(out, spec=tmp_path / name)
        result = run_tests(out)
        assert result.returncode == 0, result.stdout[-3000:]
        assert passed(result) == tests
    assert "__import__('pathlib')" in (tmp_path / "literals" / "tests" / "test_things.py").read_text(encoding="utf-8")
    assert not sentinel.exists(), "code from the spec ran"
