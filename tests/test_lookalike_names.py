"""Names that look alike stay apart, and every output path is a portable file name (naming, portable_names).

Python reads identifiers NFKC-normalised (``Ｐｅｔ`` is ``Pet``), macOS and Windows ignore case (``peta.md`` is
``PetA.md``), Windows keeps device names (``con.py``) and every file system limits a name's length.
"""

from __future__ import annotations

import importlib
import itertools
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import TEMPLATES, file_names
from generator.build import build_api
from generator.config import Config, load_config
from generator.errors import SpecError
from generator.hoist import hoist
from generator.models import generate_models, named
from generator.normalize import normalize_schemas
from generator.output import materialize
from generator.pointers import escape
from generator.render import environment, render_all
from tests.cli_runs import generate_ok
from tests.tools import imported

_COUNTER = itertools.count()
LONG_TAG = "t" * 300
DEVICES = ["con", "aux", "nul", "prn", "com1", "lpt1", "CON"]


def _op(tag: str, op_id: str, ref: str, *, param: bool = False, error: str | None = None) -> dict[str, Any]:
    def content(target: str) -> dict[str, Any]:
        return {"application/json": {"schema": {"$ref": f"#/components/schemas/{target}"}}}

    responses: dict[str, Any] = {"200": {"description": "ok", "content": content(ref)}}
    if error:
        responses["404"] = {"description": "missing", "content": content(error)}
    operation: dict[str, Any] = {"operationId": op_id, "tags": [tag], "responses": responses}
    if param:
        operation["parameters"] = [{"name": "q", "in": "query", "schema": {"type": "string"}}]
    return {"get": operation}


PATHS = {
    "/pet": _op("pets", "get_pet", "Pet"),
    "/fullwidth": _op("pets", "get_fullwidth", "Ｐｅｔ"),
    "/pet_a": _op("pets", "getPetA", "PetA", param=True, error="PetA"),
    "/peta": _op("pets", "getpeta", "Peta", param=True, error="Peta"),
    "/letter": _op("pets", "get_letter", "Tagged"),
    "/fail": _op("pets", "get_fail", "Pet", error="SdkError"),  # SDKError's page, but for case
}
# File names: a tag too long for any file system, and tags and a schema named like Windows devices.
FILE_PATHS = {
    "/long": _op(LONG_TAG, "long_call", "Con"),
    **{f"/device{i}": _op(tag, f"call{i}", "Con") for i, tag in enumerate(DEVICES)},
}
SCHEMAS = {
    "Pet": {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]},
    "Ｐｅｔ": {"type": "object", "properties": {"size": {"type": "integer"}}, "required": ["size"]},
    "PetA": {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]},
    "Peta": {"type": "object", "properties": {"b": {"type": "string"}}, "required": ["b"]},
    "Letter": {"type": "string", "enum": ["Ａ", "A", "b"]},
    "Tagged": {
        "type": "object",
        "properties": {
            "letter": {"$ref": "#/components/schemas/Letter"},
            "inline": {"type": "array", "items": {"type": "string", "enum": ["ｂ", "b"]}},
        },
    },
    # the library would call the second one Owner1 itself: the doc page of OWNER1
    "SdkError": {"type": "object", "properties": {"why": {"type": "string"}}},
    "Named": {"type": "string", "enum": ["q1", "q2"], "x-enum-varnames": ["Ｑ", "Q"]},  # the spec's own names
    "owner": {"type": "object", "properties": {"a": {"type": "string"}}},
    "Owner": {"type": "object", "properties": {"b": {"type": "string"}}},
    "OWNER1": {"type": "object", "properties": {"c": {"type": "string"}}},
}
SPEC = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": PATHS, "components": {"schemas": SCHEMAS}}
FILE_SPEC = {
    **SPEC,
    "paths": FILE_PATHS,
    "components": {"schemas": {"Con": {"type": "object", "properties": {"c": {"type": "string"}}}}},
}

SCRIPT = """
import json, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ANSWERS = {"/pet": {"name": "rex"}, "/fullwidth": {"size": 3}, "/pet_a": {"a": "1"}, "/peta": {"b": "2"},
           "/letter": {"letter": "Ａ", "inline": ["ｂ", "b"]}, "/long": {"c": "far"}, "/device6": {"c": "dev"}, "/fail": {"why": "no"}}

class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        payload = json.dumps(ANSWERS[self.path.split("?")[0]]).encode()
        self.send_response(404 if self.path == "/fail" else 200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()

import importlib, pkgutil, sdk
for m in pkgutil.walk_packages(sdk.__path__, "sdk."):
    importlib.import_module(m.name)
from sdk import Client
from sdk.models import components as c

client = Client(server_url=f"http://127.0.0.1:{server.server_port}", timeout_ms=5000)
if hasattr(client, "con"):  # the file-names spec
    assert getattr(client, "t" * 300).long_call().c == "far"
    assert client.con.call6().c == "dev"  # the tag "CON"; "con" is client.con_2
    raise SystemExit(print("ok"))
pet, other = client.pets.get_pet(), client.pets.get_fullwidth()
assert type(pet) is not type(other) and pet.name == "rex" and other.size == 3, (pet, other)
a, b = client.pets.get_pet_a(q="x"), client.pets.getpeta(q="y")
assert (a.a, b.b) == ("1", "2") and type(a) is not type(b), (a, b)
assert [m.value for m in c.Letter] == ["Ａ", "A", "b"] and c.Letter("Ａ") is not c.Letter("A"), list(c.Letter)
tagged = client.pets.get_letter()
assert tagged.letter is c.Letter("Ａ") and [v.value for v in tagged.inline] == ["ｂ", "b"], tagged
assert tagged.inline[0] is not tagged.inline[1], tagged
assert [m.value for m in c.Named] == ["q1", "q2"], list(c.Named)
from sdk.models import errors
try:
    client.pets.get_fail()
except errors.SdkErrorResponse as error:
    assert error.data.why == "no", error
else:
    raise AssertionError("no error")
print("ok")
"""


def _generate(tmp: Path, spec_data: dict[str, Any]) -> Path:
    spec = tmp / "spec.json"
    spec.write_text(json.dumps(spec_data, ensure_ascii=False, indent=1), encoding="utf-8")
    generate_ok(tmp / "pkg", "--strict", spec=spec, timeout=180)
    return tmp / "pkg"


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _generate(tmp_path_factory.mktemp("lookalike"), SPEC)


@pytest.fixture(scope="module")
def files_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _generate(tmp_path_factory.mktemp("files"), FILE_SPEC)


def _on_the_wire(package: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(SCRIPT)],
        env={"PYTHONPATH": str(package / "src"), "PATH": str(Path(sys.executable).parent)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


def test_lookalike_schemas_and_enum_values_stay_apart_on_the_wire(package: Path) -> None:
    _on_the_wire(package)


def test_long_and_device_named_tags_work_on_the_wire(files_package: Path) -> None:
    _on_the_wire(files_package)


def test_no_two_output_paths_are_one_file_on_a_case_insensitive_file_system(package: Path) -> None:
    paths = [p.relative_to(package).as_posix() for p in package.rglob("*") if "__pycache__" not in p.parts]
    folded = [unicodedata.normalize("NFKC", p).casefold() for p in paths]
    assert len(set(folded)) == len(folded), sorted(p for p in paths if folded.count(p.casefold()) > 1)
    docs = {p.name for p in (package / "docs" / "models").rglob("*.md")}
    assert {"peta.md", "peta2.md"} <= {p.name for p in (package / "docs" / "models" / "components").iterdir()}
    assert len([d for d in docs if d.startswith("getpeta")]) == 2, docs  # the two request models' pages
    assert {"sdkerror.md", "sdkerrorresponse.md"} <= {
        p.name for p in (package / "docs" / "models" / "errors").iterdir()
    }


def test_no_output_file_has_a_device_name_or_an_overlong_name(files_package: Path) -> None:
    devices = {"con", "prn", "aux", "nul", *(f"{d}{n}" for d in ("com", "lpt") for n in range(10))}
    for path in files_package.rglob("*"):
        assert path.name.split(".")[0].casefold() not in devices, path
        assert len(path.name.encode()) <= 100, path
    assert (files_package / "src" / "sdk" / "con_.py").is_file()
    assert (files_package / "docs" / "models" / "components" / "con_.md").is_file()


def test_check_paths_reports_paths_one_file_system_would_merge() -> None:
    assert file_names.check_paths(["docs/PetA.md", "docs/peta.md", "docs/pet.md"]) != []
    assert file_names.check_paths(["a/\u00e9.md", "a/e\u0301.md"]) != []  # NFC and NFD: one file on macOS
    assert file_names.check_paths(["docs/peta.md", "docs/peta2.md", os.path.join("src", "a.py")]) == []
    assert [file_names.file_stem(n) for n in ("con", "Aux", "lpt1", "console")] == ["con_", "Aux_", "lpt1_", "console"]


def test_render_refuses_names_that_would_share_a_file() -> None:
    """The last guard, should naming ever miss a pair: refused (exit 2 through SpecError), never a file lost."""
    data = json.loads(json.dumps(SPEC))
    normalize_schemas(data)
    api, _ = build_api(data, load_config(None), named(hoist(data)))
    first, second = api.models[0], api.models[1]
    for twin in (first.class_name, first.class_name.upper()):  # exactly one page, or one ignoring case
        clashing = replace(api, models=(first, replace(second, class_name=twin), *api.models[2:]))
        with pytest.raises(SpecError, match="rename one of the names in the spec"):
            render_all(clashing, environment(TEMPLATES))


LOOKALIKE = st.text(st.sampled_from(["a", "A", "ａ", "Ａ", "ª", "_", ".", "1", "ß", "ẞ"]), min_size=1, max_size=4)


@settings(max_examples=int(os.environ.get("LOOKALIKE_EXAMPLES") or 12), deadline=None)
@given(st.lists(LOOKALIKE, min_size=3, max_size=3, unique=True), st.lists(LOOKALIKE, min_size=2, max_size=4))
def test_random_lookalike_names_give_a_package_that_imports(keys: list[str], values: list[str]) -> None:
    """Keys and enum values drawn from characters that fold together (case, full width, NFKC): every class and
    member stays apart in Python, every path apart on a case-insensitive file system."""
    values = list(dict.fromkeys(values))
    ref = "#/components/schemas/"
    schemas: dict[str, Any] = {keys[0]: {"type": "string", "enum": values}}
    for key in keys[1:]:
        schemas[key] = {"type": "object", "properties": {"e": {"$ref": ref + escape(keys[0])}}}
    paths = {f"/p{i}": _op(key, f"op{i}", key, param=True, error=keys[-1]) for i, key in enumerate(keys[1:])}
    spec = {**SPEC, "paths": paths, "components": {"schemas": schemas}}
    package = f"lookalike_{os.getpid()}_{next(_COUNTER)}"
    config = Config(package=package, distribution=package, sdk_class="Look", core_class="LookCore")
    models = generate_models(spec, package, TEMPLATES / "datamodel")
    api, _ = build_api(spec, config, models)
    files = render_all(api, environment(TEMPLATES))  # raises on two paths for one file
    with tempfile.TemporaryDirectory() as tmp:
        materialize(files, Path(tmp))
        with imported(Path(tmp), package):
            components = importlib.import_module(f"{package}.models.components")
            enum = getattr(components, models.classes[ref + escape(keys[0])])
            assert [member.value for member in enum] == values
            classes = {models.classes[ref + escape(key)] for key in keys[1:]}
            assert len({getattr(components, name) for name in classes}) == len(keys) - 1
