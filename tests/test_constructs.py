"""Hand-written specs under tests/specs/ (constructs*.yaml), generated and used end to end against a local server."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.tools import mypy_strict

ROOT = Path(__file__).resolve().parent.parent
SPECS = Path(__file__).resolve().parent / "specs"

# A loopback HTTP server that records each request and answers from a script; shared by the scenarios.
SERVER = textwrap.dedent(
    """
    import json, threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    seen, answers = [], []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def handle_one(self):
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            seen.append((self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            status, ctype, payload = answers.pop(0)
            if not isinstance(payload, bytes):
                payload = json.dumps(payload).encode()
            self.send_response(status)
            if ctype:
                self.send_header("content-type", ctype)
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_DELETE = handle_one

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    URL = f"http://127.0.0.1:{server.server_port}"

    def answer(status, payload=b"", ctype="application/json"):
        answers.append((status, ctype, payload))
    """
)

SCENARIOS_31 = textwrap.dedent(
    """
    import asyncio, datetime, json, uuid, warnings
    from urllib.parse import parse_qsl, urlsplit
    from sdk import Client
    from sdk.models import components as c, errors

    sdk = Client(server_url=URL)

    # query: enum with non-identifier values, default, date, date-time, uuid, explode=false; header parameter;
    # a discriminated union (explicit mapping) with defaults and a 3.1 type array
    answer(200, [{"pet_type": "cat", "name": "Tom", "nickname": None}, {"pet_type": "dog", "name": "Rex"}])
    owner = str(uuid.UUID(int=7))
    pets = sdk.pets.get_pets(
        x_request_id="r-1", kind=c.Kind.BIG_DOG, born_after=datetime.date(2020, 1, 2),
        since=datetime.datetime(2021, 3, 4, 5, 6, 7, tzinfo=datetime.timezone.utc), owner=owner,
        levels=[c.Level.INTEGER_1, c.Level.INTEGER_10],
    )
    assert [type(p).__name__ for p in pets] == ["Cat", "Dog"], pets
    assert pets[0].lives == 9 and pets[0].nickname is None and pets[1].good is True
    method, path, headers, body = seen[-1]
    assert headers["x-request-id"] == "r-1"
    assert parse_qsl(urlsplit(path).query) == [
        ("kind", "big-dog"), ("limit", "10"), ("born_after", "2020-01-02"), ("since", "2021-03-04T05:06:07+00:00"),
        ("owner", owner), ("levels", "1,10"),
    ], path

    # 4XX range and default responses become their typed errors
    answer(418, {"title": "teapot", "status": 418})
    try:
        sdk.pets.get_pets(x_request_id="r")
    except errors.Problem as error:
        assert error.status_code == 418 and error.title == "teapot"
    else:
        raise AssertionError("4XX -> errors.Problem")
    answer(501, {"message": "down"})
    try:
        sdk.pets.get_pets(x_request_id="r", timeout_ms=5000)
    except errors.Fault as error:
        assert error.data.message == "down"
    else:
        raise AssertionError("default -> errors.Fault")

    # JSON body (allOf, additionalProperties, date, uuid, nullable): unset fields stay out, an explicit None is null
    answer(201, {"pet_type": "dog", "name": "Max"})
    pet_id = uuid.UUID(int=1)
    made = sdk.pets.create_pet(
        body=c.NewPet(name="Max", kind=c.Kind.CLASS, tags={"a": "b"}, born=datetime.date(2019, 5, 6), id=pet_id, note=None)
    )
    assert isinstance(made, c.Dog)
    method, path, headers, body = seen[-1]
    assert (method, path, headers["content-type"]) == ("POST", "/pets", "application/json")
    assert json.loads(body) == {
        "name": "Max", "kind": "class", "tags": {"a": "b"}, "born": "2019-05-06", "id": str(pet_id), "note": None
    }, body

    # a deprecated operation answering with a 2XX range; a path-level parameter; 404 -> Problem
    answer(200, {"pet_type": "cat", "name": "Tom"})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert sdk.pets.get_pet(pet_id=5).name == "Tom"
    assert [w.category for w in caught] == [DeprecationWarning], caught  # PEP 702
    assert seen[-1][1] == "/pets/5"
    answer(404, {"title": "nope"})
    try:
        sdk.pets.get_pet(pet_id=6)
    except errors.Problem as error:
        assert error.status_code == 404
    else:
        raise AssertionError("404 -> errors.Problem")

    # form-urlencoded body, and the same operation without its optional body
    answer(204)
    assert sdk.pets.delete_pet(pet_id=2, body=c.Reason(reason="old & gray", codes=[1, 2])) is None
    method, path, headers, body = seen[-1]
    assert headers["content-type"] == "application/x-www-form-urlencoded"
    assert parse_qsl(body.decode()) == [("reason", "old & gray"), ("codes", "1"), ("codes", "2")]
    answer(204)
    sdk.pets.delete_pet(pet_id=3)
    assert seen[-1][3] == b"" and "content-type" not in seen[-1][2]

    # multipart with a file, a text field and a repeated field, on a nested resource (dotted tag)
    answer(204)
    sdk.pets.photos.upload(pet_id=1, body=c.PhotoUpload(file=b"\\x89PNG\\r\\n", caption="hi", tags=["a", "b"]))
    method, path, headers, body = seen[-1]
    assert headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b'name="file"; filename="file"' in body and b"\\x89PNG\\r\\n" in body
    assert b'name="caption"\\r\\n\\r\\nhi\\r\\n' in body and body.count(b'name="tags"') == 2

    # a binary response of a non-JSON media type is a stream
    answer(200, b"\\x89PNG-bytes", "image/png")
    with sdk.pets.photos.download(pet_id=1) as stream:
        assert b"".join(stream.iter_bytes()) == b"\\x89PNG-bytes"
    assert seen[-1][2]["accept"] == "image/png"

    # text/plain in and out; application/octet-stream in, a bare integer out; also async
    answer(200, "échoed".encode(), "text/plain; charset=utf-8")
    assert sdk.misc.put_note(body="héllo") == "échoed"
    assert seen[-1][2]["content-type"] == "text/plain" and seen[-1][3] == "héllo".encode()
    answer(200, 2)
    assert sdk.misc.upload_raw(body=b"\\x00\\x01") == 2
    assert seen[-1][2]["content-type"] == "application/octet-stream" and seen[-1][3] == b"\\x00\\x01"
    answer(200, b"async", "text/plain")
    assert asyncio.run(sdk.misc.put_note_async(body="a")) == "async"

    # recursive and mutually recursive models; a discriminator without a mapping
    answer(200, {"value": 1, "children": [{"value": 2, "children": []}], "leaf": {"parent": {"value": 3}}})
    tree = sdk.misc.get_tree()
    assert tree.children[0].value == 2 and tree.leaf.parent.value == 3
    answer(200, [{"kind": "Bird", "wingspan": 1.5}, {"kind": "Fish", "fins": 4}])
    assert [type(x).__name__ for x in sdk.misc.list_creatures()] == ["Bird", "Fish"]

    # models are named from component keys: two schemas titled alike both survive
    assert c.Problem is not c.Fault and set(c.Problem.model_fields) == {"title", "status"}
    assert not hasattr(c, "Error")

    # deprecated fields are marked; enum values that are not identifiers round-trip; unknown values are kept
    assert c.Cat.model_fields["legacy_id"].deprecated
    assert c.Kind("with space") is c.Kind.WITH_SPACE and c.Kind("brand-new").value == "brand-new"
    sdk.close()
    print("ok")
    """
)

SCENARIOS_30 = textwrap.dedent(
    """
    from sdk import Client
    from sdk.models import components as c

    assert Client().server_url == "https://eu.example.com/v2"  # server variables take their defaults
    sdk = Client(server_url=URL)
    answer(200, {"maybe": None, "mode": None})
    thing = sdk.default.get_things_id(id="a b", q=None)
    assert thing.maybe is None and thing.count == 3 and thing.mode is None
    assert seen[-1][1] == "/things/a%20b", seen[-1][1]
    answer(200, {"maybe": "x", "count": None, "mode": "off"})
    thing = sdk.default.get_things_id(id="1", q="hello")
    assert thing.count is None and thing.mode is c.ThingMode.OFF and seen[-1][1] == "/things/1?q=hello"
    print("ok")
    """
)


def generate(spec: Path, out: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out", str(out), "--strict"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("spec", "scenarios"), [("constructs.yaml", SCENARIOS_31), ("constructs_30.yaml", SCENARIOS_30)], ids=["3.1", "3.0"]
)
def test_constructs_end_to_end(spec: str, scenarios: str, tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    generate(SPECS / spec, out)
    result = subprocess.run(
        [sys.executable, "-c", SERVER + scenarios],
        env={"PYTHONPATH": str(out / "src"), "PATH": str(Path(sys.executable).parent)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr
    mypy_strict(out)


def test_odd_but_valid_spec_generates_with_warnings(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", str(SPECS / "odd_but_valid.yaml"), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
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
