"""Shapes seen in real specs (Speakeasy's test spec among them), on the wire: a ``User-Agent`` header parameter,
a request body with several media types, an undeclared 3XX answer, and servers per path and per operation.

The spec is inline; it is generated once, imported in-process and called against scripted uvicorn servers on
127.0.0.1 and 127.0.0.2 (``tests/corpus_server.py``), which record every request with its headers as they arrived.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from tests.cli_runs import generate_ok
from tests.corpus_server import ScriptedApp
from tests.server import LiveServer
from tests.tools import imported, mypy_strict

PACKAGE = "shapes_sdk"

SPEC = """\
openapi: 3.1.0
info: {title: Shapes, version: "1"}
servers:
  - url: "http://127.0.0.1:{port_a}/{version}"
    description: the first global server
    variables:
      version: {default: v1, enum: [v1, v2], description: the API version}
  - url: "http://{host}:{port_b}/second"
    variables:
      host: {default: 127.0.0.2}
paths:
  /agent:
    get:
      operationId: agent_get
      tags: [shapes]
      parameters:
        - {name: User-Agent, in: header, schema: {type: string}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: string}}}}
  /notes:
    post:
      operationId: notes_submit
      tags: [shapes]
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema: {$ref: "#/components/schemas/Note"}
          application/json:
            schema: {$ref: "#/components/schemas/Note"}
          multipart/form-data:
            schema: {$ref: "#/components/schemas/Note"}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: string}}}}
  /moved:
    get:
      operationId: moved_get
      tags: [shapes]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Note"}}}}
  /elsewhere:
    servers:
      - url: "http://127.0.0.2:{port_b}/path-level"
    get:
      operationId: elsewhere_get
      tags: [shapes]
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: string}}}}
    put:
      operationId: elsewhere_put
      tags: [shapes]
      servers:
        - url: "http://127.0.0.2:{port_b}/{stage}/op-level"
          variables:
            stage: {default: live}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: string}}}}
components:
  schemas:
    Note:
      type: object
      required: [title]
      properties:
        title: {type: string}
        count: {type: integer}
    Settings:
      type: object
      properties:
        model_dump: {type: string}
"""


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[tuple[LiveServer, ScriptedApp], tuple[LiveServer, ScriptedApp]]]:
    a, b = ScriptedApp(), ScriptedApp()
    with LiveServer("127.0.0.1", app=a) as server_a, LiveServer("127.0.0.2", app=b) as server_b:
        yield (server_a, a), (server_b, b)


@pytest.fixture(scope="module")
def package(servers: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    (server_a, _), (server_b, _) = servers
    work = tmp_path_factory.mktemp("shapes")
    spec = work / "shapes.yaml"
    port_a, port_b = server_a.url.rsplit(":", 1)[1], server_b.url.rsplit(":", 1)[1]
    spec.write_text(SPEC.replace("{port_a}", port_a).replace("{port_b}", port_b), encoding="utf-8")
    config = work / "config.yaml"
    config.write_text(
        f"package: {PACKAGE}\ndistribution: {PACKAGE}\nsdk_class: Api\ncore_class: ApiCore\nenv_prefix: SHAPES\n"
    )
    out = work / "out"
    (work / "stderr").write_text(generate_ok(out, spec=spec, config=config).stderr)
    return out


@pytest.fixture
def sdk(package: Path, servers: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    monkeypatch.delenv("SHAPES_SERVER_URL", raising=False)
    for _, app in servers:
        app.reset()
    with imported(package, PACKAGE) as module:
        yield module


def _a(servers: Any) -> tuple[str, ScriptedApp]:
    return servers[0][0].url, servers[0][1]


# -- a User-Agent header parameter ----------------------------------------------------------------------------------


def test_a_user_agent_parameter_replaces_the_sdks_user_agent(sdk: Any, servers: Any) -> None:
    url, app = _a(servers)
    app.answer("GET", "/agent", 200, "ok")
    with sdk.Api(server_url=url) as api:
        api.shapes.agent_get(user_agent="caller/1.0")
        assert app.last.all("user-agent") == ["caller/1.0"]
        api.shapes.agent_get()
        assert app.last.all("user-agent") == [f"{PACKAGE}-python/{sdk.__version__}"]
    # a client of the caller's (httpx's own user agent, which the SDK replaces by its own): one header all the same
    with httpx.Client() as client, sdk.Api(server_url=url, client=client, http_headers={"user-agent": "x/2"}) as api:
        api.shapes.agent_get(user_agent="caller/1.0")
        assert app.last.all("user-agent") == ["caller/1.0"]
        api.shapes.agent_get()
        assert app.last.all("user-agent") == ["x/2"]
        api.shapes.agent_get(user_agent="caller/1.0", http_headers={"USER-AGENT": "per-call/3"})
        assert app.last.all("user-agent") == ["per-call/3"]  # the call's own headers win, as documented


# -- a request body with several media types ------------------------------------------------------------------------


def test_a_body_with_several_media_types_is_sent_as_the_caller_picks_json_by_default(
    sdk: Any, servers: Any, package: Path
) -> None:
    url, app = _a(servers)
    components = importlib.import_module(f"{PACKAGE}.models.components")
    errors = importlib.import_module(f"{PACKAGE}.models.errors")
    funcs = importlib.import_module(f"{PACKAGE}.funcs")
    assert (package.parent / "stderr").read_text() == ""  # several media types are no warning: each can be sent
    app.answer("POST", "/notes", 200, "stored")
    note = components.Note(title="a&b", count=2)
    with sdk.Api(server_url=url) as api:
        assert api.shapes.notes_submit(body=note) == "stored"
        assert app.last.json() == {"title": "a&b", "count": 2}
        api.shapes.notes_submit(body=note, content_type="application/x-www-form-urlencoded")
        assert app.last.form() == [("title", "a&b"), ("count", "2")]
        api.shapes.notes_submit(body=note, content_type="multipart/form-data")
        assert [(p.name, p.data) for p in app.last.parts()] == [("title", b"a&b"), ("count", b"2")]
        assert funcs.shapes_notes_submit(api, body=note, content_type="multipart/form-data").ok
        assert app.last.content_type.startswith("multipart/form-data; boundary=")
        sent = len(app.requests)
        with pytest.raises(errors.RequestValidationError, match="content_type='text/csv' is not one of"):
            api.shapes.notes_submit(body=note, content_type="text/csv")  # type: ignore[arg-type] - not declared
        assert len(app.requests) == sent


# -- an undeclared 3XX ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [300, 304, 308])
def test_an_undeclared_redirect_status_without_a_location_is_a_typed_sdk_error(
    sdk: Any, servers: Any, status: int
) -> None:
    url, app = _a(servers)
    errors = importlib.import_module(f"{PACKAGE}.models.errors")
    app.answer("GET", "/moved", status, b"" if status == 304 else b'{"choices": ["/a", "/b"]}')
    with sdk.Api(server_url=url) as api:
        with pytest.raises(errors.SDKError) as raised:
            api.shapes.moved_get()
        assert type(raised.value) is errors.SDKError and raised.value.status_code == status
        assert not isinstance(raised.value, errors.ResponseValidationError)
        result = importlib.import_module(f"{PACKAGE}.funcs").shapes_moved_get(api)
        assert not result.ok and result.error.status_code == status


def test_a_redirect_to_a_location_that_is_not_http_is_a_typed_sdk_error_not_a_connection_error(
    sdk: Any, servers: Any
) -> None:
    url, app = _a(servers)
    errors = importlib.import_module(f"{PACKAGE}.models.errors")
    app.answer("GET", "/moved", 302, b"")
    app.headers[("GET", "/moved")] = {"location": "ftp://127.0.0.1/notes"}
    with sdk.Api(server_url=url) as api:
        with pytest.raises(errors.SDKError) as raised:
            api.shapes.moved_get()
        assert type(raised.value) is errors.SDKError and raised.value.status_code == 302
        assert raised.value.headers["location"] == "ftp://127.0.0.1/notes"
    assert len(app.requests) == 1  # not retried as a connection failure would be


# -- servers per path and per operation, server variables, server_idx ----------------------------------------------


def test_an_operation_with_its_own_servers_goes_there_and_the_others_to_the_global_server(
    sdk: Any, servers: Any
) -> None:
    (_, a), (server_b, b) = servers
    a.answer("GET", "/v1/agent", 200, "a")
    b.answer("GET", "/path-level/elsewhere", 200, "path")
    b.answer("PUT", "/live/op-level/elsewhere", 200, "operation")
    with sdk.Api() as api:  # no server_url: each operation's server, else the first global one
        assert api.shapes.agent_get() == "a"
        assert api.shapes.elsewhere_get() == "path"
        assert api.shapes.elsewhere_put() == "operation"
        assert [r.path for r in a.requests] == ["/v1/agent"]
        assert [(r.method, r.path) for r in b.requests] == [
            ("GET", "/path-level/elsewhere"),
            ("PUT", "/live/op-level/elsewhere"),
        ]
        b.answer("GET", "/other/elsewhere", 200, "per call")
        assert api.shapes.elsewhere_get(server_url=f"{servers[1][0].url}/other") == "per call"  # the call's wins
    # a client given a server_url sends every call there, operations with servers of their own included
    a.answer("GET", "/v1/elsewhere", 200, "client")
    with sdk.Api(server_url=f"{servers[0][0].url}/v1") as api:
        assert api.shapes.elsewhere_get() == "client"
        assert api.with_options(server_url=None).shapes.elsewhere_get() == "path"


def test_server_variables_and_server_idx_choose_the_url(sdk: Any, servers: Any) -> None:
    (server_a, a), (server_b, b) = servers
    a.answer("GET", "/v2/agent", 200, "v2")
    b.answer("GET", "/second/agent", 200, "second")
    b.answer("PUT", "/canary/op-level/elsewhere", 200, "canary")
    with sdk.Api(server_variables={"version": "v2", "stage": "canary"}) as api:
        assert api.server_url == f"{server_a.url}/v2"
        assert api.shapes.agent_get() == "v2"
        assert api.shapes.elsewhere_put() == "canary"  # an operation server's variable, set on the client too
    with sdk.Api(server_idx=1) as api:
        assert api.server_url == f"{server_b.url}/second"
        assert api.shapes.agent_get() == "second"
    with sdk.Api(server_idx=1, server_variables={"host": "127.0.0.2"}) as api:
        assert api.shapes.agent_get() == "second"
    b.answer("PUT", "/a/b/op-level/elsewhere", 200, "encoded")  # the path as decoded
    with sdk.Api(server_variables={"stage": "a/b"}) as api:  # a value in the path is percent-encoded whole
        assert api.shapes.elsewhere_put() == "encoded"
        assert b.last.raw_path == "/a%2Fb/op-level/elsewhere"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"server_variables": {"version": "v3"}}, "version='v3' is not one of ['v1', 'v2']"),
        ({"server_variables": {"region": "eu"}}, "unknown variable 'region'"),
        ({"server_variables": {"host": "evil.example@127.0.0.2"}}, "may only hold letters, digits"),
        ({"server_variables": {"host": "evil.example/x"}}, "goes in the server's scheme, host or port"),
        ({"server_variables": {"stage": ".."}}, "would change the server's path"),
        ({"server_idx": 2}, "server_idx must be from 0 to 1, not 2"),
    ],
)
def test_a_server_variable_outside_what_the_spec_declares_is_refused_before_any_request(
    sdk: Any, servers: Any, arguments: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match="^.*" + message.replace("[", r"\[").replace("]", r"\]").replace(".", r"\.")):
        sdk.Api(**arguments)
    assert servers[0][1].requests == [] and servers[1][1].requests == []


def test_a_property_named_like_a_pydantic_method_imports_without_a_warning(sdk: Any) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # pydantic warned of a field in its protected "model_" namespace
        settings = importlib.import_module(f"{PACKAGE}.models.components").Settings
        assert settings.model_validate({"model_dump": "x"}).model_dump_ == "x"


def test_the_generated_package_type_checks(package: Path) -> None:
    mypy_strict(package)
