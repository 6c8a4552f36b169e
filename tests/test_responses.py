"""Several success responses per operation, and request bodies on the wire (file uploads, forms), end to end.

tests/specs/success_responses.yaml and tests/specs/uploads.yaml are generated, imported in-process, and called
against a scripted uvicorn server on 127.0.0.1 (tests/corpus_server.py) that records what arrived.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pydantic
import pytest

from tests.cli_runs import Run, generator
from tests.corpus_server import ScriptedApp, scripted_server
from tests.server import LiveServer
from tests.tools import imported, mypy_strict

SPECS = Path(__file__).resolve().parent / "specs"
STREAM_WARNING = (
    "#/paths/~1download/get/responses: success responses 200, 202 differ and one is a binary stream; "
    "every 2XX response is read as the 200 one (stream)"
)
RAW_WARNING = (
    "#/paths/~1documents~1raw/post/requestBody/content/multipart~1form-data/schema: "
    "a multipart/form-data body that is not an object is sent as one field"
)


def generate(spec: str, out: Path, package: str, *, strict: bool = False, force: bool = False) -> Run:
    config = out.parent / f"{package}.yaml"
    config.write_text(f"package: {package}\ndistribution: {package}\nsdk_class: Api\ncore_class: ApiCore\n")
    flags = [*(["--strict"] if strict else []), *(["--force"] if force else [])]
    return generator("--out", out, *flags, spec=SPECS / spec, config=config)


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("responses")
    result = generate("success_responses.yaml", work / "responses", "responses_sdk")
    assert result.returncode == 0, result.stderr
    assert [line.split(": ", 1)[1] for line in result.stderr.splitlines()] == [f"warning: {STREAM_WARNING}"]
    result = generate("uploads.yaml", work / "uploads", "uploads_sdk")
    assert result.returncode == 0, result.stderr
    assert [line.split(": ", 1)[1] for line in result.stderr.splitlines()] == [f"warning: {RAW_WARNING}"]
    return {"responses": work / "responses", "uploads": work / "uploads"}


@pytest.fixture(scope="module")
def scripted() -> Iterator[tuple[LiveServer, ScriptedApp]]:
    with scripted_server() as pair:
        yield pair


@pytest.fixture
def app(scripted: tuple[LiveServer, ScriptedApp]) -> Iterator[ScriptedApp]:
    scripted[1].reset()
    yield scripted[1]
    scripted[1].reset()


@pytest.fixture
def responses_sdk(packages: dict[str, Path]) -> Iterator[ModuleType]:
    with imported(packages["responses"], "responses_sdk") as module:
        yield module


@pytest.fixture
def uploads_sdk(packages: dict[str, Path]) -> Iterator[ModuleType]:
    with imported(packages["uploads"], "uploads_sdk") as module:
        yield module


def test_a_stream_among_differing_success_responses_fails_strict(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "marker").write_text("untouched")
    result = generate("success_responses.yaml", out, "strict_sdk", strict=True, force=True)  # not refused for marker
    assert result.returncode == 2
    assert result.stderr.strip().endswith(f": {STREAM_WARNING}"), result.stderr
    assert [p.name for p in out.iterdir()] == ["marker"]


def test_differing_success_responses_parse_by_status(
    responses_sdk: Any, app: ScriptedApp, scripted: tuple[LiveServer, ScriptedApp]
) -> None:
    components, errors, funcs = (
        importlib.import_module(f"responses_sdk.{m}") for m in ("models.components", "models.errors", "funcs")
    )
    with responses_sdk.Api(server_url=scripted[0].url) as sdk:
        body = components.Thing(name="n", size=2)
        app.answer("PUT", "/things/a/b", 200, {"name": "stored", "size": 3})
        replaced = sdk.things.upsert_thing(thing_id="a/b", body=body)
        assert isinstance(replaced, components.Thing) and (replaced.name, replaced.size) == ("stored", 3)
        assert (app.last.method, app.last.raw_path) == ("PUT", "/things/a%2Fb")
        assert app.last.json() == {"name": "n", "size": 2}
        assert app.last.headers["accept"] == "application/json"

        app.answer("PUT", "/things/a/b", 201, {"location": "/things/a%2Fb"})
        created = sdk.things.upsert_thing(thing_id="a/b", body=body)
        assert isinstance(created, components.Created) and created.location == "/things/a%2Fb"
        result = funcs.things_upsert_thing(sdk, thing_id="a/b", body=body)
        assert isinstance(result.value, components.Created)

        app.answer("PUT", "/things/a/b", 204, b"", None)
        assert sdk.things.upsert_thing(thing_id="a/b", body=body) is None

        app.answer("PUT", "/things/a/b", 422, {"detail": "size must be even"})
        with pytest.raises(errors.Problem) as raised:
            sdk.things.upsert_thing(thing_id="a/b", body=body)
        assert raised.value.status_code == 422 and raised.value.data.detail == "size must be even"

        # JSON for the exact 200, text for the rest of 2XX
        app.answer("GET", "/export", 200, ["a", "b"])
        assert sdk.things.export_things() == ["a", "b"]
        app.answer("GET", "/export", 202, b"come back at noon", "text/plain")
        assert sdk.things.export_things() == "come back at noon"

        # alike responses parse as one
        app.answer("GET", "/same", 203, {"name": "mirrored"})
        assert sdk.things.same_thing().name == "mirrored"

        # a stream among them: every 2XX streams (the generator warned)
        app.answer("GET", "/download", 200, b"PK\x03\x04", "application/zip")
        with sdk.things.download_things() as stream:
            assert b"".join(stream.iter_bytes()) == b"PK\x03\x04"


@pytest.mark.anyio
async def test_differing_success_responses_parse_by_status_async(
    responses_sdk: Any, app: ScriptedApp, scripted: tuple[LiveServer, ScriptedApp]
) -> None:
    components = importlib.import_module("responses_sdk.models.components")
    async with responses_sdk.Api(server_url=scripted[0].url) as sdk:
        app.answer("PUT", "/things/x", 201, {"location": "/things/x"})
        created = await sdk.things.upsert_thing_async(thing_id="x", body=components.Thing(name="x"))
        assert isinstance(created, components.Created)
        app.answer("PUT", "/things/x", 204, b"", None)
        assert await sdk.things.upsert_thing_async(thing_id="x", body=components.Thing(name="x")) is None


def test_multipart_files_as_bytes_or_file_tuples(
    uploads_sdk: Any, app: ScriptedApp, scripted: tuple[LiveServer, ScriptedApp]
) -> None:
    components = importlib.import_module("uploads_sdk.models.components")
    with uploads_sdk.Api(server_url=scripted[0].url) as sdk:
        app.answer("POST", "/documents", 201, {"id": "d1"})
        stored = sdk.documents.upload_document(
            body=components.DocumentUpload(
                file=b"%PDF-1.7 plain bytes",
                attachments=[("notes.txt", b"two-tuple: type from the name"), ("data.bin", b"\x00\xff", "text/csv")],
                cover=("cover.png", b"\x89PNG\r\n", "image/png"),
                title="Quarterly \u00e9 & report",
                tags=["q3", "draft"],
                meta={"pages": 2},
            )
        )
        assert stored.id == "d1"
        received = app.last
        assert (received.method, received.path, received.query) == ("POST", "/documents", [])
        parts = [(p.name, p.filename, p.content_type, p.data) for p in received.parts()]
        assert parts == [
            ("file", "file", "application/octet-stream", b"%PDF-1.7 plain bytes"),
            ("attachments", "notes.txt", "text/plain", b"two-tuple: type from the name"),
            ("attachments", "data.bin", "text/csv", b"\x00\xff"),
            ("cover", "cover.png", "image/png", b"\x89PNG\r\n"),
            ("title", None, None, "Quarterly \u00e9 & report".encode()),
            ("tags", None, None, b"q3"),
            ("tags", None, None, b"draft"),
            ("meta", None, None, b'{"pages":2}'),
        ]

        # a two-tuple: httpx guesses the content type from the filename; unset optional fields send no part
        sdk.documents.upload_document(body=components.DocumentUpload(file=("report.pdf", b"%PDF"), title="t"))
        parts = [(p.name, p.filename, p.content_type, p.data) for p in app.last.parts()]
        assert parts == [("file", "report.pdf", "application/pdf", b"%PDF"), ("title", None, None, b"t")]

        # a multipart body that is one bare file goes as the part "body"
        app.answer("POST", "/documents/raw", 204)
        sdk.documents.upload_raw(body=("raw.dat", b"\x01\x02", "application/x-raw"))
        assert [(p.name, p.filename, p.content_type, p.data) for p in app.last.parts()] == [
            ("body", "raw.dat", "application/x-raw", b"\x01\x02")
        ]
        sdk.documents.upload_raw(body=b"\x03")
        assert [(p.name, p.filename, p.data) for p in app.last.parts()] == [("body", "body", b"\x03")]

        # not a file: refused before anything is sent
        sent = len(app.requests)
        with pytest.raises(pydantic.ValidationError):
            components.DocumentUpload(file=("name-only",), title="t")
        with pytest.raises(Exception, match="invalid arguments") as refused:  # the SDK's RequestValidationError
            sdk.documents.upload_raw(body=("a", b"b", "c/d", "extra"))
        assert type(refused.value).__name__ == "RequestValidationError"
        assert isinstance(refused.value.__cause__, pydantic.ValidationError)
        assert len(app.requests) == sent


def test_form_urlencoded_fields(uploads_sdk: Any, app: ScriptedApp, scripted: tuple[LiveServer, ScriptedApp]) -> None:
    components = importlib.import_module("uploads_sdk.models.components")
    with uploads_sdk.Api(server_url=scripted[0].url) as sdk:
        app.answer("POST", "/documents/search", 200, ["d1"])
        found = sdk.documents.search_documents(body=components.Search(query="a&b=c", kinds=["x", "y z"], limit=3))
        assert found == ["d1"]
        assert app.last.form() == [("query", "a&b=c"), ("kinds", "x"), ("kinds", "y z"), ("limit", "3")]


def test_generated_packages_type_check(packages: dict[str, Path]) -> None:
    for out in packages.values():
        mypy_strict(out)
