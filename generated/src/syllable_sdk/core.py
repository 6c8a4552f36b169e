"""``SyllableSDKCore``: configuration and HTTP transport, with no resources loaded.

Standalone functions in ``syllable_sdk.funcs`` take one of these; ``SyllableSDK`` extends it.
"""

from __future__ import annotations

import logging
import os
import weakref
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from ._custom.hooks import register as _register_custom
from ._version import __version__
from .utils._logging import redact_httpx_logs, resolve_logger
from .utils.hooks import Hooks
from .utils.retries import RetryConfig

if TYPE_CHECKING:
    import asyncio

DEFAULT_SERVER_URL = "https://api.syllable.cloud"
DEFAULT_TIMEOUT_MS = 60000
SERVER_URL_ENV = "SYLLABLESDK_SERVER_URL"
_Self = TypeVar("_Self", bound="SyllableSDKCore")
API_KEY_HEADER_ENV = "SYLLABLESDK_API_KEY_HEADER"


class SyllableSDKCore:
    """Holds the credentials, server, timeout and retry settings, and the HTTP clients.

    Args:
        api_key_header: The API key, sent as Syllable-API-Key. Defaults to the
            ``SYLLABLESDK_API_KEY_HEADER`` environment variable.
        server_url: Base URL of the API. Defaults to ``SYLLABLESDK_SERVER_URL``, then to
            ``DEFAULT_SERVER_URL``.
        timeout_ms: Timeout of each HTTP request, in milliseconds. Defaults to the given client's
            timeout, or 60000 ms for clients the SDK creates.
        retry_config: Retry settings for every call, POST included. Without it, idempotent calls are
            retried with ``DEFAULT_RETRY_CONFIG`` and others are not.
        client: An ``httpx.Client`` to send sync requests with. The SDK never closes a client it
            was given.
        async_client: An ``httpx.AsyncClient`` for the ``_async`` methods; likewise never closed by the SDK.
        debug_logger: A logger for method, URL, status, timing and retry decisions at DEBUG level.
            Defaults to the ``syllable_sdk`` logger when ``SYLLABLESDK_DEBUG=1``. Credentials are
            never logged.

    Attributes:
        hooks: Callbacks run around every request; see ``syllable_sdk.utils.Hooks``.
    """

    def __init__(
        self,
        api_key_header: str | None = None,
        *,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        retry_config: RetryConfig | None = None,
        client: httpx.Client | None = None,
        async_client: httpx.AsyncClient | None = None,
        debug_logger: logging.Logger | None = None,
    ) -> None:
        self.server_url = (server_url or os.environ.get(SERVER_URL_ENV) or DEFAULT_SERVER_URL).rstrip("/")
        self.timeout_ms = timeout_ms
        self.retry_config = retry_config
        self._client = client
        self._async_client_ = async_client
        self._async_loop: weakref.ref[asyncio.AbstractEventLoop] | None = None
        self._owns_client = client is None
        self._owns_async_client = async_client is None
        self._credentials: dict[str, tuple[str, str, str]] = {}  # scheme -> (location, wire name, value)
        api_key_header_value = api_key_header or os.environ.get(API_KEY_HEADER_ENV)
        if api_key_header_value:
            self._credentials["APIKeyHeader"] = (
                "header",
                "Syllable-API-Key",
                api_key_header_value,
            )
        self._headers = {"user-agent": f"syllable-sdk-python/{__version__}", "accept": "application/json"}
        self._secret_query = frozenset(
            wire.lower() for location, wire, _ in self._credentials.values() if location == "query"
        )
        self.hooks = Hooks()
        self.logger = resolve_logger(debug_logger)
        redact_httpx_logs()
        _register_custom(self)  # the maintainers' own set-up, in _custom/hooks.py (never regenerated)

    # -- transport ------------------------------------------------------------------------------

    def _sync_client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                headers=self._headers, timeout=DEFAULT_TIMEOUT_MS / 1000, follow_redirects=False
            )
        return self._client

    def _async_client(self) -> httpx.AsyncClient:
        if not self._owns_async_client:
            assert self._async_client_ is not None
            return self._async_client_
        # Pooled connections belong to the loop that opened them: a client the SDK created is
        # replaced when a call runs on another loop (a second asyncio.run(), say).
        import asyncio  # here, not at the top: sync-only programs never pay for importing asyncio

        loop = asyncio.get_running_loop()
        if self._async_client_ is None or self._async_loop is None or self._async_loop() is not loop:
            self._async_client_ = httpx.AsyncClient(
                headers=self._headers, timeout=DEFAULT_TIMEOUT_MS / 1000, follow_redirects=False
            )
            self._async_loop = weakref.ref(loop)
        return self._async_client_

    def _default_headers(self, client: httpx.Client | httpx.AsyncClient, accept: str) -> dict[str, str]:
        """Headers a request needs beyond what its client already sends by default.

        Clients the SDK creates carry the user agent and ``accept: application/json``; a client the
        caller gave gets the SDK's user agent only where it still has httpx's own.
        """
        headers = {}
        defaults = client.headers
        if defaults.get("accept") != accept:
            headers["accept"] = accept
        if defaults.get("user-agent", "").startswith("python-httpx/"):
            headers["user-agent"] = self._headers["user-agent"]
        return headers

    def _apply_security(self, schemes: tuple[str, ...], headers: dict[str, str], query: list[tuple[str, Any]]) -> None:
        for scheme in schemes:
            credential = self._credentials.get(scheme)
            if credential is None:
                continue
            location, wire, value = credential
            if location == "query":
                query.append((wire, value))
            else:
                headers[wire] = value

    def _strip_security(self, request: httpx.Request) -> None:
        """Remove every credential from a request that is about to leave the configured origin."""
        for location, wire, _ in self._credentials.values():
            if location == "query":
                request.url = request.url.copy_remove_param(wire)
            else:
                request.headers.pop(wire, None)

    # -- lifecycle ------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the sync HTTP client if the SDK created it."""
        if self._owns_client and self._client is not None:
            self._client.close()
            self._client = None

    async def aclose(self) -> None:
        """Close the HTTP clients the SDK created, async and sync."""
        if self._owns_async_client and self._async_client_ is not None:
            await self._async_client_.aclose()
            self._async_client_ = None
        self.close()

    def __enter__(self: _Self) -> _Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    async def __aenter__(self: _Self) -> _Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        credentials = ", ".join(f"{name}=<redacted>" for name in self._credentials)
        return f"{type(self).__name__}(server_url={self.server_url!r}{', ' if credentials else ''}{credentials})"
