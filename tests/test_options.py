"""Options per client copy (``with_options``), client-wide headers, the missing-credential error, and the
warning about a sync client given without an async one."""

from __future__ import annotations

import asyncio
import logging
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import httpx
import pytest
from syllable_sdk import SyllableSDK
from syllable_sdk.core import SyllableSDKCore
from syllable_sdk.funcs import sessions_get_by_id, sessions_get_by_id_async
from syllable_sdk.models import errors
from syllable_sdk.utils import RetryConfig

from generator.config import Config
from generator.context import new_context
from generator.models import Models
from generator.security import alternatives
from tests.cli_runs import generate_ok
from tests.server import API_KEY, Fault, LiveServer
from tests.typecheck import check_snippet


def sdk_for(server: LiveServer, **options: Any) -> SyllableSDK:
    return SyllableSDK(api_key_header=API_KEY, server_url=server.url, **options)


def sent(server: LiveServer, path: str) -> list[dict[str, Any]]:
    return [r for r in server.requests if r["path"] == path]


# -- with_options ---------------------------------------------------------------------------------


def test_with_options_shares_the_pools_and_hooks_and_leaves_the_original_unchanged(server: LiveServer) -> None:
    sdk = sdk_for(server, timeout_ms=4_000)
    seen: list[str] = []
    sdk.hooks.before_request.append(lambda ctx, request: seen.append(ctx.operation_id))
    copy = sdk.with_options(timeout_ms=1_500, http_headers={"x-tenant": "a"}, max_retries=0)
    assert type(copy) is SyllableSDK
    assert copy.sessions.get_by_id(session_id="1001").session_id == "1001"
    assert sdk.sessions.get_by_id(session_id="1002").session_id == "1002"
    assert copy._sync_client() is sdk._sync_client()  # one connection pool
    assert copy.hooks is sdk.hooks and seen == ["session_get_by_id", "session_get_by_id"]
    assert (sdk.timeout_ms, sdk.max_retries, sdk.http_headers) == (4_000, 2, {})
    assert (copy.timeout_ms, copy.max_retries, copy.http_headers) == (1_500, 0, {"x-tenant": "a"})
    first, second = sent(server, "/api/v1/sessions/1001"), sent(server, "/api/v1/sessions/1002")
    assert first[0]["headers"]["x-tenant"] == "a" and "x-tenant" not in second[0]["headers"]
    sdk.close()


@pytest.mark.anyio
async def test_with_options_shares_the_async_pool(server: LiveServer) -> None:
    sdk = sdk_for(server)
    copy = sdk.with_options(timeout_ms=3_000)
    await copy.sessions.get_by_id_async(session_id="1001")
    await sdk.sessions.get_by_id_async(session_id="1002")
    assert copy._async_client() is sdk._async_client()
    await copy.aclose()  # a copy does not own the pool
    assert not sdk._async_client().is_closed
    client = sdk._async_client()
    await sdk.aclose()
    assert client.is_closed


def test_closing_a_copy_leaves_the_shared_pool_open(server: LiveServer) -> None:
    sdk = sdk_for(server)
    with sdk.with_options(timeout_ms=2_000) as copy:
        copy.sessions.get_by_id(session_id="1001")
    client = sdk._sync_client()
    assert not client.is_closed
    assert sdk.sessions.get_by_id(session_id="1002").session_id == "1002"
    sdk.close()
    assert client.is_closed


def test_with_options_retries_server_url_and_retry_config_per_copy(server: LiveServer) -> None:
    sdk = SyllableSDK(api_key_header=API_KEY, server_url="http://127.0.0.1:9")  # nothing listens there
    copy = sdk.with_options(server_url=server.url + "/", retry_config=RetryConfig("none"))
    assert copy.server_url == server.url and sdk.server_url == "http://127.0.0.1:9"
    server.plan.append(Fault(503, {"retry-after": "0"}))
    with pytest.raises(errors.SDKError):
        copy.sessions.get_by_id(session_id="1001")  # retry_config "none": one attempt
    assert len(sent(server, "/api/v1/sessions/1001")) == 1
    assert sdk.retry_config is None
    once = copy.with_options(retry_config=None, max_retries=0)  # a copy of a copy
    server.plan.append(Fault(503, {"retry-after": "0"}))
    with pytest.raises(errors.SDKError):
        once.sessions.get_by_id(session_id="1002")  # idempotent, but max_retries=0
    assert len(sent(server, "/api/v1/sessions/1002")) == 1
    server.plan.append(Fault(503, {"retry-after": "0"}))
    assert copy.with_options(retry_config=None).sessions.get_by_id(session_id="1003").session_id == "1003"
    assert len(sent(server, "/api/v1/sessions/1003")) == 2  # retried by default
    sdk.close()


def test_max_retries_on_the_constructor_caps_the_attempts(server: LiveServer) -> None:
    server.plan.extend(Fault(503, {"retry-after": "0"}) for _ in range(5))
    with sdk_for(server, max_retries=1) as sdk, pytest.raises(errors.SDKError) as caught:
        sdk.sessions.get_by_id(session_id="1001")
    assert caught.value.status_code == 503
    assert len(sent(server, "/api/v1/sessions/1001")) == 2  # one try and one retry


def test_with_options_carries_every_attribute_and_fresh_resources(server: LiveServer) -> None:
    sdk = sdk_for(server)
    sdk.sessions  # noqa: B018 - cache the resource on the original
    sdk.added_by_another_feature = 123  # type: ignore[attr-defined]  # attributes later branches add
    copy = sdk.with_options(timeout_ms=2_000)
    assert copy.added_by_another_feature == 123  # type: ignore[attr-defined]
    assert copy.sessions is not sdk.sessions and copy.sessions._core is copy
    assert copy.logger is sdk.logger and copy._credentials == sdk._credentials
    assert "x" not in sdk.http_headers
    copy.http_headers["x"] = "y"  # a copy's headers are its own
    assert "x" not in sdk.http_headers
    sdk.close()


def test_with_options_on_the_core_for_standalone_functions(server: LiveServer) -> None:
    core = SyllableSDKCore(api_key_header=API_KEY, server_url=server.url)
    copy = core.with_options(http_headers={"x-copy": "1"})
    assert type(copy) is SyllableSDKCore
    res = sessions_get_by_id(copy, session_id="1001")
    assert res.ok and res.value.session_id == "1001"
    assert sent(server, "/api/v1/sessions/1001")[0]["headers"]["x-copy"] == "1"
    core.close()


def test_client_http_headers_go_on_every_request_and_a_call_overrides_them(server: LiveServer) -> None:
    with sdk_for(server, http_headers={"x-tenant": "a", "x-trace": "client"}) as sdk:
        sdk.sessions.get_by_id(session_id="1001")
        sdk.sessions.get_by_id(session_id="1002", http_headers={"x-trace": "call"})
        asyncio.run(sdk.sessions.get_by_id_async(session_id="1003"))
        sdk.with_options(http_headers={"x-trace": "copy", "x-more": "1"}).sessions.get_by_id(session_id="1004")
    headers = [sent(server, f"/api/v1/sessions/{n}")[0]["headers"] for n in (1001, 1002, 1003, 1004)]
    assert [h["x-tenant"] for h in headers] == ["a", "a", "a", "a"]  # a copy's headers are added to the original's
    assert [h["x-trace"] for h in headers] == ["client", "call", "client", "copy"]
    assert headers[3]["x-more"] == "1" and "x-more" not in headers[0]


def test_with_options_server_url_none_means_the_environment_or_the_default(
    server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SYLLABLESDK_SERVER_URL", server.url)
    sdk = SyllableSDK(api_key_header=API_KEY, server_url="http://127.0.0.1:9")
    assert sdk.with_options(server_url=None).sessions.get_by_id(session_id="1001").session_id == "1001"
    monkeypatch.delenv("SYLLABLESDK_SERVER_URL")
    assert sdk.with_options(server_url=None).server_url == "https://api.syllable.cloud"
    assert sdk.server_url == "http://127.0.0.1:9"
    sdk.close()


# -- a missing credential -------------------------------------------------------------------------


@pytest.fixture
def no_key_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SYLLABLESDK_API_KEY_HEADER", raising=False)


def _names_both(error: BaseException) -> None:
    assert isinstance(error, errors.SyllableSDKError)
    assert "api_key_header=" in str(error) and "SYLLABLESDK_API_KEY_HEADER" in str(error)


@pytest.mark.usefixtures("no_key_env")
def test_a_missing_key_is_refused_before_anything_is_sent(server: LiveServer) -> None:
    sdk = SyllableSDK(server_url=server.url)
    with pytest.raises(errors.MissingCredentialError) as caught:
        sdk.sessions.get_by_id(session_id="1001")
    _names_both(caught.value)
    with pytest.raises(errors.MissingCredentialError) as caught:
        asyncio.run(sdk.sessions.get_by_id_async(session_id="1001"))
    _names_both(caught.value)
    with pytest.raises(errors.MissingCredentialError):
        sdk.sessions.session_recording_stream(token="t")
    res = sessions_get_by_id(sdk, session_id="1001")
    assert not res.ok and isinstance(res.error, errors.MissingCredentialError)
    res = asyncio.run(sessions_get_by_id_async(sdk, session_id="1001"))
    assert not res.ok and isinstance(res.error, errors.MissingCredentialError)
    assert server.requests == []  # nothing left the process
    sdk.close()


@pytest.mark.usefixtures("no_key_env")
def test_a_key_sent_another_way_is_not_refused(server: LiveServer) -> None:
    with SyllableSDK(server_url=server.url) as sdk:
        assert (
            sdk.sessions.get_by_id(session_id="1001", http_headers={"Syllable-API-Key": API_KEY}).session_id == "1001"
        )
        with_header = sdk.with_options(http_headers={"syllable-api-key": API_KEY})
        assert with_header.sessions.get_by_id(session_id="1002").session_id == "1002"
    client = httpx.Client(headers={"Syllable-API-Key": API_KEY})
    with SyllableSDK(server_url=server.url, client=client) as sdk:
        assert sdk.sessions.get_by_id(session_id="1003").session_id == "1003"
    client.close()
    with SyllableSDK(server_url=server.url) as sdk:
        sdk.hooks.before_request.append(lambda ctx, request: request.headers.update({"syllable-api-key": API_KEY}))
        assert sdk.sessions.get_by_id(session_id="1004").session_id == "1004"
    assert len(server.requests) == 4


def _required(security: Any, schemes: dict[str, Any]) -> tuple[tuple[str, ...], ...]:
    data = {"openapi": "3.1.0", "paths": {}, "components": {"securitySchemes": schemes}}
    models = Models(modules={}, classes={}, fields={}, locations={}, members={})
    return alternatives(new_context(data, Config(), models), security)[1]


def test_which_calls_need_a_credential_is_decided_for_every_spec() -> None:
    key = {"type": "apiKey", "in": "header", "name": "X-Key"}
    bearer = {"type": "http", "scheme": "bearer"}
    oauth = {"type": "oauth2", "flows": {}}
    schemes = {"Key": key, "Bearer": bearer, "OAuth": oauth}
    assert _required([{"Key": []}], schemes) == (("Key",),)
    assert _required([{"Key": []}, {"Bearer": []}], schemes) == (("Key",), ("Bearer",))  # either one, in order
    assert _required([{"Key": [], "Bearer": []}], schemes) == (("Bearer", "Key"),)  # both
    assert _required([{}, {"Key": []}], schemes) == ()  # optional security
    assert _required([{"OAuth": []}], schemes) == ()  # a scheme the SDK ignores: the caller may send it
    assert _required([{"Key": []}, {"OAuth": []}], schemes) == ()
    assert _required([], schemes) == () and _required(None, schemes) == ()
    assert _required([{"Undeclared": []}], schemes) == ()


# -- a sync client given without an async one ------------------------------------------------------


def test_a_warning_once_when_async_calls_bypass_the_given_client(
    server: LiveServer, caplog: pytest.LogCaptureFixture
) -> None:
    client = httpx.Client()

    async def calls(sdk: SyllableSDK) -> None:
        for n in range(3):
            await sdk.sessions.get_by_id_async(session_id=str(1000 + n))

    with caplog.at_level(logging.WARNING, logger="syllable_sdk"):
        sdk = sdk_for(server, client=client)
        sdk.sessions.get_by_id(session_id="1001")
        assert caplog.records == []  # sync calls use the given client: nothing to say
        asyncio.run(calls(sdk))
        asyncio.run(calls(sdk))  # a second loop, a second SDK-made client: still one warning
        warnings = [r for r in caplog.records if r.name == "syllable_sdk"]
        assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING
        assert "async_client=" in warnings[0].getMessage() and API_KEY not in warnings[0].getMessage()
        other = sdk_for(server, client=client)
        asyncio.run(calls(other))  # once per SDK instance
        assert len([r for r in caplog.records if r.name == "syllable_sdk"]) == 2

        async def with_both() -> None:
            async with httpx.AsyncClient() as async_client:
                await calls(sdk_for(server, client=client, async_client=async_client))

        asyncio.run(with_both())
        assert len([r for r in caplog.records if r.name == "syllable_sdk"]) == 2

        async def async_only() -> SyllableSDK:
            async with httpx.AsyncClient() as async_client:
                sdk = sdk_for(server, async_client=async_client)
                await calls(sdk)
                return sdk

        only = asyncio.run(async_only())
        assert len([r for r in caplog.records if r.name == "syllable_sdk"]) == 2
        only.sessions.get_by_id(session_id="1001")
        only.sessions.get_by_id(session_id="1002")  # sync calls on an SDK-made client: one warning, the same way
        warnings = [r for r in caplog.records if r.name == "syllable_sdk"]
        assert len(warnings) == 3 and "client=" in warnings[-1].getMessage()
        only.close()
    client.close()


# A loopback HTTP server that records each request and answers from a script; the auth scenarios below run against it.
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

AUTH_SPEC = """
openapi: 3.1.0
info: {title: Auth, version: "1"}
servers: [{url: "https://auth.example.com"}]
security: [{Key: []}, {Token: []}]
paths:
  /either:
    get:
      operationId: getEither
      responses: {"200": {description: ok, content: {application/json: {schema: {type: object}}}}}
  /optional:
    get:
      operationId: getOptional
      security: [{}, {Key: []}]
      responses: {"200": {description: ok, content: {application/json: {schema: {type: object}}}}}
  /both:
    get:
      operationId: getBoth
      security: [{Key: [], Token: []}]
      responses: {"200": {description: ok, content: {application/json: {schema: {type: object}}}}}
  /public:
    get:
      operationId: getPublic
      security: []
      responses: {"200": {description: ok, content: {application/json: {schema: {type: object}}}}}
components:
  securitySchemes:
    Key: {type: apiKey, in: header, name: X-Key}
    Token: {type: http, scheme: bearer}
"""

AUTH_SCENARIOS = """
from sdk import Client
from sdk.models import errors

def refused(call):
    try:
        call()
    except errors.MissingCredentialError as error:
        return str(error)
    raise AssertionError("not refused")

bare = Client(server_url=URL)
for _ in range(2):
    answer(200, {})
bare.default.get_optional()
bare.default.get_public()
assert [path for _, path, _, _ in seen] == ["/optional", "/public"]
either = refused(bare.default.get_either)
assert "key=" in either and "SDK_KEY" in either and "token=" in either and "SDK_TOKEN" in either, either
both = refused(Client(server_url=URL, token="t").default.get_both)
assert "key=" in both and "SDK_KEY" in both, both
assert len(seen) == 2
answer(200, {})
Client(server_url=URL, token="t").default.get_either()
assert seen[-1][2]["authorization"] == "Bearer t"
print("ok")
"""


def test_several_schemes_and_optional_security_end_to_end(tmp_path: Path) -> None:
    spec = tmp_path / "auth.yaml"
    spec.write_text(AUTH_SPEC, encoding="utf-8")
    out = tmp_path / "pkg"
    generate_ok(out, "--strict", spec=spec)
    result = subprocess.run(
        [sys.executable, "-c", SERVER + AUTH_SCENARIOS],
        env={"PYTHONPATH": str(out / "src"), "PATH": str(Path(sys.executable).parent)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stdout + result.stderr


TYPED_USAGE = """
from syllable_sdk import SyllableSDK
from syllable_sdk.core import SyllableSDKCore
from syllable_sdk.models import errors

sdk = SyllableSDK(api_key_header="k", max_retries=1, http_headers={"x-team": "a"})
reveal_type(sdk.with_options(timeout_ms=1_000, max_retries=0, http_headers={"x": "y"}, server_url=None))
reveal_type(SyllableSDKCore().with_options(retry_config=None))
reveal_type(sdk.max_retries)
reveal_type(sdk.http_headers)
try:
    sdk.sessions.get_by_id(session_id="x")
except errors.MissingCredentialError as error:
    reveal_type(error.message)
sdk.with_options(timeout_ms="slow")  # a wrong type must be an error
"""


def test_the_new_names_are_typed_for_mypy_strict(tmp_path: Path) -> None:
    revealed, errors_found = check_snippet(TYPED_USAGE, tmp_path)
    assert revealed == [
        "syllable_sdk.sdk.SyllableSDK",
        "syllable_sdk.core.SyllableSDKCore",
        "int",
        "dict[str, str]",
        "str",
    ], errors_found
    assert len(errors_found) == 1 and "timeout_ms" in errors_found[0], errors_found
