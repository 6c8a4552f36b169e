"""No injection: hostile strings anywhere in a spec give files that parse, import, and run nothing from the spec.

Three layers: the render filters under hypothesis (cheap, many examples); the hand-written
tests/specs/hostile.yaml end to end (ruff, mypy --strict, import, a call on the wire); and random hostile specs
under hypothesis, generated and imported in-process: 25 examples locally, 300 when the environment variable ``CI``
is set (the CI runner sets ``CI=true``); ``HOSTILE_EXAMPLES=N`` overrides both.
"""

from __future__ import annotations

import ast
import importlib
import json
import os
import pkgutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import build_api
from generator.config import Config
from generator.document import Document
from generator.errors import SpecError
from generator.filters import comment, docstring, md, pyrepr
from generator.ir import Api, Resource
from generator.models import generate_models
from generator.output import materialize
from generator.pipeline import TEMPLATES
from generator.pointers import escape
from generator.render import environment, render_all
from generator.validate import validate
from tests.cli_runs import generate_ok
from tests.tools import imported

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).resolve().parent / "specs" / "hostile.yaml"
SENTINEL = Path(tempfile.gettempdir()) / f"hostile-sentinel-{os.getpid()}"
PAYLOAD = f"__import__('pathlib').Path({str(SENTINEL)!r}).touch()"
FRAGMENTS = [
    '"""',
    "'''",
    '"',
    "'",
    "\\",
    "\\n",
    "\n",
    "\r\n",
    "\t",
    "\x00",
    "\x1b",
    "\u2028",
    "{{ 7*7 }}",
    "{% if true %}",
    "{%- endif %}",
    "}}",
    "{#",
    "#",
    "`",
    "|",
    "<script>",
    " ",
    "-",
    ".",
    "1",
    "class",
    "None",
    "model_config",
    "ü",
    "名前",
    PAYLOAD,
    f'"); {PAYLOAD}; ("',
    f"'); {PAYLOAD}; ('",
    f'"""\n{PAYLOAD}\n"""',
    f"'''\n{PAYLOAD}\n'''",
    f"\\\n{PAYLOAD}",
    f"{{{{ {PAYLOAD} }}}}",
]
hostile_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=5).map("".join)
schema_key = st.one_of(
    st.sampled_from(["class", "None", "model_config", "BaseModel", "Model", "OpenEnum", "Field", "str", "1x", "a.b"]),
    st.from_regex(r"[A-Za-z0-9._-]{1,10}", fullmatch=True),
)


@pytest.fixture(autouse=True)
def no_sentinel() -> Iterator[None]:
    SENTINEL.unlink(missing_ok=True)
    yield
    assert not SENTINEL.exists(), "code from the spec ran"


# -- the filters ----------------------------------------------------------------------------------


@settings(max_examples=500, deadline=None)
@given(hostile_text, st.integers(min_value=0, max_value=12))
def test_docstring_filter_stays_inside_its_docstring(text: str, indent: int) -> None:
    source = f'def f():\n{" " * indent}    """{docstring(text, indent + 4)}"""\n{" " * indent}    return 1\n'
    if indent:
        source = "class C:\n" + "\n".join(" " * 4 + line if line else line for line in source.splitlines()) + "\n"
    tree = ast.parse(source)
    func = tree.body[0] if not indent else tree.body[0].body[0]  # type: ignore[attr-defined]
    assert isinstance(func, ast.FunctionDef) and len(func.body) == 2


@settings(max_examples=500, deadline=None)
@given(
    st.recursive(
        st.one_of(hostile_text, st.integers(), st.floats(allow_nan=False), st.booleans(), st.none()),
        lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(hostile_text, inner, max_size=3)),
        max_leaves=8,
    )
)
def test_pyrepr_round_trips(value: Any) -> None:
    assert eval(pyrepr(value), {"__builtins__": {"float": float}}) == value


@settings(max_examples=500, deadline=None)
@given(hostile_text)
def test_comment_and_markdown_stay_on_one_line(text: str) -> None:
    for filtered in (comment(text), md(text)):
        assert "\n" not in filtered and "\r" not in filtered
        tree = ast.parse(f"x = 1  # {filtered}\n")
        assert len(tree.body) == 1


# -- the hand-written hostile spec, end to end ------------------------------------------------------------


def run(*args: str, cwd: Path = ROOT, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={"PYTHONPATH": str(cwd / "src") if cwd != ROOT else str(ROOT), "PATH": str(Path(sys.executable).parent)},
    )


EXERCISE = """
import importlib, pkgutil, sys
import httpx
import sdk
from sdk import Client
from sdk.models import components

for info in pkgutil.walk_packages(sdk.__path__, "sdk."):
    importlib.import_module(info.name)

seen = []

def handler(request):
    seen.append(request)
    return httpx.Response(200, json={"model_config": "m"})

with Client(server_url="http://test", client=httpx.Client(transport=httpx.MockTransport(handler))) as client:
    result = client.class_.import_(class_="c/1", from_id=7, field_1st="f", a_b="dash", a_b_2="under", a_b_3="dot")
    assert result.model_config_ == "m", result
    request = seen[-1]
    assert request.url.raw_path.split(b"?")[0] == b"/things/c%2F1/7/f", request.url
    query = request.url.params.multi_items()
    assert ("a-b", "dash") in query and ("a_b", "under") in query and ("a.b", "dot") in query, query
    assert ('a"b', '\"\"\"' + "'''" + "\\\\") in query, query
    assert ("a'b", "');__import__('pathlib').Path('SENTINEL').touch();('") in query, query
    assert client.import_.from_.list() is not None

from sdk.models import operations
assert operations.DupNameRequest.model_fields["a"].annotation is int
assert operations.DupNameRequest2.model_fields["a"].annotation is str
assert callable(Client().models.dup_name) and callable(Client().models.dup_name_2)
values = [m.value for m in components.WeirdEnum]
assert len(values) == len(set(values)) == 17, values
assert components.WeirdEnum("\\"\\"\\"").value == '\"\"\"'
assert components.IntEnumModel(-1).value == -1
fields = components.Class.model_fields
aliases = {f.alias if f.alias is not None else n for n, f in fields.items()}
assert {"model_config", "json", "copy", "schema", "class", "from", "1st", "a-b", "a_b", "A B", "", "None"} <= aliases
model = components.Class.model_validate({"model_config": "x", "a-b": "1", "a_b": "2", "A B": "3", "quote\\"d": "q"})
dumped = model.model_dump(by_alias=True, exclude_unset=True)
assert dumped == {"model_config": "x", "a-b": "1", "a_b": "2", "A B": "3", "quote\\"d": "q"}, dumped
print("ok")
"""


@pytest.fixture(scope="module")
def hostile_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("hostile")
    spec = work / "hostile.yaml"
    spec.write_text(HOSTILE.read_text(encoding="utf-8").replace("SENTINEL", str(SENTINEL)), encoding="utf-8")
    generate_ok(work / "pkg", "--strict", spec=spec, timeout=300)
    return work / "pkg"


def test_hostile_spec_parses_and_lints(hostile_package: Path) -> None:
    files = sorted(hostile_package.rglob("*.py"))
    assert len(files) > 20
    for path in files:
        ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    ruff = run("-m", "ruff", "check", "--no-cache", "src", cwd=hostile_package)
    assert ruff.returncode == 0, ruff.stdout + ruff.stderr


def test_hostile_spec_type_checks(hostile_package: Path) -> None:
    mypy = run("-m", "mypy", "--strict", "--no-incremental", "--cache-dir", "/dev/null", "src", cwd=hostile_package)
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr


def test_hostile_spec_imports_and_keeps_wire_names(hostile_package: Path) -> None:
    result = run("-c", EXERCISE.replace("SENTINEL", str(SENTINEL)), cwd=hostile_package, timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


# -- random hostile specs -------------------------------------------------------------------------------


def spec_for(s: list[str], keys: list[str]) -> dict[str, Any]:
    enum_key, object_key = keys[0], keys[1] if keys[1] != keys[0] else keys[1] + "_2"
    ref = "#/components/schemas/"
    file_key = file_property(s)
    return {
        "openapi": "3.1.0",
        "info": {"title": s[0], "version": s[1], "description": s[2]},
        "servers": [{"url": s[3], "description": s[4]}],
        "tags": [{"name": s[5], "description": s[6]}],
        "paths": {
            "/items/{item_id}": {
                "parameters": [{"name": "item_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "get": {
                    "tags": [s[5]],
                    "operationId": s[7],
                    "summary": s[8],
                    "description": s[9],
                    "parameters": [
                        {
                            "name": s[10],
                            "in": "query",
                            "schema": {"type": "string", "default": s[11]},
                            "description": s[12],
                        },
                        {"name": s[13], "in": "header", "schema": {"type": "string"}, "example": s[14]},
                        {"name": "kind", "in": "query", "schema": {"$ref": ref + escape(enum_key)}},
                    ],
                    "responses": {
                        "200": {
                            "description": s[15],
                            "content": {"application/json": {"schema": {"$ref": ref + escape(object_key)}}},
                        },
                        "default": {"description": s[16]},
                    },
                },
                "put": {
                    "tags": [s[5]],
                    "operationId": s[7] + "-put",
                    "requestBody": {"content": {"application/json": {"schema": {"$ref": ref + escape(object_key)}}}},
                    "responses": {"204": {"description": s[17]}},
                },
                "post": {
                    "tags": [s[5]],
                    "operationId": s[7] + "-post",
                    "requestBody": {"content": {"multipart/form-data": {"schema": {"$ref": ref + escape(object_key)}}}},
                    "responses": {"204": {"description": s[17]}},
                },
            }
        },
        "components": {
            "schemas": {
                enum_key: {"type": "string", "enum": list(dict.fromkeys(s[18:21])), "description": s[21]},
                object_key: {
                    "type": "object",
                    "title": s[22],
                    "description": s[23],
                    "required": [s[24]],
                    "properties": {
                        s[24]: {"type": "string", "description": s[25], "examples": [s[26]]},
                        s[27]: {"$ref": ref + escape(enum_key)},
                        s[28]: {"type": "string", "default": s[29], "title": s[30]},
                        file_key: {"type": "string", "format": "binary", "description": s[26], "title": s[25]},
                    },
                },
            }
        },
    }


def file_property(s: list[str]) -> str:
    """A hostile name for the object's binary property, distinct from its other properties."""
    name = s[25]
    while name in (s[24], s[27], s[28]):
        name += "_"
    return name


def find_call(api: Api) -> tuple[str, str, str, str]:
    """The attribute path from the SDK to the operations' resource, and the GET, PUT and POST method names."""
    resource: Resource = next(r for r in api.resources if r.operations)
    get = next(o.method_name for o in resource.operations if o.http_method == "GET")
    put = next(o.method_name for o in resource.operations if o.http_method == "PUT")
    post = next(o.method_name for o in resource.operations if o.http_method == "POST")
    return resource.access, get, put, post


_COUNTER = iter(range(10**9))
_IN_CI = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
HOSTILE_EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES") or (300 if _IN_CI else 25))


@settings(
    max_examples=HOSTILE_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(hostile_text, min_size=31, max_size=31), st.lists(schema_key, min_size=2, max_size=2))
def test_random_hostile_specs_generate_safe_code(strings: list[str], keys: list[str]) -> None:
    spec = spec_for(strings, keys)
    package = f"hostile_{os.getpid()}_{next(_COUNTER)}"
    config = Config(package=package, distribution=package, sdk_class="Hostile", core_class="HostileCore")
    document = Document(path=Path("random.json"), text=json.dumps(spec), data=spec)
    problems = [p for p in validate(spec) if p.level == "error"]
    assert not problems, problems
    try:
        models = generate_models(spec, package, TEMPLATES / "datamodel")
        api, _ = build_api(spec, config, models)
        env = environment(TEMPLATES)
        files = render_all(api, env)
    except SpecError as error:  # pragma: no cover - a clean refusal is allowed, a crash is not
        pytest.fail(f"refused: {error}")
    for rel, text in files.items():
        if rel.endswith(".py"):
            ast.parse(text, filename=rel)
    assert document.data is spec
    with tempfile.TemporaryDirectory() as tmp:
        materialize(files, Path(tmp))
        with imported(Path(tmp), package) as root:
            for info in pkgutil.walk_packages(root.__path__, f"{package}."):
                importlib.import_module(info.name)
            object_ref = spec["paths"]["/items/{item_id}"]["get"]["responses"]["200"]["content"]["application/json"]
            exercise(package, api, strings, models.classes[object_ref["schema"]["$ref"]])
    assert not SENTINEL.exists(), "code from the spec ran"


def exercise(package: str, api: Api, s: list[str], object_class_name: str) -> None:
    """Call the GET operation on a mock transport: the query parameter's default goes out under its exact name."""
    sdk_module = importlib.import_module(package)
    components = importlib.import_module(f"{package}.models.components")
    seen: list[httpx.Request] = []
    object_class = getattr(components, object_class_name)

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={s[24]: "value"})

    access, get, put, post = find_call(api)
    with sdk_module.Hostile(
        server_url="http://test", client=httpx.Client(transport=httpx.MockTransport(handler))
    ) as sdk:
        target: Any = sdk
        for name in access.split("."):
            target = getattr(target, name)
        result = getattr(target, get)(item_id="x/y")
        sent = seen[-1]
        # the body goes out under the exact wire names: set fields and non-None defaults, never unset optionals
        body = object_class.model_validate({s[24]: "v"})
        assert getattr(target, put)(item_id="z", body=body) is None
        expected = {s[24]: "v"} if s[28] == s[24] else {s[24]: "v", s[28]: s[29]}
        assert json.loads(seen[-1].content) == expected, seen[-1].content
        # the binary field of a multipart body takes an httpx file tuple, sent as a file part
        upload = object_class.model_validate({s[24]: "v", file_property(s): ("n.txt", b"data", "text/plain")})
        assert getattr(target, post)(item_id="z", body=upload) is None
        assert seen[-1].headers["content-type"].startswith("multipart/form-data; boundary=")
        assert b'; filename="n.txt"\r\nContent-Type: text/plain\r\n\r\ndata\r\n' in seen[-1].content
        seen.append(sent)
    assert isinstance(result, object_class)
    assert result.model_dump(mode="json", by_alias=True)[s[24]] == "value", "the wire name stays exact"
    assert seen[-1].url.raw_path.startswith(b"/items/x%2Fy")
    if s[10] not in ("item_id", "kind"):
        assert (s[10], s[11]) in seen[-1].url.params.multi_items()
