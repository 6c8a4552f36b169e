"""The client's lifecycle in real processes: forks, many threads, many event loops, and every close order."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from syllable_sdk import SyllableSDK

from tests.server import API_KEY, LiveServer


def sdk_for(server: LiveServer, **options: Any) -> SyllableSDK:
    return SyllableSDK(api_key_header=API_KEY, server_url=server.url, timeout_ms=5_000, **options)


def run_script(script: str, *flags: str) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in a fresh interpreter (forks and warnings filters stay out of the test process)."""
    return subprocess.run(
        [sys.executable, *flags, "-c", script], capture_output=True, text=True, timeout=120, env={**os.environ}
    )


# -- forks ------------------------------------------------------------------------------------

FORK_SCRIPT = """
import os
from syllable_sdk import SyllableSDK
from syllable_sdk.utils import RetryConfig

sdk = SyllableSDK(api_key_header={key!r}, server_url={url!r}, timeout_ms=5_000, retry_config=RetryConfig("none"))
wrong = 0
for trial in range(20):
    sdk.sessions.get_by_id(session_id="1000")  # a pooled connection, idle at the fork
    pid = os.fork()
    first = 1030 if pid == 0 else 1001
    mistakes = 0
    for k in range(5):
        wanted = str(first + (trial + k) % 25)
        try:
            mistakes += sdk.sessions.get_by_id(session_id=wanted).session_id != wanted
        except Exception as error:
            print("error in", "child" if pid == 0 else "parent", type(error).__name__, error)
            mistakes += 1
    if pid == 0:
        os._exit(min(mistakes, 100))
    _, status = os.waitpid(pid, 0)
    wrong += mistakes + os.waitstatus_to_exitcode(status)
    assert sdk.sessions.get_by_id(session_id="1002").session_id == "1002"  # the child closed nothing of ours
print("wrong", wrong)
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_forked_child_never_shares_the_parents_connections(server: LiveServer) -> None:
    result = run_script(FORK_SCRIPT.format(key=API_KEY, url=server.url))
    assert result.returncode == 0, result.stdout + result.stderr
    # before the fix, the child read the parent's responses (or the parent the child's) in about 5 of 20 trials
    assert "wrong 0" in result.stdout, result.stdout + result.stderr
    assert len(server.requests) == 20 * 12


# -- threads ----------------------------------------------------------------------------------


@pytest.fixture
def made_clients(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[httpx.Client]]:
    """Every ``httpx.Client`` created meanwhile; creation is slowed down, to widen any race."""
    made: list[httpx.Client] = []
    original = httpx.Client.__init__

    def init(self: httpx.Client, *args: Any, **kwargs: Any) -> None:
        time.sleep(0.05)
        original(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(httpx.Client, "__init__", init)
    yield made


def test_32_threads_making_their_first_call_at_once_share_one_client(
    server: LiveServer, made_clients: list[httpx.Client]
) -> None:
    sdk = sdk_for(server)
    start = threading.Barrier(32, timeout=10)
    results: list[str] = []

    def first_call(n: int) -> None:
        start.wait()
        results.append(sdk.sessions.get_by_id(session_id=str(1000 + n)).session_id)

    threads = [threading.Thread(target=first_call, args=(n,)) for n in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == sorted(str(1000 + n) for n in range(32))
    assert len(made_clients) == 1  # before: one per thread, and close() closed only the last
    sdk.close()
    assert made_clients[0].is_closed


# -- event loops ------------------------------------------------------------------------------

LOOPS_SCRIPT = """
import asyncio, gc
from syllable_sdk import SyllableSDK

sdk = SyllableSDK(api_key_header={key!r}, server_url={url!r}, timeout_ms=5_000)
clients = []

async def main():
    session = await sdk.sessions.get_by_id_async(session_id="1001")
    assert session.session_id == "1001"
    clients.append(sdk._async_client())

for _ in range(20):
    asyncio.run(main())
gc.collect()
print("distinct", len(set(map(id, clients))), "left open", sum(not c.is_closed for c in clients))
asyncio.run(sdk.aclose())
asyncio.run(sdk.aclose())
sdk.close()
gc.collect()
print("done")
"""


def test_each_event_loop_closes_its_own_client_without_warnings(server: LiveServer) -> None:
    result = run_script(LOOPS_SCRIPT.format(key=API_KEY, url=server.url), "-X", "dev", "-W", "always")
    assert result.returncode == 0, result.stderr
    # before: 19 clients left open, 128 ResourceWarnings, and "RuntimeError: Event loop is closed" from aclose()
    assert "distinct 20 left open 0" in result.stdout, result.stdout
    assert "done" in result.stdout
    assert "ResourceWarning" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert "Exception ignored" not in result.stderr, result.stderr


CLOSED_LOOP_SCRIPT = """
import asyncio, gc
from syllable_sdk import SyllableSDK

sdk = SyllableSDK(api_key_header={key!r}, server_url={url!r}, timeout_ms=5_000)
loop = asyncio.new_event_loop()
loop.run_until_complete(sdk.sessions.get_by_id_async(session_id="1001"))
loop.close()  # closed without shutting its async generators down: its client cannot be closed any more
del loop
asyncio.run(sdk.sessions.get_by_id_async(session_id="1002"))
asyncio.run(sdk.aclose())
gc.collect()
print("done")
"""


def test_a_loop_closed_by_hand_does_not_break_later_loops_or_aclose(server: LiveServer) -> None:
    result = run_script(CLOSED_LOOP_SCRIPT.format(key=API_KEY, url=server.url))
    assert result.returncode == 0, result.stderr
    assert "done" in result.stdout
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr, result.stderr


def test_close_and_aclose_are_safe_in_every_order(server: LiveServer) -> None:
    async def call(sdk: SyllableSDK) -> None:
        await sdk.sessions.get_by_id_async(session_id="1003")

    orders = [
        ("close", "aclose"),
        ("aclose", "close"),
        ("close", "close"),
        ("aclose", "aclose"),
        ("aclose", "close", "aclose", "close"),
    ]
    for order in orders:
        sdk = sdk_for(server)
        sdk.sessions.get_by_id(session_id="1003")
        asyncio.run(call(sdk))
        sync_client = sdk._sync_client()
        for step in order:
            if step == "close":
                sdk.close()
            else:
                asyncio.run(sdk.aclose())
        assert sync_client.is_closed, order
        assert sdk.sessions.get_by_id(session_id="1004").session_id == "1004"  # a later call opens a new one
        sdk.close()


def test_aclose_closes_the_running_loops_client_at_once_and_twice_is_fine(server: LiveServer) -> None:
    sdk = sdk_for(server)

    async def main() -> None:
        await sdk.sessions.get_by_id_async(session_id="1001")
        client = sdk._async_client()
        await sdk.aclose()
        assert client.is_closed
        await sdk.aclose()
        assert (await sdk.sessions.get_by_id_async(session_id="1002")).session_id == "1002"  # it reopens
        assert sdk._async_client() is not client

    asyncio.run(main())
    asyncio.run(sdk.aclose())  # before: "RuntimeError: Event loop is closed"


def test_threads_with_their_own_event_loops_get_their_own_clients(server: LiveServer) -> None:
    sdk = sdk_for(server)
    clients: list[httpx.AsyncClient] = []

    async def main(n: int) -> None:
        results = await asyncio.gather(*(sdk.sessions.get_by_id_async(session_id=str(1000 + n + k)) for k in range(5)))
        assert [r.session_id for r in results] == [str(1000 + n + k) for k in range(5)]
        clients.append(sdk._async_client())

    threads = [threading.Thread(target=asyncio.run, args=(main(n),)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(clients) == 4 and len(set(map(id, clients))) == 4
    assert all(client.is_closed for client in clients)  # each closed when its asyncio.run() ended
    sdk.close()
