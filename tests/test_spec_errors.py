"""A bad spec exits 2 with ``file:line: #/pointer: message`` for every problem, no traceback, --out untouched."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.errors import Problem
from generator.repair import repair
from tests.tools import imported

ROOT = Path(__file__).resolve().parent.parent
SPECS = Path(__file__).resolve().parent / "specs"

BASE: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Errors", "version": "1.0"},
    "paths": {
        "/things/{thing_id}": {
            "get": {
                "operationId": "thing_get",
                "parameters": [{"name": "thing_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                    }
                },
            }
        }
    },
    "components": {"schemas": {"Thing": {"type": "object", "properties": {"name": {"type": "string"}}}}},
}


def run_generator(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "generate", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": str(Path(sys.executable).parent)},
    )


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def write(spec: dict[str, Any], path: Path) -> str:
    text = json.dumps(spec, indent=2) if path.suffix == ".json" else yaml.safe_dump(spec, sort_keys=False, width=1000)
    path.write_text(text, encoding="utf-8")
    return text


def line_with(text: str, marker: str, after: str = "") -> int:
    """1-based line of the first ``marker`` after the first ``after``."""
    start = text.index(after) if after else 0
    return text.count("\n", 0, text.index(marker, start)) + 1


def expect_failure(spec_path: Path, tmp_path: Path) -> list[str]:
    out = tmp_path / "out"
    (out / "pkg").mkdir(parents=True)
    (out / "pkg" / "keep.py").write_bytes(b"# pre-existing\x00\xff bytes\n")
    (out / "README.md").write_text("untouched\n")
    before = snapshot(out)
    # --force: a directory the generator did not write is refused without it (tests/test_output_safety.py)
    result = run_generator("--spec", spec_path, "--out", out, "--force")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([spec_path.name, "out"]), "no staging left behind"
    lines = result.stderr.strip().splitlines()
    assert lines, "at least one problem is reported"
    for line in lines:
        assert line.startswith(f"{spec_path}:"), line
    return lines


def mutate_dangling(spec: dict[str, Any]) -> str:
    spec["components"]["schemas"]["Thing"]["properties"]["owner"] = {"$ref": "#/components/schemas/MissingOwner"}
    return "MissingOwner"


def mutate_ref_cycle(spec: dict[str, Any]) -> str:
    spec["components"]["schemas"]["Loop"] = {"$ref": "#/components/schemas/LoopBack"}
    spec["components"]["schemas"]["LoopBack"] = {"$ref": "#/components/schemas/Loop"}
    return "#/components/schemas/LoopBack"


def mutate_allof_cycle(spec: dict[str, Any]) -> str:
    spec["components"]["schemas"]["Ouroboros"] = {"allOf": [{"$ref": "#/components/schemas/Ouroboros"}]}
    return "Ouroboros"


def mutate_duplicate_id(spec: dict[str, Any]) -> str:
    spec["paths"]["/others"] = {"get": {"operationId": "thing_get", "responses": {"204": {"description": "none"}}}}
    return "/others"


def mutate_undeclared(spec: dict[str, Any]) -> str:
    spec["paths"]["/things/{thing_id}/parts/{part_id}"] = {"delete": {"responses": {"204": {"description": "gone"}}}}
    return "parts/{part_id}"


def mutate_status(spec: dict[str, Any]) -> str:
    spec["paths"]["/things/{thing_id}"]["get"]["responses"]["2OO"] = {"description": "letter O"}
    return "2OO"


def mutate_version(spec: dict[str, Any]) -> str:
    spec["openapi"] = "2.0.1"
    return "2.0.1"


# name -> (mutation, pointer fragment, message fragment, marker after which the reported line is found)
CASES: dict[str, tuple[Callable[[dict[str, Any]], str], str, str]] = {
    "dangling_ref": (mutate_dangling, "#/components/schemas/Thing/properties/owner/$ref", "does not resolve"),
    "ref_cycle": (mutate_ref_cycle, "#/components/schemas/Loop/$ref", "cycle of references"),
    "allof_cycle": (mutate_allof_cycle, "#/components/schemas/Ouroboros", "in terms of itself"),
    "duplicate_operation_id": (mutate_duplicate_id, "#/paths/~1others/get/operationId", "duplicate operationId"),
    "undeclared_path_param": (
        mutate_undeclared,
        "#/paths/~1things~1{thing_id}~1parts~1{part_id}/delete",
        "{part_id} of '/things/{thing_id}/parts/{part_id}' is not declared",
    ),
    "status_code": (mutate_status, "#/paths/~1things~1{thing_id}/get/responses/2OO", "invalid response status"),
    "openapi_version": (mutate_version, "#/openapi", "unsupported OpenAPI version '2.0.1'"),
}


def expected_line(text: str, name: str, marker: str, suffix: str) -> int:
    """Where each problem must be reported: the line that holds the key its pointer names."""
    if name == "dangling_ref":
        return line_with(text, marker)
    if name == "ref_cycle":
        return line_with(text, marker)  # Loop's $ref (the first of the two) points at LoopBack
    if name == "allof_cycle":
        return line_with(text, '"Ouroboros":' if suffix == ".json" else "Ouroboros:")
    if name == "duplicate_operation_id":
        return line_with(text, "operationId", after=marker)
    if name == "undeclared_path_param":
        return line_with(text, "delete", after=marker)
    if name == "status_code":
        return line_with(text, marker)
    return line_with(text, "openapi")


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_each_problem_is_located(name: str, suffix: str, tmp_path: Path) -> None:
    mutate, pointer, message = CASES[name]
    spec = copy.deepcopy(BASE)
    marker = mutate(spec)
    path = tmp_path / f"spec{suffix}"
    text = write(spec, path)
    lines = expect_failure(path, tmp_path)
    line = expected_line(text, name, marker, suffix)
    matching = [x for x in lines if f": {pointer}: " in x and message in x]
    assert matching, lines
    assert matching[0].startswith(f"{path}:{line}: {pointer}: "), (matching, line)


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_every_problem_is_reported_in_one_run(suffix: str, tmp_path: Path) -> None:
    spec = copy.deepcopy(BASE)
    for mutate, _, _ in CASES.values():
        mutate(spec)
    path = tmp_path / f"spec{suffix}"
    write(spec, path)
    lines = expect_failure(path, tmp_path)
    for name, (_, pointer, message) in CASES.items():
        assert any(f": {pointer}: " in x and message in x for x in lines), (name, lines)
    numbers = [int(x.split(":")[1]) for x in lines]
    assert numbers == sorted(numbers), "problems come in file order"


def test_invalid_yaml(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text("openapi: 3.1.0\ninfo:\n  title: x\n  version: '1'\npaths:\n  /a:\n    get: {responses: [\n")
    (line,) = expect_failure(path, tmp_path)
    assert line.startswith(f"{path}:8: #: invalid YAML: "), line


def test_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "spec.json"
    path.write_text('{\n  "openapi": "3.1.0",\n  "info": {"title": "x", "version": "1"},\n  "paths": {},\n}\n')
    (line,) = expect_failure(path, tmp_path)
    assert line.startswith(f"{path}:5: #: invalid JSON: "), line


def test_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text("- just\n- a list\n")
    (line,) = expect_failure(path, tmp_path)
    assert line == f"{path}:1: #: a spec must be a mapping at the top level"


def test_missing_spec_file(tmp_path: Path) -> None:
    result = run_generator("--spec", tmp_path / "nope.yaml", "--out", tmp_path / "out")
    assert result.returncode == 2 and "cannot read spec" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_structural_garbage_is_reported_not_crashed_on(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text(
        "openapi: 3.1\ninfo: nope\ntags: [7]\npaths:\n  /a:\n    get:\n      tags: [1]\n      parameters: {}\n"
        "      responses: []\n  /b:\n    post:\n      parameters: [{name: x}]\n      responses:\n        '200': 5\n"
    )
    lines = expect_failure(path, tmp_path)
    text = "\n".join(lines)
    assert f"{path}:1: #/openapi: the OpenAPI version must be a string like '3.1.0'" in text
    for pointer in (
        "#/info",
        "#/tags/0",
        "#/paths/~1a/get/tags",
        "#/paths/~1a/get/parameters",
        "#/paths/~1a/get/responses",
        "#/paths/~1b/post/parameters/0",
        "#/paths/~1b/post/responses/200",
    ):
        assert f": {pointer}: " in text, (pointer, text)


def test_bad_config_is_a_located_error(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    write(BASE, spec)
    config = tmp_path / "generator.yaml"
    config.write_text("package: my-package\ndefault_timeout_ms: soon\n")
    out = tmp_path / "out"
    result = run_generator("--spec", spec, "--out", out)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{config}:1: #/package: 'my-package' is not a valid Python identifier" in result.stderr
    assert f"{config}:2: #/default_timeout_ms: expected a int" in result.stderr
    assert not out.exists()


def test_spec_without_config_generates_with_defaults(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    write(BASE, spec)
    out = tmp_path / "out"
    result = run_generator("--spec", spec, "--out", out)
    assert result.returncode == 0, result.stderr
    assert (out / "src" / "sdk" / "sdk.py").is_file()
    assert [p.name for p in (out / "src" / "sdk" / "funcs").glob("*thing_get.py")]


def test_strict_turns_warnings_into_errors(tmp_path: Path) -> None:
    spec = copy.deepcopy(BASE)
    spec["paths"]["/things/{thing_id}"]["get"]["parameters"].append(
        {"name": "session", "in": "cookie", "style": "simple", "schema": {"type": "string"}}
    )
    path = tmp_path / "spec.yaml"
    text = write(spec, path)
    style_line = line_with(text, "style: simple")
    out = tmp_path / "out"
    warned = run_generator("--spec", path, "--out", out)
    assert warned.returncode == 0, warned.stderr
    pointer = "#/paths/~1things~1{thing_id}/get/parameters/1/style"
    warning = f"{path}:{style_line}: warning: {pointer}: parameter style 'simple' is not allowed in cookie"
    assert warning in warned.stderr
    before = snapshot(out)
    strict = run_generator("--spec", path, "--out", out, "--strict")
    assert strict.returncode == 2 and "Traceback" not in strict.stderr
    assert f"{path}:{style_line}: {pointer}: parameter style 'simple' is not allowed in cookie" in strict.stderr
    assert "warning:" not in strict.stderr
    assert snapshot(out) == before


def test_a_problem_is_an_error_unless_its_level_is_given_by_name() -> None:
    """One diagnostic type with a level: ``error`` by default, ``warning`` only by name. A positional flag (the
    former ``Problem(pointer, message, True)``) is refused rather than read as a level."""
    assert Problem("/paths", "m").level == "error"
    assert Problem("/paths", "m", level="warning").level == "warning"
    with pytest.raises(TypeError):
        Problem("/paths", "m", True)  # type: ignore[misc]


@pytest.mark.parametrize("path", sorted(SPECS.glob("errors/*")), ids=lambda p: p.name)
def test_error_specs_on_disk(path: Path, tmp_path: Path) -> None:
    """Each file under tests/specs/errors/ names, in its first line, a message it must produce."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    expected = first.split("expect:", 1)[1].strip()
    spec = tmp_path / path.name
    spec.write_bytes(path.read_bytes())
    lines = expect_failure(spec, tmp_path)
    assert any(expected in line for line in lines), lines


def test_unsupported_constructs_warn_with_their_place(tmp_path: Path) -> None:
    spec = copy.deepcopy(BASE)
    spec["webhooks"] = {"ping": {"post": {"responses": {"200": {"description": "ok"}}}}}
    spec["servers"] = [{"url": "/api/v1"}]
    op = spec["paths"]["/things/{thing_id}"]["get"]
    op["callbacks"] = {"done": {}}
    op["parameters"].append({"name": "filter", "in": "query", "style": "matrix", "schema": {"type": "object"}})
    path = tmp_path / "spec.json"
    write(spec, path)
    result = run_generator("--spec", path, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    for pointer, message in (
        ("#/webhooks", "webhooks are not supported"),
        ("#/servers/0/url", "relative server URL '/api/v1' is used as given"),
        ("#/paths/~1things~1{thing_id}/get/callbacks", "callbacks are not supported"),
        ("#/paths/~1things~1{thing_id}/get/parameters/1/style", "parameter style 'matrix' is not allowed in query"),
    ):
        assert any(f"warning: {pointer}: {message}" in line for line in result.stderr.splitlines()), result.stderr
    strict = run_generator("--spec", path, "--out", tmp_path / "out2", "--strict")
    assert strict.returncode == 2 and not (tmp_path / "out2").exists()


def test_spec_without_operations_generates_an_importable_package(tmp_path: Path) -> None:
    spec = {"openapi": "3.1.0", "info": {"title": "Models only", "version": "1"}, "paths": {}}
    spec["components"] = {"schemas": {"Mode": {"type": "string", "enum": ["on", "off"]}}}
    path = tmp_path / "spec.json"
    write(spec, path)
    out = tmp_path / "out"
    result = run_generator("--spec", path, "--out", out)
    assert result.returncode == 0, result.stderr
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sdk.sdk, sdk.funcs; from sdk.models import components; print(repr(components.Mode('on')))",
        ],
        env={"PYTHONPATH": str(out / "src"), "PATH": str(Path(sys.executable).parent)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert check.returncode == 0 and check.stdout.strip() == "<Mode.ON: 'on'>", check.stderr


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('{"a":' * 100_000 + "1" + "}" * 100_000, "the spec nests too deeply to read"),
        (
            '{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {"responses": {"200":'
            ' {"description": "x", "content": {"application/json": {"schema": '
            + '{"type": "array", "items": ' * 900
            + '{"type": "string"}'
            + "}" * 900
            + "}}}}}}}}",
            "the spec nests too deeply to generate from",
        ),
    ],
    ids=["parse", "generate"],
)
def test_absurd_nesting_is_an_error_not_a_crash(body: str, message: str, tmp_path: Path) -> None:
    path = tmp_path / "spec.json"
    path.write_text(body, encoding="utf-8")
    (line,) = expect_failure(path, tmp_path)
    assert line == f"{path}:1: #: {message}"


# -- repairs: one obvious fix, made with a warning; --strict refuses them ------------------------------------------

REPAIRABLE = """\
openapi: 3.1.0
info: {title: Repairs, version: "1"}
paths:
  /boxes/{box_id}:
    put:
      operationId: box_put
      parameters:
        - name: box_id
          in: path
          schema: {type: string}
        - $ref: "#/components/parameters/Shelf"
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Box"}
      responses:
        "200":
          description: stored
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Box"}
  /shelves/{shelf}:
    get:
      operationId: shelf_get
      parameters:
        - $ref: "#/components/parameters/Shelf"
      responses:
        "204": {description: there}
components:
  parameters:
    Shelf:
      name: shelf
      in: path
      required: false
      schema: {type: integer}
  schemas:
    Box:
      type: object
      properties:
        label: {type: string}
        size: {type: integer}
        required:
          - label
      example:
        properties:
          required: [not, a, schema]
"""


def test_path_parameters_without_required_and_a_misplaced_required_list_are_repaired(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(REPAIRABLE, encoding="utf-8")
    out = tmp_path / "out"
    result = run_generator("--spec", spec, "--out", out)
    assert result.returncode == 0, result.stderr
    box_line = line_with(REPAIRABLE, "- name: box_id")
    shelf_line = line_with(REPAIRABLE, "Shelf:", after="parameters:\n    Shelf")
    required_line = line_with(REPAIRABLE, "required:", after="size: {type: integer}")
    assert result.stderr.splitlines() == [
        f"{spec}:{box_line}: warning: #/paths/~1boxes~1{{box_id}}/put/parameters/0: path parameter 'box_id' "
        "declared without 'required'; it is made required (path parameters always are)",
        f"{spec}:{shelf_line}: warning: #/components/parameters/Shelf: path parameter 'shelf' declared with "
        "required: false; it is made required (path parameters always are)",
        f"{spec}:{required_line}: warning: #/components/schemas/Box/properties/required: a 'required' list inside "
        "'properties' ('label'); it is moved to the schema's 'required'",
    ], result.stderr
    with imported(out, "sdk"):
        from sdk.models import components  # type: ignore[import-not-found]
        from sdk.models.operations import BoxPutRequest  # type: ignore[import-not-found]

        assert components.Box.model_fields["label"].is_required()  # "required" is no field; label is required
        assert set(components.Box.model_fields) == {"label", "size"}
        assert BoxPutRequest.model_fields["box_id"].is_required()
        assert BoxPutRequest.model_fields["shelf"].is_required()


def test_strict_refuses_what_would_be_repaired(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(REPAIRABLE, encoding="utf-8")
    result = run_generator("--spec", spec, "--out", tmp_path / "out", "--strict")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
    lines = result.stderr.splitlines()
    assert len(lines) == 3 and "warning:" not in result.stderr, lines
    assert any("#/paths/~1boxes~1{box_id}/put/parameters/0: path parameter 'box_id'" in x for x in lines), lines
    assert any("#/components/schemas/Box/properties/required: a 'required' list" in x for x in lines), lines


def test_a_property_named_properties_keeps_its_own_required_list() -> None:
    # Azure's shape: a property named "properties" whose schema requires "value"; the map of properties is no schema,
    # so nothing there is misplaced (it was "repaired" into a property named "required" that the library refused)
    inner = {"type": "object", "properties": {"value": {"type": "string"}}, "required": ["value"]}
    data: dict[str, Any] = {
        "components": {
            "schemas": {
                "Policy": {"type": "object", "properties": {"properties": inner, "name": {"type": "string"}}},
                "properties": {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]},
            }
        }
    }
    assert repair(data) == []
    assert data["components"]["schemas"]["Policy"]["properties"] == {"properties": inner, "name": {"type": "string"}}
    assert inner["required"] == ["value"] and "required" not in data["components"]["schemas"]["Policy"]
    assert data["components"]["schemas"]["properties"]["required"] == ["a"]
