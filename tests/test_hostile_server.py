"""The generated client against hostile servers: bounded bytes, bounded time, and every failure an SDK error.

Issue 11, items 1, 2 and 4. The server is tests/hostile_server.py (raw asyncio on 127.0.0.1). Memory is
measured in a child process (its peak RSS growth over a warmed-up client), so that one test's peak does not
hide another's.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pydantic
import pytest
from syllable_sdk import SyllableSDK
from syllable_sdk.core import SyllableSDKCore
from syllable_sdk.funcs import sessions_get_by_id, sessions_get_by_id_async, sessions_list, sessions_list_async
from syllable_sdk.models import errors
from syllable_sdk.utils import BackoffStrategy, RetryConfig

from tests.hostile_server import BOMB_BYTES, HostileServer

pytestmark = pytest.mark.anyio

NO_RETRIES = RetryConfig("none", None, False)
MiB = 1024 * 1024


@pytest.fixture(scope="module")
def hostile() -> Iterator[HostileServer]:
    with HostileServer() as server:
        yield server


def sdk_for(server: HostileServer, **kwargs: Any) -> SyllableSDK:
    return SyllableSDK(api_key_header="k", server_url=server.url, retry_config=NO_RETRIES, **kwargs)


def in_child(server: HostileServer, body: str) -> dict[str, Any]:
    """Run ``body`` in a fresh interpreter after a warm-up call; its outcome and peak RSS growth in MiB."""
    script = textwrap.dedent(
        """
        import json, resource, sys
        from syllable_sdk import SyllableSDK
        from syllable_sdk.utils import RetryConfig

        sdk = SyllableSDK(api_key_header="k", server_url=sys.argv[1], retry_config=RetryConfig("none", None, False))
        sdk.sessions.get_by_id(session_id="gzip-json")  # warm-up: models, validators, the connection
        with sdk.sessions.session_recording_stream(token="gzip-json") as warm:
            warm.read()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        out = {}
        try:
        BODY
        except Exception as error:
            out["error"] = type(error).__name__
            out["cause"] = type(error.__cause__).__name__
        out["growth_mib"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
        print(json.dumps(out))
        """
    ).replace("BODY", textwrap.indent(textwrap.dedent(body), " " * 4).strip("\n"))
    done = subprocess.run([sys.executable, "-c", script, server.url], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    print(result)  # the measurement, for the report (pytest -s)
    return result


# -- 1. bounded memory ------------------------------------------------------------------------


def test_double_gzip_bomb_is_refused_before_it_fills_memory(hostile: HostileServer) -> None:
    """~1 KB of ``gzip, gzip`` inflating to 512 MiB: ResponseTooLargeError at the 64 MiB default, not a MemoryError."""
    result = in_child(hostile, 'sdk.sessions.get_by_id(session_id="gzip2-bomb")')
    assert result["error"] == "ResponseTooLargeError"
    assert result["growth_mib"] < 128  # the 64 MiB read so far and change; without a bound, 1 GiB and more


def test_endless_json_stops_at_max_response_bytes(hostile: HostileServer) -> None:
    result = in_child(
        hostile,
        """
        sdk = SyllableSDK(api_key_header="k", server_url=sys.argv[1] + "/endless", max_response_bytes=1024 * 1024)
        sdk.sessions.list()
        """,
    )
    assert result["error"] == "ResponseTooLargeError"
    assert result["growth_mib"] < 32


def test_response_too_large_error_says_the_limit_and_keeps_the_status(hostile: HostileServer) -> None:
    started = time.monotonic()
    with sdk_for(hostile, max_response_bytes=MiB) as sdk, pytest.raises(errors.ResponseTooLargeError) as raised:
        sdk.sessions.list(server_url=hostile.url + "/endless")
    assert time.monotonic() - started < 10  # stopped early: the server would send 512 MiB
    assert sdk.max_response_bytes == MiB
    assert raised.value.limit == MiB and raised.value.status_code == 200
    assert "max_response_bytes (1048576 bytes)" in str(raised.value)
    assert isinstance(raised.value, errors.SDKError)
    assert SyllableSDK(server_url=hostile.url).max_response_bytes == 64 * MiB
    with pytest.raises(ValueError):
        SyllableSDK(server_url=hostile.url, max_response_bytes=0)


async def test_endless_json_stops_at_max_response_bytes_async(hostile: HostileServer) -> None:
    async with sdk_for(hostile, max_response_bytes=MiB) as sdk:
        with pytest.raises(errors.ResponseTooLargeError):
            await sdk.sessions.list_async(server_url=hostile.url + "/endless")


def test_stream_of_a_double_gzip_bomb_comes_in_bounded_chunks(hostile: HostileServer) -> None:
    result = in_child(
        hostile,
        """
        out["biggest"] = out["total"] = 0
        with sdk.sessions.session_recording_stream(token="gzip2-bomb") as stream:
            for chunk in stream.iter_bytes():
                out["biggest"] = max(out["biggest"], len(chunk))
                out["total"] += len(chunk)
        """,
    )
    assert "error" not in result
    assert result["total"] == BOMB_BYTES  # all of it, decoded
    assert result["biggest"] <= 64 * 1024  # httpx alone hands out the 512 MiB as one chunk
    assert result["growth_mib"] < 32


async def test_stream_of_a_gzip_bomb_async_and_chunk_size(hostile: HostileServer) -> None:
    async with sdk_for(hostile) as sdk:
        async with await sdk.sessions.session_recording_stream_async(token="gzip2-bomb") as stream:
            sizes = {len(chunk) async for chunk in stream.aiter_bytes(chunk_size=1_000_000)}
    assert max(sizes) == 1_000_000 and len(sizes) == 2  # every chunk as asked, then the rest
    with sdk_for(hostile, max_response_bytes=MiB) as sdk, sdk.sessions.session_recording_stream(token="gzip-bomb") as s:
        with pytest.raises(errors.ResponseTooLargeError):
            s.read()  # read() holds the body in memory, so the limit holds there too


async def test_error_responses_are_bounded_and_decoded_as_sdk_errors(hostile: HostileServer) -> None:
    """A 500 whose body is a bomb or bad gzip: on the JSON and the stream operation, sync and async."""
    with sdk_for(hostile) as sdk:
        with pytest.raises(errors.ResponseTooLargeError) as raised:
            sdk.sessions.get_by_id(session_id="error-bomb")
        assert raised.value.status_code == 500
        with pytest.raises(errors.ResponseTooLargeError):
            sdk.sessions.session_recording_stream(token="error-bomb")
        with pytest.raises(errors.APIConnectionError) as failed:
            sdk.sessions.session_recording_stream(token="error-bad-gzip")
        assert isinstance(failed.value.__cause__, httpx.DecodingError)
    async with sdk_for(hostile) as sdk:
        with pytest.raises(errors.ResponseTooLargeError):
            await sdk.sessions.session_recording_stream_async(token="error-bomb")
        with pytest.raises(errors.APIConnectionError):
            await sdk.sessions.session_recording_stream_async(token="error-bad-gzip")


@pytest.mark.parametrize("name", ["gzip-json", "deflate-json", "raw-deflate-json"])
def test_compressed_json_still_decodes(hostile: HostileServer, name: str) -> None:
    with sdk_for(hostile) as sdk:
        assert sdk.sessions.get_by_id(session_id=name).session_id == "1001"
        with sdk.sessions.session_recording_stream(token=name) as stream:
            assert json.loads(b"".join(stream.iter_bytes(chunk_size=7)))["session_id"] == "1001"


# -- 2. bounded time --------------------------------------------------------------------------


def dropped_soon(server: HostileServer, name: str, before: int) -> bool:
    """Whether the server saw the client close a connection of ``name`` (within 5 s)."""
    for _ in range(50):
        if server.dropped[name] > before:
            return True
        time.sleep(0.1)
    return False


def test_drip_is_cut_at_the_timeout(hostile: HostileServer) -> None:
    """One byte every 100 ms: every read is quick, but the attempt ends at timeout_ms (was 15 s)."""
    dropped = hostile.dropped["drip"]
    started = time.monotonic()
    with sdk_for(hostile) as sdk, pytest.raises(errors.APITimeoutError) as raised:
        sdk.sessions.get_by_id(session_id="drip", timeout_ms=1000)
    elapsed = time.monotonic() - started
    print(f"sync drip: {elapsed:.2f} s")
    assert elapsed < 3
    assert isinstance(raised.value.__cause__, httpx.TimeoutException)
    assert dropped_soon(hostile, "drip", dropped)  # the connection was closed, not left dripping


@pytest.mark.parametrize("name", ["drip", "drip-headers"])
async def test_drip_is_cut_at_the_timeout_async(hostile: HostileServer, name: str) -> None:
    dropped = hostile.dropped[name]
    started = time.monotonic()
    async with sdk_for(hostile) as sdk:
        with pytest.raises(errors.APITimeoutError):
            await sdk.sessions.get_by_id_async(session_id=name, timeout_ms=1000)
    elapsed = time.monotonic() - started
    print(f"async {name}: {elapsed:.2f} s")
    assert elapsed < 3
    assert dropped_soon(hostile, name, dropped)  # cancelling the attempt closed its connection


async def test_drip_is_cut_on_the_python_3_10_path(hostile: HostileServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before 3.11 there is no ``asyncio.timeout``: the deadline goes through ``asyncio.wait_for`` instead."""
    import types

    from syllable_sdk.utils import _limits

    monkeypatch.setattr(_limits, "sys", types.SimpleNamespace(version_info=(3, 10, 0)))
    dropped = hostile.dropped["drip"]
    started = time.monotonic()
    async with sdk_for(hostile) as sdk:
        with pytest.raises(errors.APITimeoutError):
            await sdk.sessions.get_by_id_async(session_id="drip", timeout_ms=1000)
    assert time.monotonic() - started < 3
    assert dropped_soon(hostile, "drip", dropped)


def test_retry_deadline_bounds_the_whole_call(hostile: HostileServer) -> None:
    """503 with Retry-After: 2, then silence: the 4 s retry deadline ends the call, not the 20 s timeout."""
    retries = RetryConfig("backoff", BackoffStrategy(10, 50, 1.5, 4_000), retry_connection_errors=True)
    started = time.monotonic()
    with sdk_for(hostile) as sdk, pytest.raises(errors.APITimeoutError):
        sdk.sessions.get_by_id(session_id="retry-then-silence-sync", timeout_ms=20_000, retries=retries)
    elapsed = time.monotonic() - started
    print(f"sync retry deadline: {elapsed:.2f} s")
    assert 1.9 < elapsed < 7
    assert hostile.hits["retry-then-silence-sync"] == 2


async def test_retry_deadline_bounds_the_whole_call_async(hostile: HostileServer) -> None:
    retries = RetryConfig("backoff", BackoffStrategy(10, 50, 1.5, 4_000), retry_connection_errors=True)
    started = time.monotonic()
    async with sdk_for(hostile) as sdk:
        with pytest.raises(errors.APITimeoutError):
            await sdk.sessions.get_by_id_async(
                session_id="retry-then-silence-async", timeout_ms=20_000, retries=retries
            )
    elapsed = time.monotonic() - started
    print(f"async retry deadline: {elapsed:.2f} s")
    assert 1.9 < elapsed < 7
    assert hostile.hits["retry-then-silence-async"] == 2


# -- 4. every failure an SDK error ------------------------------------------------------------


async def test_bad_gzip_is_an_sdk_error_everywhere(hostile: HostileServer) -> None:
    core = SyllableSDKCore(api_key_header="k", server_url=hostile.url, retry_config=NO_RETRIES)
    with sdk_for(hostile) as sdk, pytest.raises(errors.APIConnectionError) as raised:
        sdk.sessions.get_by_id(session_id="bad-gzip")
    assert isinstance(raised.value.__cause__, httpx.DecodingError)
    async with sdk_for(hostile) as sdk:
        with pytest.raises(errors.APIConnectionError) as raised:
            await sdk.sessions.get_by_id_async(session_id="bad-gzip")
    assert isinstance(raised.value.__cause__, httpx.DecodingError)
    for result in (
        sessions_get_by_id(core, session_id="bad-gzip"),
        await sessions_get_by_id_async(core, session_id="bad-gzip"),
    ):
        assert not result.ok and isinstance(result.error, errors.APIConnectionError)
        assert isinstance(result.error.__cause__, httpx.DecodingError)
    with sdk_for(hostile) as sdk, sdk.sessions.session_recording_stream(token="bad-gzip") as stream:
        with pytest.raises(errors.APIConnectionError):
            list(stream.iter_bytes())
    with sdk_for(hostile) as sdk, pytest.raises(errors.APIConnectionError, match="not asked for") as raised:
        sdk.sessions.get_by_id(session_id="br-unasked")  # the SDK's clients accept only what they decode bounded
    assert isinstance(raised.value.__cause__, httpx.DecodingError)
    await core.aclose()


@pytest.mark.parametrize(
    ("name", "error", "cause"),
    [
        ("reset", errors.APIConnectionError, httpx.ReadError),
        ("cut", errors.APIConnectionError, httpx.RemoteProtocolError),
        ("stall", errors.APITimeoutError, httpx.ReadTimeout),
    ],
)
def test_stream_read_failures_are_sdk_errors(
    hostile: HostileServer, name: str, error: type[Exception], cause: type[Exception]
) -> None:
    with sdk_for(hostile) as sdk, sdk.sessions.session_recording_stream(token=name, timeout_ms=500) as stream:
        with pytest.raises(error) as raised:
            for _ in stream.iter_bytes():
                pass
    assert isinstance(raised.value.__cause__, cause)


@pytest.mark.parametrize("name", ["reset", "stall"])
async def test_stream_read_failures_are_sdk_errors_async(hostile: HostileServer, name: str) -> None:
    async with sdk_for(hostile) as sdk:
        async with await sdk.sessions.session_recording_stream_async(token=name, timeout_ms=500) as stream:
            with pytest.raises(errors.APIConnectionError) as raised:
                await stream.aread()
    assert isinstance(raised.value.__cause__, httpx.TransportError)


async def test_invalid_arguments_raise_request_validation_error(hostile: HostileServer) -> None:
    core = SyllableSDKCore(api_key_header="k", server_url=hostile.url)
    sent = sum(hostile.hits.values())
    with sdk_for(hostile) as sdk, pytest.raises(errors.RequestValidationError) as raised:
        sdk.sessions.list(page="first")  # type: ignore[arg-type]
    assert isinstance(raised.value.__cause__, pydantic.ValidationError)
    assert "page" in str(raised.value) and "first" not in str(raised.value)  # names the argument, not its value
    async with sdk_for(hostile) as sdk:
        with pytest.raises(errors.RequestValidationError):
            await sdk.sessions.list_async(page="first")  # type: ignore[arg-type]
    for result in (sessions_list(core, page="first"), await sessions_list_async(core, page="first")):  # type: ignore[arg-type]
        assert not result.ok and isinstance(result.error, errors.RequestValidationError)
    assert sum(hostile.hits.values()) == sent  # nothing was sent
    await core.aclose()
