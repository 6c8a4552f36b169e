"""Standard logging: each request goes to the ``syllable_sdk`` logger at DEBUG whenever ordinary ``logging``
configuration enables it, without ``SYLLABLESDK_DEBUG`` or ``debug_logger=`` (issue 12.7).
"""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from syllable_sdk import SyllableSDK
from syllable_sdk.models import errors
from syllable_sdk.utils import BackoffStrategy, RetryConfig

from tests.hostile_servers import SilentServer
from tests.server import API_KEY, Fault, LiveServer

FAST = RetryConfig("backoff", BackoffStrategy(10, 20, 2.0, 5_000))


@pytest.fixture
def sdk(server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[SyllableSDK]:
    monkeypatch.delenv("SYLLABLESDK_DEBUG", raising=False)
    with SyllableSDK(api_key_header=API_KEY, server_url=server.url) as client:
        yield client


def ours(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "syllable_sdk" and r.levelno == logging.DEBUG]


def test_enabling_debug_on_the_package_logger_logs_each_request(
    sdk: SyllableSDK, server: LiveServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="syllable_sdk")
    server.plan.append(Fault(503, {"retry-after": "0"}))
    sdk.sessions.get_by_id(session_id="1001", retries=FAST)
    with sdk.sessions.session_recording_stream(token="secret-recording-token") as stream:
        stream.read()
    lines = ours(caplog)
    assert len(lines) == 3, lines
    first, second, third = lines
    assert first.startswith("GET http://127.0.0.1:") and "/api/v1/sessions/1001 -> 503 in " in first
    assert "(session_get_by_id)" in first and "retrying in" in first and "(attempt 2)" in first
    assert "/api/v1/sessions/1001 -> 200 in " in second and " ms " in second and "retrying" not in second
    assert "token=%3Credacted%3E" in third and "secret-recording-token" not in "\n".join(lines)
    assert API_KEY not in caplog.text


def test_the_final_failure_says_it_gave_up(
    sdk: SyllableSDK, server: LiveServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="syllable_sdk")
    server.plan.extend(Fault(503) for _ in range(3))
    with pytest.raises(errors.SDKError):
        sdk.sessions.get_by_id(session_id="1001", retries=FAST)
    assert ours(caplog)[-1].endswith("; giving up after 3 attempts")


def test_async_calls_log_alike(sdk: SyllableSDK, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="syllable_sdk")

    async def run() -> None:
        await sdk.sessions.get_by_id_async(session_id="1002")
        await sdk.aclose()

    asyncio.run(run())
    assert [m for m in ours(caplog) if "/api/v1/sessions/1002 -> 200" in m]


def test_nothing_is_logged_at_info(sdk: SyllableSDK, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="syllable_sdk")
    sdk.sessions.get_by_id(session_id="1001")
    assert not [r for r in caplog.records if r.name == "syllable_sdk"]


def test_disabled_logging_costs_one_is_enabled_for_check_per_call(
    sdk: SyllableSDK, server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    logger = logging.getLogger("syllable_sdk")
    assert not logger.isEnabledFor(logging.DEBUG)
    checks: list[int] = []
    real = logger.isEnabledFor

    def counting(level: int) -> bool:
        checks.append(level)
        return real(level)

    monkeypatch.setattr(logger, "isEnabledFor", counting)
    server.plan.append(Fault(503, {"retry-after": "0"}))
    sdk.sessions.get_by_id(session_id="1001", retries=FAST)  # two attempts, one call
    sdk.sessions.list(limit=1)
    assert checks == [logging.DEBUG, logging.DEBUG]


def test_debug_logger_argument_still_wins(server: LiveServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="app.sdk")
    with SyllableSDK(api_key_header=API_KEY, server_url=server.url, debug_logger=logging.getLogger("app.sdk")) as sdk:
        sdk.sessions.get_by_id(session_id="1001")
    assert [r for r in caplog.records if r.name == "app.sdk" and "-> 200" in r.getMessage()]
    assert not [r for r in caplog.records if r.name == "syllable_sdk"]


def test_basic_config_at_debug_is_enough(server: LiveServer) -> None:
    """A fresh process with nothing but ``logging.basicConfig(level=logging.DEBUG)``."""
    script = f"""
import logging
logging.basicConfig(level=logging.DEBUG, format="%(name)s %(levelname)s %(message)s")
from syllable_sdk import SyllableSDK
with SyllableSDK(api_key_header={API_KEY!r}, server_url={server.url!r}) as sdk:
    sdk.sessions.get_by_id(session_id="1001")
"""
    env = {"PATH": "", **{k: v for k, v in os.environ.items() if k == "PYTHONPATH"}}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    assert "syllable_sdk DEBUG GET " in result.stderr and "/api/v1/sessions/1001 -> 200" in result.stderr
    assert API_KEY not in result.stderr


def test_transport_failures_are_logged_with_their_time_and_decision(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="syllable_sdk")
    retries = RetryConfig("backoff", BackoffStrategy(10, 20, 2.0, 5_000), max_retries=1)
    with SilentServer() as silent, SyllableSDK(api_key_header=API_KEY, server_url=silent.url) as sdk:
        with pytest.raises(errors.APITimeoutError):
            sdk.sessions.get_by_id(session_id="1001", timeout_ms=200, retries=retries)
    first, second = ours(caplog)
    assert " failed in " in first and "ReadTimeout; retrying in " in first and "(attempt 2)" in first
    assert float(first.split(" failed in ")[1].split(" ms")[0]) >= 150  # the attempt's own time
    assert second.endswith("ReadTimeout; giving up after 2 attempts")
