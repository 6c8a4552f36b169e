"""``with_raw_response``: status and headers beside the parsed value, for every method; ``Ok`` carries headers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from syllable_sdk import SyllableSDK
from syllable_sdk.core import SyllableSDKCore
from syllable_sdk.funcs import sessions_get_by_id, sessions_get_by_id_async, sessions_session_recording_stream
from syllable_sdk.models import components, errors
from syllable_sdk.utils import RetryConfig

from tests.cli_runs import generate_ok
from tests.server import API_KEY, SESSIONS, STREAM_CHUNK, Fault, LiveServer
from tests.tools import mypy_strict
from tests.typecheck import check_snippet

pytestmark = pytest.mark.anyio

NO_RETRIES = RetryConfig("none", None, False)


def sdk_for(server: LiveServer, **kwargs: Any) -> SyllableSDK:
    return SyllableSDK(api_key_header=API_KEY, server_url=server.url, **kwargs)


def session_fault(**headers: str) -> Fault:
    return Fault(200, {"content-type": "application/json", **headers}, json.dumps(SESSIONS[0]).encode())


def test_get_by_id_raw_has_headers_and_parses_to_the_plain_value(server: LiveServer) -> None:
    server.plan.append(session_fault(**{"x-request-id": "req-42", "x-ratelimit-remaining": "99"}))
    with sdk_for(server) as sdk:
        raw = sdk.sessions.with_raw_response.get_by_id(session_id=SESSIONS[0]["session_id"])
        assert raw.status_code == 200
        assert isinstance(raw.headers, httpx.Headers)
        assert (raw.headers["x-request-id"], raw.headers["x-ratelimit-remaining"]) == ("req-42", "99")
        session = raw.parse()
        assert isinstance(session, components.Session)
        assert session == sdk.sessions.get_by_id(session_id=SESSIONS[0]["session_id"])
        assert sdk.sessions.with_raw_response is sdk.sessions.with_raw_response  # made once


def test_every_method_has_a_raw_twin(server: LiveServer) -> None:
    with sdk_for(server) as sdk:
        raw_page = sdk.sessions.with_raw_response.list(limit=2)
        assert raw_page.parse() == sdk.sessions.list(limit=2)
        assert raw_page.headers["content-type"] == "application/json"
        raw_urls = sdk.sessions.with_raw_response.generate_session_recording_urls(session_id="1001")
        assert raw_urls.status_code == 200
        assert raw_urls.parse() == sdk.sessions.generate_session_recording_urls(session_id="1001")
        raw_stream = sdk.sessions.with_raw_response.session_recording_stream(token="t")
        assert raw_stream.headers["content-type"] == "application/octet-stream"
        with raw_stream.parse() as stream:
            assert stream.read() == STREAM_CHUNK


def test_error_statuses_raise_when_the_call_is_made(server: LiveServer) -> None:
    with sdk_for(server) as sdk:
        with pytest.raises(errors.NotFoundError):
            sdk.sessions.with_raw_response.get_by_id(session_id="does-not-exist")
        with pytest.raises(errors.HTTPValidationError):
            sdk.sessions.with_raw_response.list(page=-1)
        with pytest.raises(errors.HTTPValidationError):
            sdk.sessions.with_raw_response.session_recording_stream(token="")
        server.plan.append(Fault(200, {"content-type": "application/json", "x-request-id": "bad-1"}, b'{"no": 1}'))
        raw = sdk.sessions.with_raw_response.get_by_id(session_id="1001", retries=NO_RETRIES)
        assert raw.headers["x-request-id"] == "bad-1"  # readable even when the body does not match
        with pytest.raises(errors.ResponseValidationError):
            raw.parse()


async def test_async_raw_twins(server: LiveServer) -> None:
    server.plan.append(session_fault(**{"x-request-id": "req-async"}))
    async with sdk_for(server) as sdk:
        raw = await sdk.sessions.with_raw_response.get_by_id_async(session_id=SESSIONS[0]["session_id"])
        assert raw.headers["x-request-id"] == "req-async"
        assert raw.parse() == await sdk.sessions.get_by_id_async(session_id=SESSIONS[0]["session_id"])
        page = await sdk.sessions.with_raw_response.list_async(limit=1)
        assert page.status_code == 200 and len(page.parse().items) == 1
        urls = await sdk.sessions.with_raw_response.generate_session_recording_urls_async(session_id="7")
        assert urls.parse().session_id == "7"
        raw_stream = await sdk.sessions.with_raw_response.session_recording_stream_async(token="t")
        async with raw_stream.parse() as stream:
            assert await stream.aread() == STREAM_CHUNK
        with pytest.raises(errors.NotFoundError):
            await sdk.sessions.with_raw_response.get_by_id_async(session_id="does-not-exist")


async def test_standalone_ok_carries_the_headers(server: LiveServer) -> None:
    core = SyllableSDKCore(api_key_header=API_KEY, server_url=server.url)
    server.plan.append(session_fault(**{"x-request-id": "req-func"}))
    res = sessions_get_by_id(core, session_id=SESSIONS[0]["session_id"])
    assert res.ok and res.headers["x-request-id"] == "req-func"
    assert res.value.session_id == SESSIONS[0]["session_id"]
    res_async = await sessions_get_by_id_async(core, session_id=SESSIONS[0]["session_id"])
    assert res_async.ok and res_async.headers["content-type"] == "application/json"
    stream_res = sessions_session_recording_stream(core, token="t")
    assert stream_res.ok and stream_res.headers["content-type"] == "application/octet-stream"
    with stream_res.value as stream:
        assert stream.read() == STREAM_CHUNK
    failed = sessions_get_by_id(core, session_id="does-not-exist")
    assert not failed.ok and isinstance(failed.error, errors.NotFoundError)
    core.close()


USER_CODE = """
from syllable_sdk import SyllableSDK
from syllable_sdk.core import SyllableSDKCore
from syllable_sdk.funcs import sessions_get_by_id
from syllable_sdk.models import components
from syllable_sdk.utils import RawResponse


async def main(sdk: SyllableSDK) -> None:
    raw = sdk.sessions.with_raw_response.get_by_id(session_id="x")
    reveal_type(raw)
    reveal_type(raw.parse())
    reveal_type(raw.headers)
    reveal_type(raw.status_code)
    reveal_type(sdk.sessions.with_raw_response.list().parse().items)
    reveal_type(sdk.sessions.with_raw_response.session_recording_stream(token="t").parse())
    reveal_type((await sdk.sessions.with_raw_response.get_by_id_async(session_id="x")).parse())
    reveal_type((await sdk.sessions.with_raw_response.session_recording_stream_async(token="t")).parse())
    res = sessions_get_by_id(SyllableSDKCore(), session_id="x")
    if res.ok:
        reveal_type(res.headers)
    sdk.sessions.with_raw_response.get_by_id(session_id=1)  # rejected
    annotated: RawResponse[components.Session] = sdk.sessions.with_raw_response.get_by_id(session_id="x")
"""


def test_raw_responses_are_typed(tmp_path: Path) -> None:
    revealed, errors_ = check_snippet(USER_CODE, tmp_path)
    session = "syllable_sdk.models.components._schemas.session.Session"
    assert revealed == [
        f"syllable_sdk.utils._raw.RawResponse[{session}]",
        session,
        "httpx._models.Headers",
        "int",
        f"list[{session}]",
        "syllable_sdk.utils._stream.BinaryStream",
        session,
        "syllable_sdk.utils._stream.AsyncBinaryStream",
        "httpx._models.Headers",
    ], revealed
    assert len(errors_) == 1 and "session_id" in errors_[0], errors_


def test_names_that_would_shadow_with_raw_response_are_moved(tmp_path: Path) -> None:
    """An operation or a sub-resource called ``with_raw_response`` takes another name, a parameter may be called
    ``raw``; the package type-checks."""

    def get(op_id: str, tag: str) -> dict[str, Any]:
        ok = {"description": "ok", "content": {"application/json": {"schema": {"type": "string"}}}}
        raw = [{"name": "raw", "in": "query", "schema": {"type": "string"}}]  # a parameter named like a local
        return {"get": {"operationId": op_id, "tags": [tag], "parameters": raw, "responses": {"200": ok}}}

    spec = {
        "openapi": "3.1.0",
        "info": {"title": "Clash", "version": "1"},
        "paths": {
            "/a": get("a_list", "sessions"),
            "/b": get("with_raw_response", "sessions"),
            "/c": get("c_get", "sessions.with_raw_response"),
        },
    }
    (tmp_path / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    out = tmp_path / "out"
    generate_ok(out, spec=tmp_path / "spec.json")
    source = (out / "src" / "sdk" / "sessions.py").read_text(encoding="utf-8")
    assert "def with_raw_response(self) -> SessionsWithRawResponse:" in source
    assert "def with_raw_response_2(" in source  # the operation
    assert "def with_raw_response_3(self) -> SessionsWithRawResponse2:" in source  # the sub-resource
    mypy_strict(out)
