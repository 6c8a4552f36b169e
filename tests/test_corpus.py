"""The whole public Syllable API generates into a package that imports, lints, type-checks and keeps every operation."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.output import build_tree
from generator.pipeline import generate_files
from tests.corpus_server import ScriptedApp, scripted_server
from tests.server import LiveServer
from tests.test_parallel import tree
from tests.tools import imported

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "specs" / "syllable-openapi.json"
CONFIG = Path(__file__).resolve().parent / "specs" / "corpus.yaml"
PACKAGE = "syllable_corpus"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

pytestmark = pytest.mark.skipif(
    not CORPUS.is_file(), reason=f"{CORPUS} is absent (the shared corpus lives beside the repository, not in it)"
)


def tool(*args: str) -> list[str]:
    return [sys.executable, "-m", *args]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus") / "pkg"
    result = subprocess.run(
        tool("generator", "generate", "--spec", str(CORPUS), "--config", str(CONFIG), "--out", str(out), "--strict"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return out


def spec_operations() -> dict[str, tuple[str, str, str, str]]:
    """operationId -> (HTTP method, path, first tag, the kind of result its first 2XX response should give)."""
    spec: dict[str, Any] = json.loads(CORPUS.read_text(encoding="utf-8"))
    ops = {}
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                op = item[method]
                success = next((r for s, r in sorted(op["responses"].items()) if s.startswith("2")), {})
                ops[op["operationId"]] = (method.upper(), path, op.get("tags", ["default"])[0], result_kind(success))
    return ops


def result_kind(response: dict[str, Any]) -> str:
    content = response.get("content") or {}
    if not content:
        return "empty"
    if any(m == "application/json" or m.endswith("+json") for m in content):
        return "json"
    media = sorted(content)[0]
    binary = content[media].get("schema", {}).get("format") == "binary"
    return "text" if media.startswith("text/") and not binary else "stream"


# Walks the SDK from its root: every resource reachable through attributes, and the operations each one holds.
WALK = textwrap.dedent(
    """
    import importlib, json, sys
    from {package} import {sdk}
    from {package}.utils._http import Operation

    sdk = {sdk}(api_key_header="k", server_url="http://127.0.0.1:9")
    found, seen = [], set()

    def walk(obj, dotted):
        module = importlib.import_module(type(obj).__module__)
        ops = {{id(v): v for v in vars(module).values() if isinstance(v, Operation)}}
        for op in ops.values():
            found.append([op.id, op.method, op.path, dotted, op.kind])
        for name in sorted(dir(type(obj))):
            attr = getattr(type(obj), name)
            if name == "with_raw_response":  # the same operations again, returning raw responses
                continue
            if not name.startswith("_") and hasattr(attr, "func") and type(attr).__name__ == "cached_property":
                child = getattr(obj, name)
                if type(child).__module__ != "{package}.core" and id(child) not in seen:
                    seen.add(id(child))
                    walk(child, f"{{dotted}}.{{name}}" if dotted else name)

    walk(sdk, "")
    import {package}.funcs as funcs
    for name in funcs.__all__:
        getattr(funcs, name)
    import {package}.models.components, {package}.models.operations, {package}.models.errors
    print(json.dumps(found))
    """
)


def test_every_operation_is_exposed_once(corpus: Path) -> None:
    expected = spec_operations()
    assert len(expected) == 176
    result = subprocess.run(
        [sys.executable, "-c", WALK.format(package=PACKAGE, sdk="SyllableCorpus")],
        cwd=corpus,
        env={"PYTHONPATH": str(corpus / "src"), "PATH": str(Path(sys.executable).parent)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    ids = [op_id for op_id, *_ in found]
    assert len(ids) == len(set(ids)), "an operation is reachable from two resources"
    assert sorted(ids) == sorted(expected), "every operation, none dropped or merged"
    for op_id, method, path, dotted, kind in found:
        assert (method, path) == expected[op_id][:2]
        # JSON is parsed, binary of any media type (zip, csv, octet-stream) streams, text/* is a str
        assert kind == expected[op_id][3], (op_id, kind, expected[op_id][3])
        tag = expected[op_id][2]
        # the resource path follows the tag: sessions.transcript -> sdk.sessions.transcript
        assert dotted.split(".") == [part.replace("-", "_") for part in tag.split(".")], (op_id, dotted, tag)


def test_nested_resources_follow_dotted_tags(corpus: Path) -> None:
    script = textwrap.dedent(
        """
        import inspect
        from syllable_corpus import SyllableCorpus
        sdk = SyllableCorpus(api_key_header="k")
        for call in (sdk.sessions.transcript.get_by_id, sdk.outbound.batches.list, sdk.channels.twilio.numbers.add,
                     sdk.insights.folders.upload_file, sdk.sessions.full_summary.get_by_id, sdk.agents.create):
            assert callable(call)
        assert "body" in inspect.signature(sdk.agents.create).parameters
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={"PYTHONPATH": str(corpus / "src"), "PATH": str(Path(sys.executable).parent)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_models_are_one_module_each_and_load_lazily(corpus: Path) -> None:
    schemas = next(corpus.glob("src/*/models/components/_schemas"))
    modules = [p.stem for p in schemas.glob("*.py") if p.stem != "__init__"]
    assert len(modules) > 300, "fell back to one module for all models"
    package_name = schemas.parts[-4]
    script = (
        "import sys, json\n"
        f"from {package_name}.models import components\n"
        "components.Session\n"
        f"print(json.dumps([m for m in sys.modules if m.startswith('{package_name}.models.components._schemas.')]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(corpus / "src")},
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert 0 < len(loaded) < 10, loaded  # Session and what it refers to, not the 300-odd others


# Every class of every model module: reachable by name through ``components``, and complete (each name in its
# annotations resolves, so pydantic can validate with it) without any other module loaded first.
EVERY_MODEL = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys
    import {package}.models.components._schemas as schemas

    if len(sys.argv) > 1:
        from {package}.models import components
        module = importlib.import_module(f"{{schemas.__name__}}.{{sys.argv[1]}}")
        classes = [v for k, v in vars(module).items() if isinstance(v, type) and v.__module__ == module.__name__
                   and k.isidentifier()]
        for cls in classes:
            assert getattr(components, cls.__name__) is cls, cls.__name__
            if hasattr(cls, "model_rebuild"):
                cls.model_rebuild()
                assert cls.__pydantic_complete__, cls.__name__
        print(len(classes))
    else:
        names = [m.name for m in pkgutil.iter_modules(schemas.__path__)]
        print(json.dumps(names))
    """
)


def test_every_model_is_reachable_and_complete_on_its_own(corpus: Path) -> None:
    script = EVERY_MODEL.format(package=PACKAGE)
    env = {**os.environ, "PYTHONPATH": str(corpus / "src")}

    def run(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=60, env=env
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    modules = json.loads(run())
    # One interpreter per module for a sample (a module that only works once another is loaded fails here)...
    for name in modules[:: max(1, len(modules) // 12)]:
        assert int(run(name)) >= 1, name
    # ... and all of them in one interpreter, each class checked.
    all_at_once = "; ".join(f"sys.argv[1:] = [{name!r}]; exec(SCRIPT)" for name in modules)
    result = subprocess.run(
        [sys.executable, "-c", f"import sys\nSCRIPT = {script!r}\n{all_at_once}"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert sum(map(int, result.stdout.split())) > 300


def test_the_cli_tree_written_while_the_library_runs_is_the_plain_one(corpus: Path, tmp_path: Path) -> None:
    """The cli writes all but the model modules while the library runs (generator/pipeline.py): the package is
    byte for byte what the plain path writes."""
    files, _ = generate_files(CORPUS, CONFIG, strict=True)
    plain = build_tree(files, tmp_path)
    written = {rel: text for rel, text in tree(corpus).items() if not rel.startswith(".sdkgen/")}  # the cli's manifest
    assert tree(plain) == written


def test_ruff_passes(corpus: Path) -> None:
    result = subprocess.run(
        tool("ruff", "check", "--no-cache", "src"), cwd=corpus, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    result = subprocess.run(
        tool("ruff", "format", "--no-cache", "--check", "src"), cwd=corpus, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_passes(corpus: Path) -> None:
    result = subprocess.run(
        tool("mypy", "--strict", "--no-incremental", "--cache-dir", "/dev/null", "src"),
        cwd=corpus,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr


# A sample of operations (JSON, query parameters, multipart with files, form-urlencoded, a CSV stream, a typed 422)
# called in-process against a scripted uvicorn server on 127.0.0.1 that records what arrived.


@pytest.fixture(scope="module")
def scripted() -> Iterator[tuple[LiveServer, ScriptedApp]]:
    with scripted_server() as pair:
        yield pair


@pytest.fixture
def corpus_sdk(corpus: Path, scripted: tuple[LiveServer, ScriptedApp]) -> Iterator[tuple[Any, ScriptedApp]]:
    """A client of the generated package (imported in this process, forgotten afterwards) and the server's app."""
    server, app = scripted
    app.reset()
    try:
        with (
            imported(corpus, PACKAGE) as module,
            module.SyllableCorpus(api_key_header="secret", server_url=server.url) as sdk,
        ):
            yield sdk, app
    finally:
        app.reset()


def package(name: str) -> Any:
    return importlib.import_module(f"{PACKAGE}.{name}")


def test_json_body_and_query_parameters(corpus_sdk: tuple[Any, ScriptedApp]) -> None:
    sdk, app = corpus_sdk
    components = package("models.components")
    app.answer("DELETE", "/api/v1/users/", 200, {"deleted": True})
    assert sdk.users.delete(body=components.UserDeleteRequest(email="a@b.c", reason="left")) == {"deleted": True}
    received = app.last
    assert (received.method, received.path, received.query) == ("DELETE", "/api/v1/users/", [])
    assert received.headers["syllable-api-key"] == "secret" and received.headers["accept"] == "application/json"
    assert received.json() == {"email": "a@b.c", "reason": "left"}

    page = {"items": [], "page": 2, "page_size": 10, "total_pages": 0, "total_count": 0}
    app.answer("GET", "/api/v1/sessions/", 200, page)
    listed = sdk.sessions.list(
        page=2,
        limit=10,
        search_fields=[components.SessionProperties.SESSION_ID, components.SessionProperties.TIMESTAMP],
        search_field_values=["1 & 2", "2026"],
        order_by_direction=components.OrderByDirection.DESC,
    )
    assert listed.items == [] and listed.page == 2
    assert (app.last.method, app.last.path, app.last.body) == ("GET", "/api/v1/sessions/", b"")
    assert app.last.query == [
        ("page", "2"),
        ("limit", "10"),
        ("search_fields", "session_id"),
        ("search_fields", "timestamp"),
        ("search_field_values", "1 & 2"),
        ("search_field_values", "2026"),
        ("order_by_direction", "desc"),
    ]


def test_multipart_uploads(corpus_sdk: tuple[Any, ScriptedApp]) -> None:
    sdk, app = corpus_sdk
    components = package("models.components")
    app.answer(
        "POST", "/api/v1/pronunciations/csv", 202, {"revision": 3, "hash": "h", "entries": 1, "uploaded_by": "me"}
    )
    uploaded = sdk.pronunciations.upload_csv(body=components.BodyPronunciationsUploadCsv(file=b"a,b\n"))
    assert uploaded.revision == 3
    assert [(p.name, p.filename, p.content_type, p.data) for p in app.last.parts()] == [
        ("file", "file", "application/octet-stream", b"a,b\n")
    ]

    uploaded = sdk.pronunciations.upload_csv(
        body=components.BodyPronunciationsUploadCsv(file=("words.csv", b"text,replacement\n", "text/csv"))
    )
    assert [(p.name, p.filename, p.content_type) for p in app.last.parts()] == [("file", "words.csv", "text/csv")]

    # a file with its filename, beside plain fields, for a model with a required file
    app.answer(
        "POST",
        "/api/v1/organizations/",
        200,
        {"display_name": "Org", "id": 7, "name": "org", "last_updated": "2026-01-02T03:04:05Z"},
    )
    created = sdk.organizations.create(
        body=components.BodyOrganizationsCreate(logo=("logo.png", b"\x89PNG"), display_name="Org", domains="a.b,c.d")
    )
    assert created.id == 7
    assert [(p.name, p.filename, p.content_type, p.data) for p in app.last.parts()] == [
        ("logo", "logo.png", "image/png", b"\x89PNG"),
        ("display_name", None, None, b"Org"),
        ("domains", None, None, b"a.b,c.d"),
    ]

    # path and query parameters beside a multipart body
    app.answer(
        "POST",
        "/api/v1/insights/folders/5/upload-file",
        200,
        {"id": 1, "folder_id": 5, "filename": "call.wav", "object_key": "k", "status": "ok"},
    )
    sdk.insights.folders.upload_file(
        folder_id=5,
        call_id="c 1",
        duration=1.5,
        body=components.BodyInsightsFolderUploadFile(file=("call.wav", b"RIFF", "audio/wav")),
    )
    assert app.last.query == [("call_id", "c 1"), ("duration", "1.5")]
    assert [(p.name, p.filename, p.content_type, p.data) for p in app.last.parts()] == [
        ("file", "call.wav", "audio/wav", b"RIFF")
    ]


def test_form_stream_and_typed_error(corpus_sdk: tuple[Any, ScriptedApp]) -> None:
    sdk, app = corpus_sdk
    components, errors = package("models.components"), package("models.errors")
    app.answer("DELETE", "/api/v1/outbound/batches/b/1", 200, None)
    sdk.outbound.batches.delete(batch_id="b/1", body=components.BodyOutboundBatchDelete(delete_reason="no & yes"))
    assert (app.last.method, app.last.raw_path) == ("DELETE", "/api/v1/outbound/batches/b%2F1")
    assert app.last.form() == [("delete_reason", "no & yes")]

    app.answer("GET", "/api/v1/pronunciations/csv", 200, b"text,replacement\nSQL,sequel\n", "text/csv")
    with sdk.pronunciations.download_csv() as stream:
        assert b"".join(stream.iter_bytes()) == b"text,replacement\nSQL,sequel\n"
    assert app.last.headers["accept"] == "text/csv"

    detail = {"detail": [{"loc": ["body", "code"], "msg": "bad", "type": "value_error"}]}
    app.answer("POST", "/api/v1/session_labels/", 422, detail)
    with pytest.raises(errors.HTTPValidationError) as raised:
        sdk.session_labels.create(body={"session_id": 1, "type": "auto-rating", "code": "X", "user_email": "u"})
    assert raised.value.status_code == 422 and raised.value.data.detail[0].msg == "bad"
    sent = {"session_id": 1, "type": "auto-rating", "code": "X", "user_email": "u", "issue_categories": []}
    assert app.last.json() == sent  # a dict body is validated into the model: its non-None defaults go too
