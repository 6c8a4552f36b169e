from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.server import API_KEY, LiveServer

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def live() -> Iterator[LiveServer]:
    with LiveServer("127.0.0.1") as server:
        yield server


@pytest.fixture(scope="session")
def other_origin() -> Iterator[LiveServer]:
    """A second server on another loopback address: a different origin for redirect tests."""
    with LiveServer("127.0.0.2") as server:
        yield server


@pytest.fixture
def server(live: LiveServer) -> Iterator[LiveServer]:
    live.app.reset()
    yield live
    live.app.reset()


@pytest.fixture
def env(server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> LiveServer:
    """Point the SDK at the test server through its environment variables."""
    monkeypatch.setenv("SYLLABLESDK_SERVER_URL", server.url)
    monkeypatch.setenv("SYLLABLESDK_API_KEY_HEADER", API_KEY)
    return server


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "bench: runs the benchmark script in a cut-down mode (deselect: -m 'not bench')")
    config.addinivalue_line(
        "markers", "fresh_venv: pip-installs a package into a new venv (deselect: -m 'not fresh_venv')"
    )
