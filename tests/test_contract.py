"""Every operation, sync and async, against the real test server: what was sent and what came back."""

from __future__ import annotations

from urllib.parse import parse_qsl

import httpx
import pytest
from syllable_sdk import SyllableSDK
from syllable_sdk.models import components, errors

from tests.server import API_KEY, BIG_RECORDING_BYTES, STREAM_CHUNK, LiveServer

pytestmark = pytest.mark.anyio


def sdk_for(server: LiveServer) -> SyllableSDK:
    return SyllableSDK(api_key_header=API_KEY, server_url=server.url)


def last_query(server: LiveServer) -> list[tuple[str, str]]:
    return parse_qsl(server.requests[-1]["query"], keep_blank_values=True)


def test_list_sends_spec_shaped_query_and_parses_page(server: LiveServer) -> None:
    with sdk_for(server) as sdk:
        page = sdk.sessions.list(
            page=1,
            limit=10,
            search_fields=[components.SessionProperties.AGENT_NAME, components.SessionProperties.IS_TEST],
            search_field_values=["Front desk", "False"],
            order_by=components.SessionProperties.TIMESTAMP,
            order_by_direction=components.OrderByDirection.DESC,
            start_datetime="2023-01-01T00:00:00Z",
        )
    assert isinstance(page, components.ListResponseSession)
    assert page.page == 1 and page.page_size == 10 and page.total_count == 48
    assert all(isinstance(s, components.Session) for s in page.items)
    assert [s.is_test for s in page.items] == [False] * 10
    seen = server.requests[-1]
    assert seen["method"] == "GET" and seen["path"] == "/api/v1/sessions/"
    assert seen["headers"]["syllable-api-key"] == API_KEY
    assert seen["headers"]["accept"] == "application/json"
    assert seen["headers"]["user-agent"].startswith("syllable-sdk-python/")
    assert last_query(server) == [
        ("page", "1"),
        ("limit", "10"),
        ("search_fields", "agent_name"),
        ("search_fields", "is_test"),
        ("search_field_values", "Front desk"),
        ("search_field_values", "False"),
        ("order_by", "timestamp"),
        ("order_by_direction", "desc"),
        ("start_datetime", "2023-01-01T00:00:00Z"),
    ]


def test_list_omits_unset_parameters(server: LiveServer) -> None:
    with sdk_for(server) as sdk:
        sdk.sessions.list()
    assert last_query(server) == [("page", "0"), ("limit", "25")]


async def test_list_async(server: LiveServer) -> None:
    async with sdk_for(server) as sdk:
        page = await sdk.sessions.list_async(page=2, limit=25, fields=[components.SessionProperties.SESSION_ID])
    assert [s.session_id for s in page.items] == [str(1050 + i) for i in range(10)]
    assert page.items[0].agent_name is None  # the server left out fields not asked for
    assert ("fields", "session_id") in last_query(server)


@pytest.mark.parametrize("is_async", [False, True])
async def test_get_by_id(server: LiveServer, is_async: bool) -> None:
    sdk = sdk_for(server)
    session = (
        await sdk.sessions.get_by_id_async(session_id="1007") if is_async else sdk.sessions.get_by_id(session_id="1007")
    )
    assert session.session_id == "1007" and session.duration == 68.5
    assert session.timestamp.year == 2024 and session.timestamp.tzinfo is not None
    assert server.requests[-1]["raw_path"] == "/api/v1/sessions/1007"
    await sdk.aclose()


def test_path_parameters_are_percent_encoded(server: LiveServer) -> None:
    with sdk_for(server) as sdk, pytest.raises(errors.SDKError) as caught:
        sdk.sessions.get_by_id(session_id="a/b?c=d#e f")
    assert server.requests[-1]["raw_path"] == "/api/v1/sessions/a%2Fb%3Fc%3Dd%23e%20f"
    assert server.requests[-1]["query"] == ""
    assert caught.value.status_code == 404


def test_404_raises_sdk_error_with_response(server: LiveServer) -> None:
    with sdk_for(server) as sdk, pytest.raises(errors.SDKError) as caught:
        sdk.sessions.get_by_id(session_id="nope")
    error = caught.value
    assert type(error) is errors.NotFoundError  # the SDKError for its status
    assert error.status_code == 404
    assert "Session nope not found" in error.body
    assert error.headers["content-type"] == "application/json"
    assert isinstance(error.raw_response, httpx.Response)
    assert isinstance(error, errors.SyllableSDKError)


@pytest.mark.parametrize("is_async", [False, True])
async def test_422_raises_http_validation_error_with_detail(server: LiveServer, is_async: bool) -> None:
    sdk = sdk_for(server)
    call = sdk.sessions.list_async if is_async else sdk.sessions.list
    with pytest.raises(errors.HTTPValidationError) as caught:
        result = call(
            start_datetime="x", http_headers={"x-extra": "1"}, search_fields=[components.SessionProperties("bogus")]
        )
        if is_async:
            await result  # type: ignore[misc]
    error = caught.value
    assert error.status_code == 422
    assert error.detail is not None and error.detail[0].loc == ["query", "search_fields"]
    assert isinstance(error.data, components.HTTPValidationError)
    assert server.requests[-1]["headers"]["x-extra"] == "1"
    await sdk.aclose()


@pytest.mark.parametrize("is_async", [False, True])
async def test_generate_recording_urls(server: LiveServer, is_async: bool) -> None:
    sdk = sdk_for(server)
    if is_async:
        urls = await sdk.sessions.generate_session_recording_urls_async(session_id="1003")
    else:
        urls = sdk.sessions.generate_session_recording_urls(session_id="1003")
    assert isinstance(urls, components.SessionRecordingResponse)
    assert urls.session_id == "1003" and urls.recordings is not None and len(urls.recordings) == 2
    assert server.requests[-1]["method"] == "POST"
    assert server.requests[-1]["path"] == "/api/v1/sessions/recording/1003"
    await sdk.aclose()


def test_stream_recording_sync(server: LiveServer) -> None:
    with sdk_for(server) as sdk, sdk.sessions.session_recording_stream(token="big") as stream:
        assert stream.headers["content-type"] == "application/octet-stream"
        total, largest = 0, 0
        for chunk in stream.iter_bytes():
            total += len(chunk)
            largest = max(largest, len(chunk))
    assert total == BIG_RECORDING_BYTES
    assert largest < 1024 * 1024  # delivered in pieces, never buffered whole
    assert last_query(server) == [("token", "big")]


async def test_stream_recording_async(server: LiveServer) -> None:
    async with sdk_for(server) as sdk:
        stream = await sdk.sessions.session_recording_stream_async(token="small")
        async with stream:
            body = b"".join([chunk async for chunk in stream.aiter_bytes()])
    assert body == STREAM_CHUNK


def test_stream_read_and_close(server: LiveServer) -> None:
    with sdk_for(server) as sdk:
        stream = sdk.sessions.session_recording_stream(token="small")
        assert stream.read() == STREAM_CHUNK
        stream.close()


def test_stream_error_is_typed(server: LiveServer) -> None:
    with sdk_for(server) as sdk, pytest.raises(errors.HTTPValidationError) as caught:
        sdk.sessions.session_recording_stream(token="")
    assert caught.value.detail is not None and caught.value.detail[0].loc == ["query", "token"]


def test_env_vars_configure_key_and_server(env: LiveServer) -> None:
    with SyllableSDK() as sdk:
        assert sdk.sessions.get_by_id(session_id="1001").session_id == "1001"
    assert env.requests[-1]["headers"]["syllable-api-key"] == API_KEY


def test_missing_key_is_not_sent(server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SYLLABLESDK_API_KEY_HEADER", raising=False)
    with SyllableSDK(server_url=server.url) as sdk, pytest.raises(errors.MissingCredentialError):
        sdk.sessions.get_by_id(session_id="1001")
    assert server.requests == []  # refused before sending (tests/test_options.py has the rest)


def test_per_call_server_url_overrides_client(server: LiveServer) -> None:
    with SyllableSDK(api_key_header=API_KEY, server_url="http://127.0.0.1:9") as sdk:
        assert sdk.sessions.get_by_id(session_id="1002", server_url=server.url).session_id == "1002"


def test_given_client_is_used_and_not_closed(server: LiveServer) -> None:
    client = httpx.Client(headers={"x-from-client": "yes"})
    with SyllableSDK(api_key_header=API_KEY, server_url=server.url, client=client) as sdk:
        sdk.sessions.get_by_id(session_id="1001")
    assert server.requests[-1]["headers"]["x-from-client"] == "yes"
    assert not client.is_closed
    client.close()


def test_sdk_closes_only_clients_it_created(server: LiveServer) -> None:
    sdk = sdk_for(server)
    sdk.sessions.get_by_id(session_id="1001")
    owned = sdk._pool.sync
    assert owned is not None
    sdk.close()
    assert owned.is_closed
