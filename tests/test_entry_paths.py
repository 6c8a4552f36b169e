"""Issue 11's promises on every entry path: plain and ``_async`` methods, ``with_raw_response`` (sync and
async) and the standalone functions (errors as ``Err``), against real servers on 127.0.0.1.

Each test here failed on the merged runtime before its fix: a stream's error body dripped past the
timeout, bad call options escaped as bare ``ValueError``/``UnicodeEncodeError``, a pickled error carried
an echoed key out of the process, and a fork while another thread redacted hung the child.
"""

from __future__ import annotations

import os
import pickle
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import httpx
import pytest
from syllable_sdk import SyllableSDK
from syllable_sdk.funcs import (
    sessions_get_by_id,
    sessions_get_by_id_async,
    sessions_session_recording_stream,
    sessions_session_recording_stream_async,
)
from syllable_sdk.models import errors
from syllable_sdk.utils import RetryConfig, _secrets

from tests.entry_path_servers import EntryPathServer
from tests.server import API_KEY, Fault, LiveServer

pytestmark = pytest.mark.anyio

NO_RETRIES = RetryConfig("none", None, False)


@pytest.fixture(scope="module")
def hostile() -> Iterator[EntryPathServer]:
    with EntryPathServer() as server:
        yield server


def _raise(result: Any) -> Any:
    """A standalone function's ``Err`` raised, so that every path is checked the same way."""
    if not result.ok:
        raise result.error
    return result.value


def _paths(op: str) -> dict[str, Callable[..., Any]]:
    """Every sync entry path of a stream or JSON operation, as ``call(sdk, **arguments)``."""
    if op == "stream":
        return {
            "method": lambda sdk, **kw: sdk.sessions.session_recording_stream(**kw),
            "raw": lambda sdk, **kw: sdk.sessions.with_raw_response.session_recording_stream(**kw),
            "function": lambda sdk, **kw: _raise(sessions_session_recording_stream(sdk, **kw)),
        }
    return {
        "method": lambda sdk, **kw: sdk.sessions.get_by_id(**kw),
        "raw": lambda sdk, **kw: sdk.sessions.with_raw_response.get_by_id(**kw),
        "function": lambda sdk, **kw: _raise(sessions_get_by_id(sdk, **kw)),
    }


def _async_paths(op: str) -> dict[str, Callable[..., Awaitable[Any]]]:
    async def function(sdk: SyllableSDK, **kw: Any) -> Any:
        call = sessions_session_recording_stream_async if op == "stream" else sessions_get_by_id_async
        return _raise(await call(sdk, **kw))

    if op == "stream":
        return {
            "method": lambda sdk, **kw: sdk.sessions.session_recording_stream_async(**kw),
            "raw": lambda sdk, **kw: sdk.sessions.with_raw_response.session_recording_stream_async(**kw),
            "function": function,
        }
    return {
        "method": lambda sdk, **kw: sdk.sessions.get_by_id_async(**kw),
        "raw": lambda sdk, **kw: sdk.sessions.with_raw_response.get_by_id_async(**kw),
        "function": function,
    }


# -- item 2: the deadline bounds an error body too ---------------------------------------------------


@pytest.mark.parametrize("path", ["method", "raw", "function"])
def test_a_dripping_error_body_of_a_stream_is_cut_at_the_timeout(hostile: EntryPathServer, path: str) -> None:
    """500 at once, then its body a byte every 100 ms: the stream call ends at timeout_ms (was 15 s)."""
    started = time.monotonic()
    with SyllableSDK(api_key_header="k", server_url=hostile.url, retry_config=NO_RETRIES) as sdk:
        with pytest.raises(errors.APITimeoutError):
            _paths("stream")[path](sdk, token="error-drip", timeout_ms=1000)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("path", ["method", "raw", "function"])
async def test_a_dripping_error_body_of_a_stream_is_cut_at_the_timeout_async(
    hostile: EntryPathServer, path: str
) -> None:
    started = time.monotonic()
    async with SyllableSDK(api_key_header="k", server_url=hostile.url, retry_config=NO_RETRIES) as sdk:
        with pytest.raises(errors.APITimeoutError):
            await _async_paths("stream")[path](sdk, token="error-drip", timeout_ms=1000)
    assert time.monotonic() - started < 5


# -- item 4: bad call options are the SDK's RequestValidationError, nothing sent ---------------------------

BAD_OPTIONS = {
    "negative timeout": {"timeout_ms": -5},
    "zero timeout": {"timeout_ms": 0},  # to httpx a non-blocking socket: "ConnectError: Operation now in progress"
    "non-ASCII header": {"http_headers": {"x-note": "caf\u00e9"}},
}


@pytest.mark.parametrize("bad", list(BAD_OPTIONS))
@pytest.mark.parametrize("path", ["method", "raw", "function"])
def test_bad_call_options_are_request_validation_errors(server: LiveServer, path: str, bad: str) -> None:
    with SyllableSDK(api_key_header=API_KEY, server_url=server.url) as sdk:
        with pytest.raises(errors.RequestValidationError, match="nothing was sent"):
            _paths("json")[path](sdk, session_id="1001", **BAD_OPTIONS[bad])
    assert server.app.requests == []


@pytest.mark.parametrize("bad", list(BAD_OPTIONS))
@pytest.mark.parametrize("path", ["method", "raw", "function"])
async def test_bad_call_options_are_request_validation_errors_async(server: LiveServer, path: str, bad: str) -> None:
    async with SyllableSDK(api_key_header=API_KEY, server_url=server.url) as sdk:
        with pytest.raises(errors.RequestValidationError, match="nothing was sent"):
            await _async_paths("json")[path](sdk, session_id="1001", **BAD_OPTIONS[bad])
    assert server.app.requests == []


def test_a_negative_client_timeout_is_refused_per_call_too(server: LiveServer) -> None:
    result = sessions_get_by_id(
        SyllableSDK(api_key_header=API_KEY, server_url=server.url, timeout_ms=-1), session_id="1001"
    )
    assert not result.ok and isinstance(result.error, errors.RequestValidationError)
    assert server.app.requests == []


# -- item 5: a pickled error leaves the key behind ---------------------------------------------------------


@pytest.mark.parametrize("path", ["method", "raw", "function"])
def test_a_pickled_error_carries_no_key_even_when_the_server_echoes_it(server: LiveServer, path: str) -> None:
    """Celery and multiprocessing store the pickle where no client is left to redact the key on loading."""
    echo = {"x-echoed-key": API_KEY, "content-type": "text/plain"}
    server.plan.append(Fault(500, echo, f"key {API_KEY} rejected".encode()))
    with SyllableSDK(api_key_header=API_KEY, server_url=server.url, retry_config=NO_RETRIES) as sdk:
        with pytest.raises(errors.InternalServerError) as raised:
            _paths("json")[path](sdk, session_id="1001")
        data = pickle.dumps(raised.value)
    assert API_KEY.encode() not in data
    again = pickle.loads(data)
    assert type(again) is errors.InternalServerError and again.status_code == 500
    assert str(again) == str(raised.value)
    assert again.body == "key <redacted> rejected"
    assert again.raw_response.headers["x-echoed-key"] == "<redacted>"
    assert API_KEY not in again.raw_response.text


def test_a_pickled_validation_error_redacts_the_key_in_its_parsed_detail(server: LiveServer) -> None:
    detail = b'{"detail": [{"loc": ["header"], "msg": "bad key ' + API_KEY.encode() + b'", "type": "value_error"}]}'
    server.plan.append(Fault(422, {"content-type": "application/json"}, detail))
    with SyllableSDK(api_key_header=API_KEY, server_url=server.url, retry_config=NO_RETRIES) as sdk:
        result = sessions_get_by_id(sdk, session_id="1001")
        assert not result.ok and isinstance(result.error, errors.HTTPValidationError)
        data = pickle.dumps(result.error)
    assert API_KEY.encode() not in data
    again = pickle.loads(data)
    assert isinstance(again, errors.HTTPValidationError) and again.status_code == 422
    assert again.detail is not None and again.detail[0].msg == "bad key <redacted>"


# -- item 6: a fork while another thread redacts ------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_child_forked_while_a_thread_redacts_can_still_raise_errors() -> None:
    """The redaction lock held by a parent thread at the fork must not block every error in the child."""
    sdk = SyllableSDK(api_key_header=API_KEY, server_url="http://127.0.0.1:9", retry_config=NO_RETRIES)
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with _secrets._lock:  # noqa: SLF001 - as redact() holds it, for as long as the fork takes
            held.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(10)
    pid = os.fork()
    if pid == 0:  # the child: one failing call, whose message goes through redact()
        code = 1
        try:
            sdk.sessions.get_by_id(session_id="1001", timeout_ms=2000)
        except errors.APIConnectionError as error:
            code = 0 if API_KEY not in str(error) else 2
        finally:
            os._exit(code)
    release.set()
    thread.join(10)
    deadline = time.monotonic() + 15
    status = None
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.05)
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        pytest.fail("the forked child hung on the redaction lock")
    assert os.waitstatus_to_exitcode(status) == 0


# -- item 5: hooks see requests whose repr hides the key ------------------------------------------------------


def _recording_hooks(sdk: SyllableSDK) -> list[str]:
    seen: list[str] = []
    sdk.hooks.before_request.append(lambda ctx, request: seen.append(f"{ctx!r} {request.headers!r}") or None)
    sdk.hooks.after_success.append(lambda ctx, response: seen.append(repr(response.request.headers)) or None)
    return seen


@pytest.mark.parametrize("path", ["method", "raw", "function"])
def test_a_before_request_hook_never_sees_the_key_in_a_repr(server: LiveServer, path: str) -> None:
    """A hook that logs ``repr(request.headers)`` (as hooks do) printed the key on every path."""
    with SyllableSDK(api_key_header=API_KEY, server_url=server.url) as sdk:
        seen = _recording_hooks(sdk)
        _paths("json")[path](sdk, session_id="1001")
    assert len(seen) == 2 and all(API_KEY not in text for text in seen), seen
    assert server.app.requests[0]["headers"]["syllable-api-key"] == API_KEY  # still sent


@pytest.mark.parametrize("path", ["method", "raw", "function"])
async def test_a_before_request_hook_never_sees_the_key_in_a_repr_async(server: LiveServer, path: str) -> None:
    async with SyllableSDK(api_key_header=API_KEY, server_url=server.url) as sdk:
        seen = _recording_hooks(sdk)
        await _async_paths("json")[path](sdk, session_id="1001")
    assert len(seen) == 2 and all(API_KEY not in text for text in seen), seen
    assert server.app.requests[0]["headers"]["syllable-api-key"] == API_KEY


# -- hooks hear of every failure ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["method", "raw", "function"])
def test_after_error_hooks_hear_of_a_body_too_large(hostile: EntryPathServer, path: str) -> None:
    """A metrics hook missed ``ResponseTooLargeError``: raised while reading, past the hooks (was no call)."""
    heard: list[tuple[int | None, str]] = []
    with SyllableSDK(
        api_key_header="k", server_url=hostile.url, retry_config=NO_RETRIES, max_response_bytes=1024
    ) as sdk:
        sdk.hooks.after_error.append(
            lambda ctx, response, error: heard.append(
                (response.status_code if response is not None else None, type(error).__name__)
            )
        )
        with pytest.raises(errors.ResponseTooLargeError):
            _paths("json")[path](sdk, session_id="endless")
    assert heard == [(200, "ResponseTooLargeError")]


@pytest.mark.parametrize("path", ["method", "raw", "function"])
async def test_after_error_hooks_hear_of_a_body_too_large_async(hostile: EntryPathServer, path: str) -> None:
    heard: list[str] = []
    async with SyllableSDK(
        api_key_header="k", server_url=hostile.url, retry_config=NO_RETRIES, max_response_bytes=1024
    ) as sdk:
        sdk.hooks.after_error.append(lambda ctx, response, error: heard.append(type(error).__name__))
        with pytest.raises(errors.ResponseTooLargeError):
            await _async_paths("json")[path](sdk, session_id="endless")
    assert heard == ["ResponseTooLargeError"]


# -- a stream opened through with_raw_response is released ------------------------------------------------


def test_a_raw_stream_is_closed_when_its_block_raises(server: LiveServer) -> None:
    """``with`` on a ``RawResponse`` releases a stream whose caller only looked at the headers, or failed."""
    with SyllableSDK(api_key_header=API_KEY, server_url=server.url) as sdk:
        with pytest.raises(ZeroDivisionError):
            with sdk.sessions.with_raw_response.session_recording_stream(token="abc") as raw:
                assert raw.status_code == 200 and not raw.http_response.is_closed
                1 / 0  # noqa: B018 - the caller's code failing mid-stream
        assert raw.http_response.is_closed
        with sdk.sessions.with_raw_response.get_by_id(session_id="1001") as read:  # read already: nothing to do
            assert read.parse().session_id is not None


async def test_a_raw_stream_is_closed_when_its_block_raises_async(server: LiveServer) -> None:
    async with SyllableSDK(api_key_header=API_KEY, server_url=server.url) as sdk:
        with pytest.raises(ZeroDivisionError):
            async with await sdk.sessions.with_raw_response.session_recording_stream_async(token="abc") as raw:
                assert not raw.http_response.is_closed
                1 / 0  # noqa: B018
        assert raw.http_response.is_closed
        with await sdk.sessions.with_raw_response.get_by_id_async(session_id="1001") as read:
            assert read.status_code == 200


# -- item 6: close() in the middle of a call ----------------------------------------------------------------


@pytest.mark.parametrize("path", ["method", "raw", "function"])
def test_a_close_during_a_call_does_not_break_it(server: LiveServer, path: str) -> None:
    """``close()`` from another thread (here: a hook, deterministically) between fetching the client and sending
    made the call fail with httpx's bare ``RuntimeError``; the SDK opens its own client again."""
    with SyllableSDK(api_key_header=API_KEY, server_url=server.url) as sdk:
        sdk.sessions.get_by_id(session_id="1001")
        sdk.hooks.before_request.append(lambda ctx, request: sdk.close())
        raw = _paths("json")[path](sdk, session_id="1001")
    assert (raw.parse() if path == "raw" else raw).session_id == "1001"


@pytest.mark.parametrize("path", ["method", "raw", "function"])
def test_a_closed_client_of_the_caller_is_an_sdk_error(server: LiveServer, path: str) -> None:
    client = httpx.Client()
    client.close()
    sdk = SyllableSDK(api_key_header=API_KEY, server_url=server.url, client=client)
    with pytest.raises(errors.APIConnectionError, match="was closed; nothing was sent"):
        _paths("json")[path](sdk, session_id="1001")
    assert server.app.requests == []


@pytest.mark.parametrize("path", ["method", "raw", "function"])
async def test_a_closed_client_of_the_caller_is_an_sdk_error_async(server: LiveServer, path: str) -> None:
    client = httpx.AsyncClient()
    await client.aclose()
    sdk = SyllableSDK(api_key_header=API_KEY, server_url=server.url, async_client=client)
    with pytest.raises(errors.APIConnectionError, match="was closed; nothing was sent"):
        await _async_paths("json")[path](sdk, session_id="1001")
    assert server.app.requests == []
