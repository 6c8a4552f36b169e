"""The whole public Syllable API generates into a package that imports, lints, type-checks and keeps every operation."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

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


# Calls a sample of operations (JSON, multipart with a file, form-urlencoded, a CSV stream, a typed 422) against
# a loopback HTTP server that records what arrived and answers from a script.
CALLS = textwrap.dedent(
    """
    import json, threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from syllable_corpus import SyllableCorpus
    from syllable_corpus.models import components, errors

    seen = []
    answers = {
        ("DELETE", "/api/v1/users/"): (200, "application/json", b'{"deleted": true}'),
        ("POST", "/api/v1/pronunciations/csv"): (
            202, "application/json", b'{"revision": 3, "hash": "h", "entries": 1, "uploaded_by": "me"}'
        ),
        ("DELETE", "/api/v1/outbound/batches/b%2F1"): (200, "application/json", b"null"),
        ("GET", "/api/v1/pronunciations/csv"): (200, "text/csv", b"text,replacement\\nSQL,sequel\\n"),
        ("POST", "/api/v1/session_labels/"): (
            422, "application/json", b'{"detail": [{"loc": ["body", "code"], "msg": "bad", "type": "value_error"}]}'
        ),
    }

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def handle_one(self):
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            seen.append((self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            status, ctype, payload = answers[(self.command, self.path)]
            self.send_response(status)
            if ctype:
                self.send_header("content-type", ctype)
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_DELETE = handle_one

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with SyllableCorpus(api_key_header="secret", server_url=f"http://127.0.0.1:{server.server_port}") as sdk:
        assert sdk.users.delete(body=components.UserDeleteRequest(email="a@b.c", reason="left")) == {"deleted": True}
        method, path, headers, body = seen[-1]
        assert headers["content-type"] == "application/json" and headers["syllable-api-key"] == "secret"
        assert json.loads(body) == {"email": "a@b.c", "reason": "left"}

        uploaded = sdk.pronunciations.upload_csv(body=components.BodyPronunciationsUploadCsv(file=b"a,b\\n"))
        assert uploaded.revision == 3
        method, path, headers, body = seen[-1]
        assert headers["content-type"].startswith("multipart/form-data; boundary=")
        assert b'name="file"; filename="file"' in body and b"a,b\\n" in body

        sdk.outbound.batches.delete(batch_id="b/1", body=components.BodyOutboundBatchDelete(delete_reason="no & yes"))
        method, path, headers, body = seen[-1]
        assert headers["content-type"] == "application/x-www-form-urlencoded"
        assert body == b"delete_reason=no+%26+yes"

        with sdk.pronunciations.download_csv() as stream:
            assert b"".join(stream.iter_bytes()) == b"text,replacement\\nSQL,sequel\\n"
        assert seen[-1][2]["accept"] == "text/csv"

        try:
            sdk.session_labels.create(body={"session_id": 1, "type": "auto-rating", "code": "X", "user_email": "u"})
        except errors.HTTPValidationError as error:
            assert error.status_code == 422 and error.data.detail[0].msg == "bad"
        else:
            raise AssertionError("a 422 raises HTTPValidationError")
    print("ok")
    """
)


def test_sample_calls_against_a_local_server(corpus: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CALLS],
        env={"PYTHONPATH": str(corpus / "src"), "PATH": str(Path(sys.executable).parent)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr
