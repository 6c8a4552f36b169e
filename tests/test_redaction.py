"""Keys never leak: credentials are cleaned of surrounding whitespace and redacted by value in every text the
SDK makes or forwards: messages, header reprs, httpx's and httpcore's logs, hook contexts (issue 11.5).

Run against the sessions SDK (a header key) and a package generated from ``tests/specs/query_key`` (an
``in: query`` key named ``auth_token``, a name no fixed list knows).
"""

from __future__ import annotations

import asyncio
import copy
import gc
import importlib
import logging
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from urllib.parse import parse_qs

import httpx
import pytest
from syllable_sdk import SyllableSDK
from syllable_sdk.models import errors
from syllable_sdk.utils import HookContext, RetryConfig
from syllable_sdk.utils._secrets import redact

from tests.cli_runs import generate_ok
from tests.server import API_KEY, Fault, LiveServer
from tests.tools import imported

QUERY_SPEC = Path(__file__).resolve().parent / "specs" / "query_key"
QUERY_KEY = "qk-5c1d9e77"
NO_RETRIES = RetryConfig("none")


@pytest.fixture(scope="module")
def qkey(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    out = tmp_path_factory.mktemp("qkey") / "pkg"
    generate_ok(out, "--strict", spec=QUERY_SPEC / "openapi.yaml", config=QUERY_SPEC / "generator.yaml")
    with imported(out, "qkey_sdk") as module:
        yield module


# -- whitespace and control characters ----------------------------------------------------------


@pytest.mark.parametrize("padded", [API_KEY + "\n", f"  {API_KEY}\r\n", f"\t{API_KEY} "])
def test_a_key_read_from_a_file_works_and_is_sent_without_its_whitespace(server: LiveServer, padded: str) -> None:
    with SyllableSDK(api_key_header=padded, server_url=server.url) as sdk:
        assert sdk.sessions.get_by_id(session_id="1001").session_id == "1001"
    assert server.requests[-1]["headers"]["syllable-api-key"] == API_KEY


def test_the_environment_variable_is_cleaned_alike(server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYLLABLESDK_API_KEY_HEADER", API_KEY + "\n")
    with SyllableSDK(server_url=server.url) as sdk:
        sdk.sessions.get_by_id(session_id="1001")
    assert server.requests[-1]["headers"]["syllable-api-key"] == API_KEY


def test_a_key_with_control_characters_inside_is_refused_without_showing_it() -> None:
    with pytest.raises(ValueError, match="api_key_header") as caught:
        SyllableSDK(api_key_header="sk-first-half\nsk-second-half")
    assert "sk-first" not in str(caught.value) and "second-half" not in str(caught.value)


# -- messages and reprs -------------------------------------------------------------------------


def test_error_messages_and_request_header_reprs_hide_the_key(server: LiveServer) -> None:
    server.plan.append(Fault(500, {"content-type": "text/plain"}, body=f"bad key {API_KEY}".encode()))
    with SyllableSDK(api_key_header=API_KEY, server_url=server.url) as sdk:
        with pytest.raises(errors.SDKError) as echoed:
            sdk.sessions.get_by_id(session_id="1001", retries=NO_RETRIES)
        with pytest.raises(errors.SDKError) as missing:
            sdk.sessions.get_by_id(session_id="missing")
        for caught in (echoed, missing):
            error = caught.value
            sent = error.raw_response.request.headers
            assert sent["syllable-api-key"] == API_KEY  # the request itself is what was sent
            text = "\n".join([str(error), repr(error), repr(sent), str(error.args)])
            assert API_KEY not in text, text
        assert "bad key <redacted>" in str(echoed.value)


def test_connection_error_messages_hide_the_key() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(f"refused while sending {request.headers['syllable-api-key']}", request=request)

    client = httpx.Client(transport=httpx.MockTransport(refuse))
    with SyllableSDK(api_key_header=API_KEY, server_url="http://127.0.0.1:9", client=client) as sdk:
        with pytest.raises(errors.APIConnectionError) as caught:
            sdk.sessions.get_by_id(session_id="1001", retries=NO_RETRIES)
    assert API_KEY not in str(caught.value) and "<redacted>" in str(caught.value)


# -- logs ---------------------------------------------------------------------------------------


def test_httpx_and_httpcore_logs_hide_a_key_the_server_echoes(
    server: LiveServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, httpx's and httpcore's included
    server.plan.append(Fault(503, {"x-echoed-key": API_KEY}))
    with SyllableSDK(api_key_header=API_KEY, server_url=server.url) as sdk, pytest.raises(errors.SDKError):
        sdk.sessions.get_by_id(session_id="1001", retries=NO_RETRIES)
    assert any(r.name.startswith("httpcore") and "x-echoed-key" in r.getMessage() for r in caplog.records)
    assert API_KEY not in caplog.text


def test_hook_context_url_hides_the_recording_token(server: LiveServer) -> None:
    seen: list[str] = []
    with SyllableSDK(api_key_header=API_KEY, server_url=server.url) as sdk:
        sdk.hooks.before_request.append(lambda ctx, request: seen.append(ctx.url))
        with sdk.sessions.session_recording_stream(token="secret-recording-token") as stream:
            stream.read()
    assert len(seen) == 1 and "token=" in seen[0] and "secret-recording-token" not in seen[0]


# -- an ``in: query`` key named auth_token -------------------------------------------------------


def test_a_query_key_reaches_the_server_and_no_text(
    qkey: ModuleType, server: LiveServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    contexts: list[HookContext] = []
    errors_module = importlib.import_module("qkey_sdk.models.errors")
    with qkey.QKey(token=QUERY_KEY + "\n", server_url=server.url) as sdk:
        sdk.hooks.before_request.append(lambda ctx, request: contexts.append(ctx))
        echo = sdk.echo.get()
        server.plan.append(Fault(500, {"content-type": "text/plain"}, body=f"auth_token={QUERY_KEY}".encode()))
        with pytest.raises(errors_module.SDKError) as caught:
            sdk.echo.get(retries=qkey.utils.RetryConfig("none"))
    assert parse_qs(server.requests[0]["query"]) == {"auth_token": [QUERY_KEY]}
    assert QUERY_KEY in echo.url  # the server saw it; nothing the SDK or httpx printed did
    assert any(r.name == "httpx" and "auth_token=" in r.getMessage() for r in caplog.records)
    assert any(r.name == "qkey_sdk" and "auth_token=" in r.getMessage() for r in caplog.records)
    texts = [caplog.text, str(caught.value), repr(caught.value), *(c.url for c in contexts), repr(sdk)]
    assert QUERY_KEY not in "\n".join(texts)


def test_a_query_key_in_async_calls(qkey: ModuleType, server: LiveServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="httpx")

    async def run() -> None:
        async with qkey.QKey(token=QUERY_KEY, server_url=server.url) as sdk:
            await sdk.echo.get_async()

    asyncio.run(run())
    assert parse_qs(server.requests[0]["query"]) == {"auth_token": [QUERY_KEY]}
    assert "auth_token=" in caplog.text and QUERY_KEY not in caplog.text


def test_keys_are_remembered_while_a_client_or_a_copy_of_it_lives() -> None:
    key = "sk-copy-test-77"
    sdk = SyllableSDK(api_key_header=key)
    twin = copy.copy(sdk)  # as with_options copies a client
    del sdk
    gc.collect()
    assert redact(f"x {key}") == "x <redacted>"
    del twin
    gc.collect()
    assert redact(f"x {key}") == f"x {key}"  # forgotten with the last client: the table does not grow forever
