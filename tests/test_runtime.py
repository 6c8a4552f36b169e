"""The client runtime under faults: retries, timeouts, redirects, hooks, logging, pagination."""

from __future__ import annotations

import asyncio
import email.utils
import json
import logging
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from syllable_sdk import SyllableSDK
from syllable_sdk.models import components, errors
from syllable_sdk.utils import BackoffStrategy, HookContext, RetryConfig

from tests.server import API_KEY, SESSIONS, STREAM_CHUNK, Fault, LiveServer

pytestmark = pytest.mark.anyio

FAST = RetryConfig("backoff", BackoffStrategy(10, 50, 1.5, 2_000), retry_connection_errors=True)
NO_RETRIES = RetryConfig("none", None, False)


def sdk_for(server: LiveServer, **kwargs: Any) -> SyllableSDK:
    return SyllableSDK(api_key_header=API_KEY, server_url=server.url, **kwargs)


def attempts(server: LiveServer, path: str) -> int:
    return sum(1 for r in server.requests if r["path"] == path)


# -- retries ----------------------------------------------------------------------------------


def test_get_is_retried_on_503_honouring_retry_after(server: LiveServer) -> None:
    server.plan.extend([Fault(503, {"retry-after": "0.3"}), Fault(503, {"retry-after-ms": "200"})])
    started = time.monotonic()
    with sdk_for(server) as sdk:
        session = sdk.sessions.get_by_id(session_id="1001", retries=FAST)
    elapsed = time.monotonic() - started
    assert session.session_id == "1001"
    assert attempts(server, "/api/v1/sessions/1001") == 3
    assert 0.5 <= elapsed < 2.0  # waited what the server asked, not the backoff's 10-50 ms


def test_retry_after_http_date_is_honoured(server: LiveServer) -> None:
    when = email.utils.formatdate(time.time() + 2, usegmt=True)  # whole seconds: waits 1 to 2 s
    server.plan.append(Fault(429, {"retry-after": when}))
    started = time.monotonic()
    with sdk_for(server) as sdk:
        sdk.sessions.get_by_id(session_id="1001", retries=FAST)
    assert 0.9 < time.monotonic() - started < 3.0
    assert attempts(server, "/api/v1/sessions/1001") == 2


def test_async_retries_429(server: LiveServer) -> None:
    server.plan.append(Fault(429, {"retry-after": "0"}))

    async def run() -> components.Session:
        async with sdk_for(server) as sdk:
            return await sdk.sessions.get_by_id_async(session_id="1002")

    assert asyncio.run(run()).session_id == "1002"
    assert attempts(server, "/api/v1/sessions/1002") == 2


def test_dropped_connection_is_retried(server: LiveServer) -> None:
    server.plan.append(Fault(200, {"content-type": "application/json"}, body=b'{"items": [', truncate=True))
    with sdk_for(server, retry_config=FAST) as sdk:
        page = sdk.sessions.list(limit=5)
    assert len(page.items) == 5
    assert attempts(server, "/api/v1/sessions/") == 2


def test_post_is_not_retried_by_default(server: LiveServer) -> None:
    server.plan.append(Fault(503, {"retry-after": "0"}))
    with sdk_for(server) as sdk, pytest.raises(errors.SDKError) as caught:
        sdk.sessions.generate_session_recording_urls(session_id="1001")
    assert caught.value.status_code == 503
    assert attempts(server, "/api/v1/sessions/recording/1001") == 1


def test_post_is_retried_when_asked_per_call_or_per_client(server: LiveServer) -> None:
    server.plan.append(Fault(503, {"retry-after": "0"}))
    with sdk_for(server) as sdk:
        sdk.sessions.generate_session_recording_urls(session_id="1001", retries=FAST)
    assert attempts(server, "/api/v1/sessions/recording/1001") == 2
    server.plan.append(Fault(502))
    with sdk_for(server, retry_config=FAST) as sdk:
        sdk.sessions.generate_session_recording_urls(session_id="1001")
    assert attempts(server, "/api/v1/sessions/recording/1001") == 4


def test_retries_none_disables_retries(server: LiveServer) -> None:
    server.plan.append(Fault(503))
    with sdk_for(server) as sdk, pytest.raises(errors.SDKError):
        sdk.sessions.get_by_id(session_id="1001", retries=NO_RETRIES)
    assert attempts(server, "/api/v1/sessions/1001") == 1


def test_long_retry_after_never_overruns_the_deadline(server: LiveServer) -> None:
    server.plan.append(Fault(503, {"retry-after": "30"}))
    retries = RetryConfig("backoff", BackoffStrategy(10, 50, 1.5, 500), True)
    started = time.monotonic()
    with sdk_for(server) as sdk, pytest.raises(errors.SDKError) as caught:
        sdk.sessions.get_by_id(session_id="1001", retries=retries)
    assert time.monotonic() - started < 1.0
    assert caught.value.status_code == 503


def test_backoff_stops_at_max_elapsed_time(server: LiveServer) -> None:
    server.plan.extend(Fault(500) for _ in range(100))
    retries = RetryConfig("backoff", BackoffStrategy(20, 40, 2.0, 400), True, max_retries=100)  # time bounds it here
    started = time.monotonic()
    with sdk_for(server) as sdk, pytest.raises(errors.SDKError):
        sdk.sessions.get_by_id(session_id="1001", retries=retries)
    elapsed = time.monotonic() - started
    made = attempts(server, "/api/v1/sessions/1001")
    assert elapsed < 0.8
    assert 4 <= made <= 40


class _TrackedStream(httpx.SyncByteStream):
    def __init__(self, body: bytes) -> None:
        self.body = body
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        yield self.body

    def close(self) -> None:
        self.closed = True


def test_discarded_responses_are_closed_streams_too() -> None:
    bodies: list[_TrackedStream] = []

    def handler(request: httpx.Request) -> httpx.Response:
        stream = _TrackedStream(b"x" * 10)
        bodies.append(stream)
        status = 503 if len(bodies) == 1 else 200
        return httpx.Response(
            status, headers={"retry-after": "0", "content-type": "application/octet-stream"}, stream=stream
        )

    sdk = SyllableSDK(
        api_key_header="k", server_url="http://api.test", client=httpx.Client(transport=httpx.MockTransport(handler))
    )
    with sdk.sessions.session_recording_stream(token="t") as stream:
        assert not bodies[1].closed
        assert stream.read() == b"x" * 10
    assert [b.closed for b in bodies] == [True, True]


# -- timeouts and connection errors -----------------------------------------------------------


def test_timeout_raises_typed_error_with_cause(server: LiveServer) -> None:
    server.plan.append(Fault(200, sleep=1.5))
    started = time.monotonic()
    with sdk_for(server, timeout_ms=200) as sdk, pytest.raises(errors.APITimeoutError) as caught:
        sdk.sessions.get_by_id(session_id="1001", retries=NO_RETRIES)
    assert time.monotonic() - started < 1.2
    assert isinstance(caught.value.__cause__, httpx.TimeoutException)
    assert isinstance(caught.value, errors.APIConnectionError)


def test_per_call_timeout_overrides_client(server: LiveServer) -> None:
    server.plan.append(Fault(200, sleep=1.5))
    with sdk_for(server) as sdk, pytest.raises(errors.APITimeoutError):
        sdk.sessions.get_by_id(session_id="1001", retries=NO_RETRIES, timeout_ms=150)


def test_connection_refused_is_typed_and_keeps_cause() -> None:
    with SyllableSDK(api_key_header=API_KEY, server_url="http://127.0.0.1:9") as sdk:
        with pytest.raises(errors.APIConnectionError) as caught:
            sdk.sessions.get_by_id(session_id="1", retries=NO_RETRIES)
    assert isinstance(caught.value.__cause__, httpx.ConnectError)
    assert API_KEY not in str(caught.value)


# -- bad responses ----------------------------------------------------------------------------


def test_truncated_json_raises_response_validation_error(server: LiveServer) -> None:
    server.plan.append(Fault(200, {"content-type": "application/json"}, body=b'{"items": [{"timest'))
    with sdk_for(server) as sdk, pytest.raises(errors.ResponseValidationError) as caught:
        sdk.sessions.list()
    assert caught.value.status_code == 200


def test_wrong_content_type_raises_response_validation_error(server: LiveServer) -> None:
    server.plan.append(Fault(200, {"content-type": "text/html"}, body=b"<html>maintenance</html>"))
    with sdk_for(server) as sdk, pytest.raises(errors.ResponseValidationError) as caught:
        sdk.sessions.get_by_id(session_id="1001")
    assert "text/html" in str(caught.value)


def test_html_error_page_raises_sdk_error_with_body(server: LiveServer) -> None:
    server.plan.append(Fault(502, {"content-type": "text/html"}, body=b"<html>bad gateway</html>"))
    with sdk_for(server) as sdk, pytest.raises(errors.SDKError) as caught:
        sdk.sessions.get_by_id(session_id="1001", retries=NO_RETRIES)
    assert caught.value.status_code == 502 and "bad gateway" in caught.value.body


# -- forward compatibility --------------------------------------------------------------------


def test_unknown_fields_are_kept(server: LiveServer) -> None:
    body = dict(SESSIONS[1], sentiment={"score": 0.9}, channel="sms")
    server.plan.append(Fault(200, {"content-type": "application/json"}, body=json.dumps(body).encode()))
    with sdk_for(server) as sdk:
        session = sdk.sessions.get_by_id(session_id="1001")
    assert session.model_extra == {"sentiment": {"score": 0.9}, "channel": "sms"}
    assert session.model_dump(mode="json")["sentiment"] == {"score": 0.9}


def test_unknown_enum_values_are_accepted_and_kept() -> None:
    import pydantic

    adapter = pydantic.TypeAdapter(list[components.SessionProperties])
    known, new = adapter.validate_json(b'["timestamp", "sentiment_score"]')
    assert known is components.SessionProperties.TIMESTAMP
    assert isinstance(new, components.SessionProperties) and new.value == "sentiment_score"
    assert new not in list(components.SessionProperties)
    assert adapter.dump_json([known, new]) == b'["timestamp","sentiment_score"]'
    with pytest.raises(pydantic.ValidationError):
        adapter.validate_python([42])


# -- redirects --------------------------------------------------------------------------------


def test_same_origin_redirect_keeps_the_key(server: LiveServer) -> None:
    server.plan.append(Fault(307, {"location": f"{server.url}/api/v1/sessions/1002"}))
    with sdk_for(server) as sdk:
        assert sdk.sessions.get_by_id(session_id="1001").session_id == "1002"
    assert server.requests[-1]["headers"]["syllable-api-key"] == API_KEY


def test_cross_origin_redirect_drops_the_key(server: LiveServer, other_origin: LiveServer) -> None:
    other_origin.app.reset()
    server.plan.append(Fault(302, {"location": f"{other_origin.url}/api/v1/sessions/1002"}))
    with sdk_for(server) as sdk, pytest.raises(errors.SDKError) as caught:
        sdk.sessions.get_by_id(session_id="1001")
    assert caught.value.status_code == 401
    assert other_origin.requests[-1]["path"] == "/api/v1/sessions/1002"
    assert "syllable-api-key" not in other_origin.requests[-1]["headers"]
    assert server.requests[-1]["headers"]["syllable-api-key"] == API_KEY


# -- hooks ------------------------------------------------------------------------------------


def test_hooks_see_and_may_replace_requests_and_responses(server: LiveServer) -> None:
    seen: list[tuple[str, str]] = []
    with sdk_for(server) as sdk:

        def before(ctx: HookContext, request: httpx.Request) -> httpx.Request:
            seen.append(("before", ctx.operation_id))
            request.headers["x-trace"] = "abc"
            return request

        def after(ctx: HookContext, response: httpx.Response) -> None:
            seen.append(("success", str(response.status_code)))

        def error(ctx: HookContext, response: httpx.Response | None, exc: Exception | None) -> None:
            seen.append(("error", str(response.status_code) if response is not None else type(exc).__name__))

        sdk.hooks.before_request.append(before)
        sdk.hooks.after_success.append(after)
        sdk.hooks.after_error.append(error)
        sdk.sessions.get_by_id(session_id="1001")
        with pytest.raises(errors.SDKError):
            sdk.sessions.get_by_id(session_id="missing")
        with pytest.raises(errors.APIConnectionError):
            sdk.sessions.get_by_id(session_id="1001", server_url="http://127.0.0.1:9", retries=NO_RETRIES)
    assert server.requests[-1]["headers"]["x-trace"] == "abc"
    assert seen == [
        ("before", "session_get_by_id"),
        ("success", "200"),
        ("before", "session_get_by_id"),
        ("error", "404"),
        ("before", "session_get_by_id"),
        ("error", "APIConnectionError"),
    ]


async def test_hooks_run_in_async_calls(server: LiveServer) -> None:
    names: list[str] = []
    async with sdk_for(server) as sdk:
        sdk.hooks.before_request.append(lambda ctx, request: names.append(ctx.operation_id) or None)
        await sdk.sessions.list_async(limit=1)
    assert names == ["sessions_list"]


# -- logging and redaction --------------------------------------------------------------------


def test_debug_log_has_the_facts_and_no_secrets(server: LiveServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)  # everything, httpx and httpcore included
    server.plan.append(Fault(503, {"retry-after": "0"}))
    with sdk_for(server, debug_logger=logging.getLogger("syllable_sdk.test")) as sdk:
        sdk.sessions.get_by_id(session_id="1001")
        with sdk.sessions.session_recording_stream(token="secret-recording-token") as stream:
            stream.read()
        with pytest.raises(errors.SDKError) as caught:
            sdk.sessions.get_by_id(session_id="missing")
        text = "\n".join([caplog.text, repr(sdk), str(caught.value), repr(caught.value)])
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("syllable_sdk")]
    assert API_KEY not in text
    assert "secret-recording-token" not in text  # httpx's own INFO line is redacted too
    assert any(r.name == "httpx" for r in caplog.records)
    assert any("GET" in m and "/api/v1/sessions/1001" in m and "503" in m and "retrying" in m for m in ours)
    assert any("-> 200" in m and " ms " in m for m in ours)
    assert any("token=%3Credacted%3E" in m or "token=<redacted>" in m for m in ours)


def test_debug_env_configures_only_the_sdk_logger(server: LiveServer) -> None:
    script = f"""
import logging
from syllable_sdk import SyllableSDK
root_before = (logging.getLogger().level, list(logging.getLogger().handlers))
with SyllableSDK(api_key_header={API_KEY!r}, server_url={server.url!r}) as sdk:
    sdk.sessions.get_by_id(session_id="1001")
assert (logging.getLogger().level, list(logging.getLogger().handlers)) == root_before
"""
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env={"SYLLABLESDK_DEBUG": "1", "PATH": ""},
    )
    assert result.returncode == 0, result.stderr
    assert "GET" in result.stderr and "/api/v1/sessions/1001 -> 200" in result.stderr
    assert API_KEY not in result.stderr


# -- pagination -------------------------------------------------------------------------------


def test_list_all_iterates_every_page_lazily(server: LiveServer) -> None:
    with sdk_for(server) as sdk:
        items = iter(sdk.sessions.list_all(limit=25))  # a re-iterable pager; iter() starts one pass
        first = next(items)
        assert first.session_id == "1000"
        assert attempts(server, "/api/v1/sessions/") == 1
        rest = list(items)
    assert [s.session_id for s in [first, *rest]] == [s["session_id"] for s in SESSIONS]
    assert attempts(server, "/api/v1/sessions/") == 3


async def test_list_all_async_with_filters(server: LiveServer) -> None:
    async with sdk_for(server) as sdk:
        found = [
            s.session_id
            async for s in sdk.sessions.list_all_async(
                limit=7, search_fields=[components.SessionProperties.IS_TEST], search_field_values=["True"]
            )
        ]
    assert found == [s["session_id"] for s in SESSIONS if s["is_test"]]


# -- resources and concurrency ----------------------------------------------------------------


async def test_200_concurrent_async_calls_share_one_client(server: LiveServer) -> None:
    async with sdk_for(server) as sdk:
        results = await asyncio.gather(
            *(sdk.sessions.get_by_id_async(session_id=str(1000 + i % 60)) for i in range(200))
        )
    assert [r.session_id for r in results] == [str(1000 + i % 60) for i in range(200)]


def test_an_open_stream_keeps_its_client_alive(server: LiveServer) -> None:
    import gc

    stream = sdk_for(server).sessions.session_recording_stream(token="t")  # the SDK object is dropped at once
    gc.collect()
    with stream:
        assert b"".join(stream.iter_bytes()) == STREAM_CHUNK


def test_no_event_loop_errors_at_exit(server: LiveServer) -> None:
    script = f"""
import asyncio
from syllable_sdk import SyllableSDK
sdk = SyllableSDK(api_key_header={API_KEY!r}, server_url={server.url!r})
async def main():
    await sdk.sessions.get_by_id_async(session_id="1001")
    stream = await sdk.sessions.session_recording_stream_async(token="t")
    await stream.aread()
asyncio.run(main())
asyncio.run(main())  # a second loop: the SDK must not reuse connections of the first
sdk.sessions.get_by_id(session_id="1001")
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Event loop is closed" not in result.stderr and "Traceback" not in result.stderr
