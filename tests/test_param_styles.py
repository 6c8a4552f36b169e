"""Every OpenAPI parameter style on the wire (issue 14.2), never a Python repr.

One package is generated from the spec below (an operation per cell of the OpenAPI specification's
style-examples table, whose parameter is named ``color``: ``"blue"``, ``["blue", "black", "brown"]`` or
``{"R": 100, "G": 200, "B": 150}``), imported in-process and called against uvicorn on 127.0.0.1, which records
the raw path, the raw query string and the headers as they arrive. Before, a path array went out as
``%5B%27blue%27%2C...``, an object query as ``color=%7B%27R%27...`` and an object header as ``{'R': 100, ...}``.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.cli_runs import generate_ok
from tests.server import LiveServer
from tests.tools import imported

PACKAGE = "styles_sdk"
PRIMITIVE = "blue"
ARRAY = ["blue", "black", "brown"]
OBJECT = {"R": 100, "G": 200, "B": 150}
VALUES = {"primitive": PRIMITIVE, "array": ARRAY, "object": OBJECT}
SCHEMAS: dict[str, Any] = {
    "primitive": {"type": "string"},
    "array": {"type": "array", "items": {"type": "string"}},
    "object": {"$ref": "#/components/schemas/Color"},
}

# (location, style, explode, kind) -> what arrives: the path segment, the query string, the header or Cookie value
CELLS: dict[tuple[str, str, bool, str], str] = {
    ("path", "matrix", False, "primitive"): ";color=blue",
    ("path", "matrix", False, "array"): ";color=blue,black,brown",
    ("path", "matrix", False, "object"): ";color=R,100,G,200,B,150",
    ("path", "matrix", True, "primitive"): ";color=blue",
    ("path", "matrix", True, "array"): ";color=blue;color=black;color=brown",
    ("path", "matrix", True, "object"): ";R=100;G=200;B=150",
    ("path", "label", False, "primitive"): ".blue",
    ("path", "label", False, "array"): ".blue,black,brown",
    ("path", "label", False, "object"): ".R,100,G,200,B,150",
    ("path", "label", True, "primitive"): ".blue",
    ("path", "label", True, "array"): ".blue.black.brown",
    ("path", "label", True, "object"): ".R=100.G=200.B=150",
    ("path", "simple", False, "primitive"): "blue",
    ("path", "simple", False, "array"): "blue,black,brown",
    ("path", "simple", False, "object"): "R,100,G,200,B,150",
    ("path", "simple", True, "primitive"): "blue",
    ("path", "simple", True, "array"): "blue,black,brown",
    ("path", "simple", True, "object"): "R=100,G=200,B=150",
    ("query", "form", False, "primitive"): "color=blue",
    ("query", "form", False, "array"): "color=blue,black,brown",
    ("query", "form", False, "object"): "color=R,100,G,200,B,150",
    ("query", "form", True, "primitive"): "color=blue",
    ("query", "form", True, "array"): "color=blue&color=black&color=brown",
    ("query", "form", True, "object"): "R=100&G=200&B=150",
    ("query", "spaceDelimited", False, "array"): "color=blue%20black%20brown",
    ("query", "spaceDelimited", False, "object"): "color=R%20100%20G%20200%20B%20150",
    ("query", "pipeDelimited", False, "array"): "color=blue%7Cblack%7Cbrown",
    ("query", "pipeDelimited", False, "object"): "color=R%7C100%7CG%7C200%7CB%7C150",
    ("query", "deepObject", True, "object"): "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150",
    # headers (style simple) and cookies (style form) are not in the table; they follow its simple and form rows
    ("header", "simple", False, "primitive"): "blue",
    ("header", "simple", False, "array"): "blue,black,brown",
    ("header", "simple", False, "object"): "R,100,G,200,B,150",
    ("header", "simple", True, "primitive"): "blue",
    ("header", "simple", True, "array"): "blue,black,brown",
    ("header", "simple", True, "object"): "R=100,G=200,B=150",
    ("cookie", "form", False, "primitive"): "color=blue",
    ("cookie", "form", False, "array"): "color=blue,black,brown",
    ("cookie", "form", False, "object"): "color=R,100,G,200,B,150",
    ("cookie", "form", True, "primitive"): "color=blue",
    ("cookie", "form", True, "array"): "color=blue; color=black; color=brown",
    ("cookie", "form", True, "object"): "R=100; G=200; B=150",
}


def op_id(location: str, style: str, explode: bool, kind: str) -> str:
    return f"{location}_{style.lower()}_{'exploded' if explode else 'flat'}_{kind}"


def parameter(location: str, schema: Any, **extra: Any) -> dict[str, Any]:
    return {"name": "color", "in": location, "required": True, "schema": schema, **extra}


def operation(name: str, parameters: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "operationId": name,
        "tags": ["cells"],
        "parameters": parameters,
        "responses": {"204": {"description": "ok"}},
    }


def spec() -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for (location, style, explode, kind), _ in CELLS.items():
        name = op_id(location, style, explode, kind)
        param = parameter(location, SCHEMAS[kind], style=style, explode=explode)
        paths[f"/{name}/{{color}}" if location == "path" else f"/{name}"] = {"get": operation(name, [param])}
    string = {"type": "string"}
    paths["/defaults/{color}"] = {
        "get": operation(
            "defaults",
            [
                parameter("path", SCHEMAS["array"]),
                {**parameter("query", SCHEMAS["array"]), "name": "tags"},
                {**parameter("query", SCHEMAS["object"]), "name": "filter"},
                {**parameter("header", SCHEMAS["object"]), "name": "x-meta"},
                {**parameter("cookie", string), "name": "session"},
                {**parameter("query", string), "name": "q"},
                {**parameter("query", {"type": "boolean"}), "name": "flag"},
            ],
        )
    }
    paths["/reserved"] = {
        "get": operation(
            "reserved",
            [parameter("query", string, allowReserved=True), {**parameter("query", string), "name": "plain"}],
        )
    }
    paths["/typed/{color}"] = {
        "get": operation(
            "typed",
            [
                parameter("path", {"type": "array", "items": {"$ref": "#/components/schemas/Shade"}}, style="label"),
                {**parameter("query", {"$ref": "#/components/schemas/Paint"}), "name": "paint", "style": "deepObject"},
                {**parameter("header", {"type": "array", "items": {"type": "boolean"}}), "name": "x-flags"},
            ],
        )
    }
    paths["/nested"] = {
        "get": operation("nested", [parameter("query", {"$ref": "#/components/schemas/Box"}, style="deepObject")])
    }
    json_content = {"application/json": {"schema": {"type": "object"}}}
    paths["/content"] = {
        "get": operation("content", [{"name": "filter", "in": "query", "required": True, "content": json_content}])
    }
    paths["/misplaced/{color}"] = {"get": operation("misplaced", [parameter("path", string, style="form")])}
    integer = {"type": "integer"}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Styles", "version": "1"},
        "paths": paths,
        "components": {
            "schemas": {
                "Color": {"type": "object", "properties": {"R": integer, "G": integer, "B": integer}},
                "Shade": {"type": "string", "enum": ["light blue", "dark"]},
                "Paint": {
                    "type": "object",
                    "properties": {"shadeName": {"$ref": "#/components/schemas/Shade"}, "glossy": {"type": "boolean"}},
                },
                "Box": {"type": "object", "properties": {"size": {"type": "object", "properties": {"w": integer}}}},
            }
        },
    }


class Recorder:
    """An ASGI app that answers 204 to everything and keeps each request's raw path, raw query and headers."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        assert scope["type"] == "http"
        self.requests.append(
            {
                "raw_path": scope["raw_path"].decode("latin-1"),
                "query": scope["query_string"].decode("latin-1"),
                "headers": [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]],
            }
        )
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    def last(self) -> dict[str, Any]:
        assert len(self.requests) == 1, self.requests
        return self.requests.pop()

    def header(self, name: str) -> str | None:
        values = [v for k, v in self.requests[-1]["headers"] if k.lower() == name]
        assert len(values) <= 1, values
        return values[0] if values else None


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    work = tmp_path_factory.mktemp("styles")
    (work / "spec.json").write_text(json.dumps(spec()), encoding="utf-8")
    (work / "config.yaml").write_text(
        f"package: {PACKAGE}\ndistribution: {PACKAGE}\nsdk_class: Api\ncore_class: ApiCore\n"
    )
    out = work / "out"
    return out, generate_ok(out, spec=work / "spec.json", config=work / "config.yaml").stderr


@pytest.fixture(scope="module")
def sdk_module(generated: tuple[Path, str]) -> Iterator[ModuleType]:
    with imported(generated[0], PACKAGE) as module:
        yield module


@pytest.fixture(scope="module")
def live() -> Iterator[tuple[LiveServer, Recorder]]:
    recorder = Recorder()
    with LiveServer("127.0.0.1", app=recorder) as server:
        yield server, recorder


@pytest.fixture
def call(sdk_module: ModuleType, live: tuple[LiveServer, Recorder]) -> Iterator[tuple[Any, Recorder]]:
    server, recorder = live
    recorder.requests.clear()
    with sdk_module.Api(server_url=server.url) as sdk:
        yield sdk.cells, recorder
    recorder.requests.clear()


def arrived(recorder: Recorder, location: str, name: str) -> str | None:
    request = recorder.requests[-1]
    if location == "path":
        prefix = f"/{name}/"
        assert request["raw_path"].startswith(prefix), request
        return str(request["raw_path"][len(prefix) :])
    if location == "query":
        return str(request["query"])
    return recorder.header("color" if location == "header" else "cookie")


@pytest.mark.parametrize(
    ("location", "style", "explode", "kind"),
    list(CELLS),
    ids=[f"{loc}-{style}-{'explode' if explode else 'noexplode'}-{kind}" for loc, style, explode, kind in CELLS],
)
def test_each_cell_of_the_style_table_arrives_as_the_spec_writes_it(
    call: tuple[Any, Recorder], location: str, style: str, explode: bool, kind: str
) -> None:
    cells, recorder = call
    name = op_id(location, style, explode, kind)
    assert getattr(cells, name)(color=VALUES[kind]) is None
    assert len(recorder.requests) == 1
    assert arrived(recorder, location, name) == CELLS[(location, style, explode, kind)]


def test_a_model_object_and_the_async_call_send_the_same(call: tuple[Any, Recorder], sdk_module: ModuleType) -> None:
    import asyncio

    cells, recorder = call
    color = sdk_module.models.components.Color(R=100, G=200, B=150)
    cells.query_deepobject_exploded_object(color=color)
    assert recorder.last()["query"] == CELLS[("query", "deepObject", True, "object")]
    asyncio.run(cells.path_matrix_exploded_object_async(color=color))
    assert recorder.last()["raw_path"] == "/path_matrix_exploded_object/;R=100;G=200;B=150"


def test_defaults_per_location_and_cookies_are_sent(call: tuple[Any, Recorder]) -> None:
    """path/header: simple, explode false; query/cookie: form, explode true; a space as %20; booleans as true."""
    cells, recorder = call
    cells.defaults(
        color=["a b", "c/d"],
        tags=["x", "y"],
        filter={"R": 1},
        x_meta={"G": 2, "B": 3},
        session="s 1",
        q="a b",
        flag=True,
    )
    request = recorder.requests[-1]
    assert request["raw_path"] == "/defaults/a%20b,c%2Fd"
    assert request["query"] == "tags=x&tags=y&R=1&q=a%20b&flag=true"
    assert recorder.header("x-meta") == "G,2,B,3"
    assert recorder.header("cookie") == "session=s%201"


def test_cookies_join_a_cookie_header_given_to_the_client_or_the_call(
    sdk_module: ModuleType, live: tuple[LiveServer, Recorder]
) -> None:
    server, recorder = live
    recorder.requests.clear()
    with sdk_module.Api(server_url=server.url, http_headers={"Cookie": "theme=dark"}) as sdk:
        sdk.cells.cookie_form_exploded_array(color=["a", "b"])
        assert recorder.header("cookie") == "theme=dark; color=a; color=b"
        sdk.cells.cookie_form_flat_array(color=["a", "b"], http_headers={"Cookie": "lang=en"})
        assert recorder.header("cookie") == "lang=en; color=a,b"


def test_allow_reserved_keeps_reserved_characters_but_not_the_query_delimiters(call: tuple[Any, Recorder]) -> None:
    cells, recorder = call
    cells.reserved(color="a/b:c?d,e@f%2F#g&h=i+j[k] l", plain="a/b:c")
    assert recorder.last()["query"] == "color=a/b:c?d,e@f%2F%23g%26h%3Di%2Bj%5Bk%5D%20l&plain=a%2Fb%3Ac"


def test_enum_members_by_value_and_models_by_alias_without_none(
    call: tuple[Any, Recorder], sdk_module: ModuleType
) -> None:
    cells, recorder = call
    c = sdk_module.models.components
    cells.typed(color=[c.Shade.LIGHT_BLUE, "dark"], paint=c.Paint(shade_name=c.Shade.DARK), x_flags=[True, False])
    request = recorder.requests[-1]
    assert request["raw_path"] == "/typed/.light%20blue,dark"
    assert request["query"] == "paint%5BshadeName%5D=dark"  # glossy is None: left out
    assert recorder.header("x-flags") == "true,false"


def test_a_path_value_in_any_style_cannot_change_the_endpoint(
    call: tuple[Any, Recorder], sdk_module: ModuleType
) -> None:
    cells, recorder = call
    errors = sdk_module.models.errors
    cells.path_label_flat_array(color=["../..", "?x#y"])
    assert recorder.last()["raw_path"] == "/path_label_flat_array/...%2F..,%3Fx%23y"
    cells.path_matrix_flat_primitive(color="a;b=c/d")
    assert recorder.last()["raw_path"] == "/path_matrix_flat_primitive/;color=a%3Bb%3Dc%2Fd"
    for name, value in (
        ("path_label_exploded_array", ["", ""]),
        ("path_simple_flat_array", []),
        ("path_label_flat_primitive", ""),
    ):
        with pytest.raises(errors.RequestValidationError, match="nothing was sent"):
            getattr(cells, name)(color=value)  # "..", "" and "." would move the request
    assert recorder.requests == []


def test_unsupported_combinations_warn_at_generation_with_their_pointer(
    generated: tuple[Path, str], call: tuple[Any, Recorder]
) -> None:
    stderr = generated[1]
    for pointer, message in (
        ("#/paths/~1nested/get/parameters/0/schema", "an object holding arrays or objects has no serialisation"),
        ("#/paths/~1misplaced~1{color}/get/parameters/0/style", "parameter style 'form' is not allowed in path"),
    ):
        assert any(f"warning: {pointer}: {message}" in line for line in stderr.splitlines()), stderr
    cells, recorder = call
    cells.nested(color={"size": {"w": 1}})
    assert recorder.last()["query"] == "color%5Bsize%5D=%7B%22w%22%3A1%7D"  # JSON text, not a repr
    cells.misplaced(color="blue")
    assert recorder.last()["raw_path"] == "/misplaced/blue"


def test_a_content_parameter_sends_structured_values_as_json(call: tuple[Any, Recorder]) -> None:
    cells, recorder = call
    cells.content(filter={"a": [1, "x"], "b": True})
    assert recorder.last()["query"] == "filter=%7B%22a%22%3A%5B1%2C%22x%22%5D%2C%22b%22%3Atrue%7D"
    cells.content(filter="as it is")
    assert recorder.last()["query"] == "filter=as%20it%20is"


def test_a_plain_primitive_stays_on_the_fast_path(sdk_module: ModuleType) -> None:
    funcs = importlib.import_module(f"{PACKAGE}.funcs._cells_defaults")
    styles = {p.attr: p.style for p in (*funcs.OPERATION.query_params, *funcs.OPERATION.path_params)}
    assert styles == {"color": "simple", "tags": "form", "filter": "form", "q": "", "flag": ""}


# -- the serializer itself ---------------------------------------------------------------------------------------


@pytest.fixture
def params(sdk_module: ModuleType) -> ModuleType:
    return importlib.import_module(f"{PACKAGE}.utils._params")


def param(
    sdk_module: ModuleType, style: str, explode: bool = False, reserved: bool = False, wire: str = "color"
) -> Any:
    http = importlib.import_module(f"{PACKAGE}.utils._http")
    return http.Param("color", wire, explode=explode, style=style, reserved=reserved)


def test_serializer_scalars_never_repr(params: ModuleType) -> None:
    import datetime
    import enum

    class Mode(enum.Enum):
        ON = "on"

    assert params.scalar(True) == "true" and params.scalar(False) == "false"
    assert params.scalar(Mode.ON) == "on" and params.scalar(1.5) == "1.5"
    assert params.scalar(datetime.date(2024, 1, 2)) == "2024-01-02"
    assert params.scalar({"a": [1, None]}) == '{"a":[1,null]}'  # nested: JSON, never "{'a': ...}"
    assert params.scalar(["x"]) == '["x"]'


def test_serializer_skips_none_and_sends_nothing_for_empty_values(params: ModuleType, sdk_module: ModuleType) -> None:
    assert params.query_pairs(param(sdk_module, "form", explode=True), ["a", None, "b"]) == [
        ("color", "a"),
        ("color", "b"),
    ]
    assert params.query_pairs(param(sdk_module, "form"), []) == []
    assert params.query_pairs(param(sdk_module, "pipeDelimited"), {"k": None}) == []
    assert params.header_value(param(sdk_module, "simple"), []) is None
    assert params.cookie_pieces(param(sdk_module, "form"), {}) == []
    assert params.path_value(param(sdk_module, "matrix"), "") == ";color"  # RFC 6570: an empty string, no "="


def test_serializer_encodes_names_and_delimiters_inside_values(params: ModuleType, sdk_module: ModuleType) -> None:
    p = param(sdk_module, "form", wire="a b&c")
    assert params.query_string(params.query_pairs(p, ["x,y", "z"])) == "a%20b%26c=x%2Cy,z"
    assert params.query_string([("k", "v w"), ("plain&", "=")]) == "k=v%20w&plain%26=%3D"
    assert params.query_pairs(param(sdk_module, "deepObject", wire="f"), {"a]b": "1"}) == [("f%5Ba%5Db%5D", "1")]
    assert params.cookie_pieces(param(sdk_module, "form"), "a;b c") == ["color=a%3Bb%20c"]


def test_serializer_merges_cookies_into_any_cookie_header(params: ModuleType) -> None:
    headers = {"Cookie": "a=1"}
    params.add_cookies(headers, ["b=2", "c=3"])
    assert headers == {"Cookie": "a=1; b=2; c=3"}
    fresh: dict[str, str] = {}
    params.add_cookies(fresh, [])
    assert fresh == {}
