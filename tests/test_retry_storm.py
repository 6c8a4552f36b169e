"""Retries a hostile server cannot turn into a storm, and that users can count on (issue 11.3, issue 12.5).

Before the fix, each bad ``Retry-After`` below made one ``get_by_id`` send 10,000-20,000 requests in 20 s,
and a server that never answers held ``timeout_ms=300`` for 16 s.
"""

from __future__ import annotations

import asyncio
import email.utils
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from syllable_sdk import SyllableSDK
from syllable_sdk.core import SyllableSDKCore
from syllable_sdk.funcs import sessions_get_by_id
from syllable_sdk.models import errors
from syllable_sdk.utils import BackoffStrategy, RetryConfig
from syllable_sdk.utils._retry import Retrier
from syllable_sdk.utils.retries import DEFAULT_MAX_RETRIES, DEFAULT_RETRY_CONFIG, MAX_SERVER_DELAY

from tests.conftest import ROOT
from tests.hostile_servers import SilentServer, StormServer

# Every test call below is bounded by the SDK's own limits; this is the outer bound should they fail.
CALL_LIMIT_S = 15.0
QUICK = BackoffStrategy(initial_interval=20, max_interval=40, exponent=2.0, max_elapsed_time=10_000)

HOSTILE = {
    "retry-after 0": {"retry-after": "0"},
    "retry-after negative": {"retry-after": "-5"},
    "retry-after nan": {"retry-after": "nan"},
    "retry-after inf": {"retry-after": "inf"},
    "retry-after past date": {"retry-after": email.utils.formatdate(time.time() - 3600, usegmt=True)},
    "retry-after-ms 0": {"retry-after-ms": "0"},
    "retry-after-ms negative": {"retry-after-ms": "-100"},
}


def sdk_for(url: str, **kwargs: object) -> SyllableSDK:
    return SyllableSDK(api_key_header="storm-key-1234", server_url=url, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("headers", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_retry_after_sends_three_requests_with_backoff_waits(headers: dict[str, str]) -> None:
    with StormServer(headers) as server, sdk_for(server.url) as sdk:
        started = time.monotonic()
        with pytest.raises(errors.SDKError) as caught:
            sdk.sessions.get_by_id(session_id="1001")
        elapsed = time.monotonic() - started
    assert server.count == 1 + DEFAULT_MAX_RETRIES == 3
    # The waits are the backoff's own (500 ms then 1 s, jittered to at least half), never zero.
    assert 0.7 < elapsed < CALL_LIMIT_S
    assert caught.value.status_code == 503
    assert "after 3 attempts to 127.0.0.1" in str(caught.value)


def test_async_calls_are_bounded_alike() -> None:
    async def run(url: str) -> errors.SDKError:
        async with sdk_for(url) as sdk:
            try:
                await asyncio.wait_for(sdk.sessions.get_by_id_async(session_id="1001"), CALL_LIMIT_S)
            except errors.SDKError as error:
                return error
        raise AssertionError("no error")

    with StormServer({"retry-after": "0"}) as server:
        error = asyncio.run(run(server.url))
    assert server.count == 3
    assert "after 3 attempts to 127.0.0.1" in str(error)


def test_max_retries_on_the_client_and_on_a_retry_config() -> None:
    with StormServer({"retry-after-ms": "0"}) as server:
        with sdk_for(server.url, max_retries=0) as sdk, pytest.raises(errors.SDKError) as caught:
            sdk.sessions.get_by_id(session_id="1001")
        assert server.count == 1
        assert "attempt" not in str(caught.value)  # one attempt: nothing to say about retries
        with sdk_for(server.url, max_retries=4) as sdk, pytest.raises(errors.SDKError):
            sdk.sessions.get_by_id(session_id="1001", retries=RetryConfig("backoff", QUICK))
        assert server.count == 1 + 5  # the client's max_retries, as the RetryConfig does not say
        with sdk_for(server.url, max_retries=0) as sdk, pytest.raises(errors.SDKError):
            sdk.sessions.get_by_id(session_id="1001", retries=RetryConfig("backoff", QUICK, max_retries=1))
        assert server.count == 6 + 2  # the RetryConfig's own max_retries wins
        # a POST is not retried by default, whatever max_retries says
        with sdk_for(server.url, max_retries=5) as sdk, pytest.raises(errors.SDKError):
            sdk.sessions.generate_session_recording_urls(session_id="1001")
        assert server.count == 8 + 1
    assert sdk.max_retries == 5
    assert SyllableSDK().max_retries == DEFAULT_MAX_RETRIES == 2


def test_negative_max_retries_is_refused() -> None:
    with pytest.raises(ValueError, match="max_retries"):
        SyllableSDK(max_retries=-1)


def test_silent_server_with_timeout_ms_300_fails_in_under_3_s() -> None:
    """Default settings: 3 attempts of 300 ms and two backoff waits (at most 0.5 s and 1 s)."""
    with SilentServer() as server, sdk_for(server.url) as sdk:
        started = time.monotonic()
        with pytest.raises(errors.APITimeoutError) as caught:
            sdk.sessions.get_by_id(session_id="1001", timeout_ms=300)
        elapsed = time.monotonic() - started
    assert elapsed < 3.0
    assert server.connections == 3
    assert "after 3 attempts to 127.0.0.1" in str(caught.value)
    assert isinstance(caught.value.__cause__, httpx.TimeoutException)


def test_standalone_function_reports_the_attempts() -> None:
    with StormServer({"retry-after": "0"}) as server:
        result = sessions_get_by_id(
            SyllableSDKCore(api_key_header="storm-key-1234", server_url=server.url, max_retries=1), session_id="1"
        )
    assert not result.ok and "after 2 attempts to 127.0.0.1" in str(result.error)
    assert server.count == 2


def _response(headers: dict[str, str]) -> httpx.Response:
    return httpx.Response(503, headers=headers, request=httpx.Request("GET", "http://127.0.0.1/"))


def test_server_delay_is_clamped_between_the_backoff_and_the_cap() -> None:
    long_deadline = RetryConfig("backoff", BackoffStrategy(500, 8_000, 2.0, 600_000))
    retrier = Retrier(long_deadline, max_retries=10)
    assert retrier.after_response(_response({"retry-after": "3600"})) == MAX_SERVER_DELAY == 60.0
    assert retrier.after_response(_response({"retry-after-ms": "90000000"})) == 60.0
    for headers in HOSTILE.values():
        retrier = Retrier(long_deadline, max_retries=10)
        delay = retrier.after_response(_response(headers))
        assert delay is not None and 0.25 <= delay <= 0.5, (headers, delay)  # the first backoff wait, jittered
    retrier = Retrier(DEFAULT_RETRY_CONFIG, max_retries=2)
    assert retrier.after_response(_response({"retry-after": "2"})) == 2.0  # a sane wait is honoured as given
    assert retrier.after_response(_response({"retry-after": "2"})) == 2.0
    assert retrier.after_response(_response({"retry-after": "2"})) is None  # count exhausted
    assert retrier.attempts == 3


def test_huge_exponent_does_not_overflow() -> None:
    retrier = Retrier(RetryConfig("backoff", BackoffStrategy(1, 5, 1e300, 60_000)), max_retries=5)
    delays = [retrier.after_error(httpx.ConnectError("refused")) for _ in range(5)]
    assert all(d is not None and d <= 0.005 for d in delays), delays


USER_CODE = """
from syllable_sdk import SyllableSDK
from syllable_sdk.models import errors
from syllable_sdk.utils import BackoffStrategy, RetryConfig

sdk = SyllableSDK(api_key_header="k", max_retries=3)
reveal_type(sdk.max_retries)
config = RetryConfig("backoff", BackoffStrategy(), max_retries=1)
reveal_type(config.max_retries)
try:
    sdk.sessions.get_by_id(session_id="..", retries=config)
except errors.RequestValidationError as error:
    reveal_type(error.message)
SyllableSDK(max_retries="3")  # a wrong type must be an error
"""


def test_the_new_names_type_check(tmp_path: Path) -> None:
    script = tmp_path / "user.py"
    script.write_text(USER_CODE)
    cache = ROOT / ".venv" / ".mypy_cache_retry_storm"
    command = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), str(script)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    revealed = [
        line.split("Revealed type is ")[1].strip('"') for line in result.stdout.splitlines() if "Revealed" in line
    ]
    assert revealed == ["int", "int | None", "str"], result.stdout
    errors_found = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert len(errors_found) == 1 and 'Argument "max_retries"' in errors_found[0], result.stdout
