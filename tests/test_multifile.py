"""Multi-file specs: references to other files bundled at load time, every problem located in its own file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from generator.document import Document
from generator.errors import SpecError
from generator.load import load
from tests.conftest import ROOT
from tests.server import LiveServer


def files(root: Path, written: dict[str, str]) -> Path:
    """Write each file (dedented) under ``root``; the first one is the spec."""
    for name, text in written.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return root / next(iter(written))


def errors(spec: Path) -> list[str]:
    with pytest.raises(SpecError) as caught:
        load(spec)
    return caught.value.lines


def place(document: Document, pointer: str) -> tuple[Path, int]:
    """The file and line a pointer of the bundled document was written at."""
    written, there = document.where(pointer)
    return written.path, written.line_of(there)


def run_generator(spec: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out", str(out), *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        env={"PYTHONPATH": str(ROOT), "PATH": str(Path(sys.executable).parent)},
    )


ROOT_SPEC = """
    openapi: 3.0.3
    info: {title: Multi, version: "1.0"}
    paths:
      /things:
        get:
          operationId: things_get
          responses:
            "200":
              description: ok
              content:
                application/json:
                  schema: {$ref: "%s"}
"""


def test_a_schema_in_another_file_joins_the_components(tmp_path: Path) -> None:
    spec = files(
        tmp_path,
        {
            "api.yaml": ROOT_SPEC % "schemas.yaml#/components/schemas/Thing",
            "schemas.yaml": """
                components:
                  schemas:
                    Thing: {type: object, properties: {name: {type: string}}}
                    Unused: {type: string}
            """,
        },
    )
    document = load(spec)
    schema = document.data["paths"]["/things"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/Thing"}
    assert document.data["components"]["schemas"] == {
        "Thing": {"type": "object", "properties": {"name": {"type": "string"}}}
    }
    assert place(document, "/components/schemas/Thing/properties/name") == (tmp_path / "schemas.yaml", 3)


def test_a_name_taken_in_the_root_document_gets_the_file_stem(tmp_path: Path) -> None:
    spec = files(
        tmp_path,
        {
            "api.yaml": ROOT_SPEC % "common.yaml#/components/schemas/thing"
            + "    components:\n      schemas:\n        Thing: {type: integer}\n",
            "common.yaml": "components: {schemas: {thing: {type: string}}}\n",
        },
    )
    schemas = load(spec).data["components"]["schemas"]
    assert schemas == {"Thing": {"type": "integer"}, "thing_common": {"type": "string"}}


def test_a_path_item_in_another_file_is_copied_in_place(tmp_path: Path) -> None:
    spec = files(
        tmp_path,
        {
            "api.yaml": """
                openapi: 3.0.3
                info: {title: Multi, version: "1.0"}
                paths:
                  /users: {$ref: "./paths/users.yaml"}
            """,
            "paths/users.yaml": """
                get:
                  operationId: users_list
                  responses:
                    "200": {description: ok}
            """,
        },
    )
    document = load(spec)
    assert document.data["paths"]["/users"]["get"]["operationId"] == "users_list"
    assert place(document, "/paths/~1users/get/operationId") == (tmp_path / "paths" / "users.yaml", 2)


def test_nested_relative_refs_across_directories(tmp_path: Path) -> None:
    spec = files(
        tmp_path,
        {
            "spec/api.yaml": ROOT_SPEC % "../schemas/thing.yaml",
            "schemas/thing.yaml": """
                type: object
                properties:
                  owner: {$ref: "people/owner.yaml#/Owner"}
            """,
            "schemas/people/owner.yaml": "Owner: {type: object, properties: {id: {type: integer}}}\n",
        },
    )
    data = load(spec).data
    schemas = data["components"]["schemas"]
    assert schemas["thing"]["properties"]["owner"] == {"$ref": "#/components/schemas/Owner"}
    assert schemas["Owner"] == {"type": "object", "properties": {"id": {"type": "integer"}}}


def test_json_and_yaml_files_mix(tmp_path: Path) -> None:
    spec = files(
        tmp_path,
        {
            "api.json": json.dumps(
                {
                    "openapi": "3.0.3",
                    "info": {"title": "Mix", "version": "1"},
                    "paths": {"/a": {"$ref": "a.yaml"}},
                }
            ),
            "a.yaml": """
                get:
                  operationId: a_get
                  responses:
                    "200":
                      description: ok
                      content: {application/json: {schema: {$ref: "b.json#/B"}}}
            """,
            "b.json": '{\n  "B": {"type": "string"}\n}\n',
        },
    )
    document = load(spec)
    assert document.data["components"]["schemas"] == {"B": {"type": "string"}}
    assert place(document, "/components/schemas/B/type") == (tmp_path / "b.json", 2)


def test_a_local_ref_inside_another_file_means_that_file(tmp_path: Path) -> None:
    spec = files(
        tmp_path,
        {
            "api.yaml": ROOT_SPEC % "lib.yaml#/components/schemas/Box"
            + "    components:\n      schemas:\n        Item: {type: integer}\n",
            "lib.yaml": """
                components:
                  schemas:
                    Box:
                      type: object
                      properties:
                        item: {$ref: "#/components/schemas/Item"}
                        box: {$ref: "#/components/schemas/Box"}
                    Item: {type: string}
            """,
        },
    )
    schemas = load(spec).data["components"]["schemas"]
    # lib.yaml's Item, not the root's; the recursion stays a reference
    assert schemas["Box"]["properties"] == {
        "item": {"$ref": "#/components/schemas/Item_lib"},
        "box": {"$ref": "#/components/schemas/Box"},
    }
    assert schemas["Item"] == {"type": "integer"} and schemas["Item_lib"] == {"type": "string"}


def test_an_error_in_another_file_is_reported_at_its_file_and_line(tmp_path: Path) -> None:
    spec = files(
        tmp_path,
        {
            "api.yaml": ROOT_SPEC % "schemas.yaml#/components/schemas/Thing",
            "schemas.yaml": """
                components:
                  schemas:
                    Thing:
                      type: object
                      properties:
                        other: {$ref: "#/components/schemas/Missing"}
            """,
        },
    )
    result = run_generator(spec, tmp_path / "out")
    assert result.returncode == 2, result.stderr
    assert f"{tmp_path / 'schemas.yaml'}:6: #/components/schemas/Thing/properties/other/$ref: " in result.stderr
    assert not (tmp_path / "out").exists()


def test_invalid_yaml_in_another_file_names_that_file(tmp_path: Path) -> None:
    spec = files(tmp_path, {"api.yaml": ROOT_SPEC % "bad.yaml", "bad.yaml": "type: object\nproperties: [\n"})
    [line] = errors(spec)
    assert line.startswith(f"{tmp_path / 'bad.yaml'}:") and "invalid YAML" in line


@pytest.mark.parametrize("ref", ["https://example.com/s.yaml#/S", "http://example.com/s.yaml", "//example.com/s.yaml"])
def test_a_url_ref_is_refused_and_never_fetched(tmp_path: Path, ref: str) -> None:
    spec = files(tmp_path, {"api.yaml": ROOT_SPEC % ref})
    [line] = errors(spec)
    assert line.startswith(f"{spec}:12: #/paths/~1things/get/responses/200/content/application~1json/schema/$ref: ")
    assert "is a URL: the generator never fetches" in line


def test_a_missing_file_is_reported_where_it_is_referred_to(tmp_path: Path) -> None:
    spec = files(tmp_path, {"api.yaml": ROOT_SPEC % "nowhere.yaml#/S"})
    [line] = errors(spec)
    assert line.startswith(f"{spec}:12: ") and "referenced file 'nowhere.yaml'" in line and "no such file" in line


def test_a_dangling_pointer_into_another_file_is_reported(tmp_path: Path) -> None:
    spec = files(tmp_path, {"api.yaml": ROOT_SPEC % "s.yaml#/components/schemas/Nope", "s.yaml": "a: 1\n"})
    [line] = errors(spec)
    assert line.startswith(f"{spec}:12: ") and f"does not resolve in {tmp_path / 's.yaml'}" in line


def test_recursion_across_files_stays_a_reference(tmp_path: Path) -> None:
    spec = files(
        tmp_path,
        {
            "api.yaml": ROOT_SPEC % "a.yaml#/Node",
            "a.yaml": "Node: {type: object, properties: {child: {$ref: 'b.yaml#/Leaf'}}}\n",
            "b.yaml": "Leaf: {type: object, properties: {parent: {$ref: 'a.yaml#/Node'}}}\n",
        },
    )
    schemas = load(spec).data["components"]["schemas"]
    assert schemas["Node"]["properties"]["child"] == {"$ref": "#/components/schemas/Leaf"}
    assert schemas["Leaf"]["properties"]["parent"] == {"$ref": "#/components/schemas/Node"}


def test_a_cycle_of_references_across_files_is_reported_in_its_file(tmp_path: Path) -> None:
    spec = files(
        tmp_path,
        {
            "api.yaml": ROOT_SPEC % "a.yaml",
            "a.yaml": "$ref: b.yaml\n",
            "b.yaml": "$ref: a.yaml\n",
        },
    )
    result = run_generator(spec, tmp_path / "out")
    assert result.returncode == 2
    assert "a cycle of references that never reaches a schema" in result.stderr
    assert (
        f"{tmp_path / 'a.yaml'}:1: #/$ref: " in result.stderr or f"{tmp_path / 'b.yaml'}:1: #/$ref: " in result.stderr
    )


def test_a_cycle_of_path_items_across_files_is_refused(tmp_path: Path) -> None:
    spec = files(
        tmp_path,
        {
            "api.yaml": 'openapi: 3.0.3\ninfo: {title: C, version: "1"}\npaths:\n  /a: {$ref: a.yaml}\n',
            "a.yaml": "$ref: b.yaml\n",
            "b.yaml": "$ref: a.yaml\n",
        },
    )
    [line] = errors(spec)
    assert line.startswith(f"{tmp_path / 'b.yaml'}:1: #/$ref: ") and "cycle of path items" in line


def test_directories_devices_pipes_and_link_loops_are_refused(tmp_path: Path) -> None:
    (tmp_path / "dir.yaml").mkdir()
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    (tmp_path / "dev.yaml").symlink_to("/dev/zero")
    for name in ["dir.yaml", "pipe.yaml", "dev.yaml"]:
        spec = files(tmp_path, {"api.yaml": ROOT_SPEC % name})
        [line] = errors(spec)
        assert "not a regular file" in line, line
    for name in ["loop.yaml", "a%00b.yaml"]:
        spec = files(tmp_path, {"api.yaml": ROOT_SPEC % name})
        [line] = errors(spec)
        assert "referenced file " in line and "cannot be read" in line, line


def test_a_yaml_bomb_in_another_file_is_refused(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(7)
    )
    spec = files(tmp_path, {"api.yaml": ROOT_SPEC % "bomb.yaml#/h", "bomb.yaml": bomb})
    [line] = errors(spec)
    assert line.startswith(f"{tmp_path / 'bomb.yaml'}:") and "expands to more than" in line


def test_too_many_files_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("generator.bundle._MAX_FILES", 3)
    chain: dict[str, Any] = {"api.yaml": ROOT_SPEC % "s0.yaml"}
    chain |= {f"s{i}.yaml": f"type: object\nproperties: {{n: {{$ref: s{i + 1}.yaml}}}}\n" for i in range(4)}
    spec = files(tmp_path, chain)
    [line] = errors(spec)
    assert line.startswith(f"{tmp_path / 's1.yaml'}:2: ") and "more than 3 files" in line


SPLIT_ECHO = {
    "openapi.yaml": """
        openapi: 3.0.3
        info: {title: Split, version: "1.0"}
        paths:
          /echo: {$ref: "paths/echo.yaml"}
    """,
    "paths/echo.yaml": """
        get:
          operationId: echo_get
          tags: [echo]
          parameters:
            - $ref: "../components/parameters.json#/Tag"
          responses:
            "200":
              description: ok
              content:
                application/json:
                  schema: {$ref: "../components/schemas.yaml#/components/schemas/Echo"}
    """,
    "components/parameters.json": '{"Tag": {"name": "tag", "in": "query", "schema": {"type": "string"}}}',
    "components/schemas.yaml": """
        components:
          schemas:
            Echo:
              type: object
              properties:
                url: {type: string}
                headers: {$ref: "#/components/schemas/Headers"}
            Headers:
              type: object
              additionalProperties: {type: string}
    """,
}


def test_a_split_spec_generates_a_package_that_calls_the_server(tmp_path: Path, server: LiveServer) -> None:
    spec = files(tmp_path / "spec", SPLIT_ECHO)
    out = tmp_path / "pkg"
    result = run_generator(spec, out, "--strict")
    assert result.returncode == 0, result.stderr
    script = textwrap.dedent(
        f"""
        from sdk import Client
        from sdk.models.components import Echo
        with Client(server_url={server.url!r}) as client:
            echo = client.echo.get(tag="a b")
        assert isinstance(echo, Echo), echo
        assert echo.url == {server.url + "/echo?tag=a%20b"!r}, echo.url
        print("ok")
        """
    )
    ran = subprocess.run(
        [sys.executable, "-c", script],
        env={"PYTHONPATH": str(out / "src"), "PATH": str(Path(sys.executable).parent)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ran.returncode == 0 and ran.stdout.strip() == "ok", ran.stdout + ran.stderr
    assert server.requests[-1]["path"] == "/echo" and server.requests[-1]["query"] == "tag=a%20b"
