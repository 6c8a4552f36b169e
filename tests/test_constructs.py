"""Hand-written specs under tests/specs/ (constructs*.yaml), generated once each and used end to end, one test per
construct, against a scripted uvicorn server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import datetime
import importlib
import json
import subprocess
import sys
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.cli_runs import generate_ok
from tests.server import LiveServer
from tests.tools import imported, mypy_strict

SPECS = Path(__file__).resolve().parent / "specs"


class Scripted:
    """An ASGI app answering each request with the next queued answer, and keeping (method, path?query, headers,
    body) of each."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, dict[str, str], bytes]] = []
        self.answers: list[tuple[int, str, bytes]] = []

    def answer(self, status: int, payload: Any = b"", ctype: str = "application/json") -> None:
        self.answers.append((status, ctype, payload if isinstance(payload, bytes) else json.dumps(payload).encode()))

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        assert scope["type"] == "http"
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        query = scope["query_string"].decode("latin-1")
        path = scope["raw_path"].decode("latin-1") + (f"?{query}" if query else "")
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        self.seen.append((scope["method"], path, headers, body))
        status, ctype, payload = self.answers.pop(0)
        out = [(b"content-length", str(len(payload)).encode())] + ([(b"content-type", ctype.encode())] if ctype else [])
        await send({"type": "http.response.start", "status": status, "headers": out})
        await send({"type": "http.response.body", "body": payload})

    @property
    def last(self) -> tuple[str, str, dict[str, str], bytes]:
        return self.seen[-1]


def generate(spec: Path, work: Path, package: str) -> Path:
    (work / "config.yaml").write_text(f"package: {package}\ndistribution: {package}\n", encoding="utf-8")
    generate_ok(work / "pkg", "--strict", spec=spec, config=work / "config.yaml")
    return work / "pkg"


@pytest.fixture(scope="module")
def package31(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(SPECS / "constructs.yaml", tmp_path_factory.mktemp("c31"), "c31")


@pytest.fixture(scope="module")
def sdk31(package31: Path) -> Iterator[ModuleType]:
    with imported(package31, "c31") as module:
        yield module


@pytest.fixture(scope="module")
def live() -> Iterator[tuple[LiveServer, Scripted]]:
    app = Scripted()
    with LiveServer("127.0.0.1", app=app) as server:
        yield server, app


@pytest.fixture
def api(sdk31: ModuleType, live: tuple[LiveServer, Scripted]) -> Iterator[tuple[Any, Scripted, Any, Any]]:
    """(client, server script, models.components, models.errors) of the 3.1 construct spec."""
    server, app = live
    app.seen.clear()
    app.answers.clear()
    components = importlib.import_module("c31.models.components")
    errors = importlib.import_module("c31.models.errors")
    with sdk31.Client(server_url=server.url) as client:
        yield client, app, components, errors
    assert not app.answers, "an answer was queued but not asked for"


def test_query_enums_dates_uuid_explode_false_a_header_and_a_discriminated_union(api: Any) -> None:
    sdk, app, c, _ = api
    app.answer(200, [{"pet_type": "cat", "name": "Tom", "nickname": None}, {"pet_type": "dog", "name": "Rex"}])
    owner = str(uuid.UUID(int=7))
    pets = sdk.pets.get_pets(
        x_request_id="r-1",
        kind=c.Kind.BIG_DOG,
        born_after=datetime.date(2020, 1, 2),
        since=datetime.datetime(2021, 3, 4, 5, 6, 7, tzinfo=datetime.timezone.utc),
        owner=owner,
        levels=[c.Level.INTEGER_1, c.Level.INTEGER_10],
    )
    assert [type(p).__name__ for p in pets] == ["Cat", "Dog"], pets
    assert pets[0].lives == 9 and pets[0].nickname is None and pets[1].good is True  # defaults; a 3.1 type array
    _, path, headers, _ = app.last
    assert headers["x-request-id"] == "r-1"
    assert parse_qsl(urlsplit(path).query) == [
        ("kind", "big-dog"),
        ("limit", "10"),
        ("born_after", "2020-01-02"),
        ("since", "2021-03-04T05:06:07+00:00"),
        ("owner", owner),
        ("levels", "1,10"),
    ], path


def test_a_4xx_range_and_a_default_response_are_their_typed_errors(api: Any) -> None:
    sdk, app, _, errors = api
    app.answer(418, {"title": "teapot", "status": 418})
    with pytest.raises(errors.Problem) as problem:
        sdk.pets.get_pets(x_request_id="r")
    assert problem.value.status_code == 418 and problem.value.title == "teapot"
    app.answer(501, {"message": "down"})
    with pytest.raises(errors.Fault) as fault:
        sdk.pets.get_pets(x_request_id="r", timeout_ms=5000)
    assert fault.value.data.message == "down"


def test_a_json_body_leaves_unset_fields_out_and_sends_an_explicit_none_as_null(api: Any) -> None:
    sdk, app, c, _ = api  # allOf, additionalProperties, date, uuid, nullable
    app.answer(201, {"pet_type": "dog", "name": "Max"})
    pet_id = uuid.UUID(int=1)
    body = c.NewPet(
        name="Max", kind=c.Kind.CLASS, tags={"a": "b"}, born=datetime.date(2019, 5, 6), id=pet_id, note=None
    )
    assert isinstance(sdk.pets.create_pet(body=body), c.Dog)
    method, path, headers, sent = app.last
    assert (method, path, headers["content-type"]) == ("POST", "/pets", "application/json")
    assert json.loads(sent) == {
        "name": "Max",
        "kind": "class",
        "tags": {"a": "b"},
        "born": "2019-05-06",
        "id": str(pet_id),
        "note": None,
    }, sent


def test_a_deprecated_operation_warns_and_a_path_level_parameter_is_sent(api: Any) -> None:
    sdk, app, _, errors = api
    app.answer(200, {"pet_type": "cat", "name": "Tom"})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert sdk.pets.get_pet(pet_id=5).name == "Tom"  # a 2XX range answers it
    assert [w.category for w in caught] == [DeprecationWarning], caught  # PEP 702
    assert app.last[1] == "/pets/5"
    app.answer(404, {"title": "nope"})
    with pytest.raises(errors.Problem) as problem, pytest.warns(DeprecationWarning):
        sdk.pets.get_pet(pet_id=6)
    assert problem.value.status_code == 404


def test_a_form_body_and_the_same_operation_without_its_optional_body(api: Any) -> None:
    sdk, app, c, _ = api
    app.answer(204)
    assert sdk.pets.delete_pet(pet_id=2, body=c.Reason(reason="old & gray", codes=[1, 2])) is None
    _, _, headers, sent = app.last
    assert headers["content-type"] == "application/x-www-form-urlencoded"
    assert parse_qsl(sent.decode()) == [("reason", "old & gray"), ("codes", "1"), ("codes", "2")]
    app.answer(204)
    sdk.pets.delete_pet(pet_id=3)
    assert app.last[3] == b"" and "content-type" not in app.last[2]


def test_multipart_with_a_file_a_text_field_and_a_repeated_field_on_a_nested_resource(api: Any) -> None:
    sdk, app, c, _ = api  # the tag "pets.photos" is sdk.pets.photos
    app.answer(204)
    sdk.pets.photos.upload(pet_id=1, body=c.PhotoUpload(file=b"\x89PNG\r\n", caption="hi", tags=["a", "b"]))
    _, _, headers, sent = app.last
    assert headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b'name="file"; filename="file"' in sent and b"\x89PNG\r\n" in sent
    assert b'name="caption"\r\n\r\nhi\r\n' in sent and sent.count(b'name="tags"') == 2


def test_a_binary_response_of_a_non_json_media_type_is_a_stream(api: Any) -> None:
    sdk, app, _, _ = api
    app.answer(200, b"\x89PNG-bytes", "image/png")
    with sdk.pets.photos.download(pet_id=1) as stream:
        assert b"".join(stream.iter_bytes()) == b"\x89PNG-bytes"
    assert app.last[2]["accept"] == "image/png"


def test_text_and_octet_stream_bodies_in_and_a_bare_integer_out_sync_and_async(api: Any) -> None:
    sdk, app, _, _ = api
    app.answer(200, "échoed".encode(), "text/plain; charset=utf-8")
    assert sdk.misc.put_note(body="héllo") == "échoed"
    assert app.last[2]["content-type"] == "text/plain" and app.last[3] == "héllo".encode()
    app.answer(200, 2)
    assert sdk.misc.upload_raw(body=b"\x00\x01") == 2
    assert app.last[2]["content-type"] == "application/octet-stream" and app.last[3] == b"\x00\x01"
    app.answer(200, b"async", "text/plain")
    assert asyncio.run(sdk.misc.put_note_async(body="a")) == "async"


def test_recursive_models_and_a_discriminator_without_a_mapping(api: Any) -> None:
    sdk, app, _, _ = api
    app.answer(200, {"value": 1, "children": [{"value": 2, "children": []}], "leaf": {"parent": {"value": 3}}})
    tree = sdk.misc.get_tree()
    assert tree.children[0].value == 2 and tree.leaf.parent.value == 3
    app.answer(200, [{"kind": "Bird", "wingspan": 1.5}, {"kind": "Fish", "fins": 4}])
    assert [type(x).__name__ for x in sdk.misc.list_creatures()] == ["Bird", "Fish"]


def test_models_are_named_from_component_keys_so_two_alike_titles_both_survive(api: Any) -> None:
    _, _, c, _ = api
    assert c.Problem is not c.Fault and set(c.Problem.model_fields) == {"title", "status"}
    assert not hasattr(c, "Error")


def test_deprecated_fields_enum_values_that_are_not_identifiers_and_unknown_values(api: Any) -> None:
    _, _, c, _ = api
    assert c.Cat.model_fields["legacy_id"].deprecated
    assert c.Kind("with space") is c.Kind.WITH_SPACE and c.Kind("brand-new").value == "brand-new"


def test_the_31_construct_package_type_checks(package31: Path) -> None:
    mypy_strict(package31)


# -- OpenAPI 3.0: nullable, server variables -------------------------------------------------------------------


@pytest.fixture(scope="module")
def package30(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(SPECS / "constructs_30.yaml", tmp_path_factory.mktemp("c30"), "c30")


def test_30_server_variables_default_and_nullable_fields(package30: Path, live: tuple[LiveServer, Scripted]) -> None:
    server, app = live
    app.seen.clear()
    with imported(package30, "c30") as sdk:
        c = importlib.import_module("c30.models.components")
        assert sdk.Client().server_url == "https://eu.example.com/v2"  # server variables take their defaults
        with sdk.Client(server_url=server.url) as client:
            app.answer(200, {"maybe": None, "mode": None})
            thing = client.default.get_things_id(id="a b", q=None)
            assert thing.maybe is None and thing.count == 3 and thing.mode is None
            assert app.last[1] == "/things/a%20b", app.last[1]
            app.answer(200, {"maybe": "x", "count": None, "mode": "off"})
            thing = client.default.get_things_id(id="1", q="hello")
            assert thing.count is None and thing.mode is c.ThingMode.OFF and app.last[1] == "/things/1?q=hello"
    mypy_strict(package30)


def test_odd_but_valid_spec_generates_with_warnings(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    result = generate_ok(out, spec=SPECS / "odd_but_valid.yaml")
    assert "several request media types" not in result.stderr  # each can be sent (tests/test_real_shapes_wire.py)
    script = "import pkgutil, importlib, sdk\nfor m in pkgutil.walk_packages(sdk.__path__, 'sdk.'): importlib.import_module(m.name)"
    imported = subprocess.run(
        [sys.executable, "-c", script],
        env={"PYTHONPATH": str(out / "src"), "PATH": str(Path(sys.executable).parent)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert imported.returncode == 0, imported.stderr
    mypy_strict(out)
