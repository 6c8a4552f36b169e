"""``ClientCore``: configuration and HTTP transport, with no resources loaded.

Standalone functions in ``sdk.funcs`` take one of these; ``Client`` extends it.
"""

from __future__ import annotations

import copy
import enum
import logging
import os
from collections.abc import Mapping
from functools import cached_property
from types import TracebackType
from typing import TypeVar

import httpx

from ._custom.hooks import register as _register_custom
from ._version import __version__
from .utils._auth import TokenSource
from .utils._clients import Pool
from .utils._decode import ACCEPT_ENCODING
from .utils._limits import DEFAULT_MAX_EVENT_BYTES, DEFAULT_MAX_RESPONSE_BYTES
from .utils._logging import redact_httpx_logs, resolve_logger
from .utils._secrets import register
from .utils._servers import SERVERS, check_variables, resolve
from .utils.hooks import Hooks
from .utils.retries import DEFAULT_MAX_RETRIES, RetryConfig

DEFAULT_SERVER_URL = "https://golden.example.com"
DEFAULT_TIMEOUT_MS = 60000
SERVER_URL_ENV = "SDK_SERVER_URL"
_Self = TypeVar("_Self", bound="ClientCore")


class _Unset(enum.Enum):
    """``with_options`` keeps an option as it is unless it is given."""

    UNSET = "UNSET"


class ClientCore:
    """Holds the credentials, server, timeout and retry settings, and the HTTP clients.

    Args:
        server_url: Base URL of the API, for every call (operations with servers of their own included). Defaults
            to ``SDK_SERVER_URL`` (unless ``server_idx`` is given), then to the server ``server_idx`` picks.
        server_idx: Which of the API's servers (``utils._servers.SERVERS``, in the order the API description lists
            them) calls go to, when no ``server_url`` is given; 0 unless given. Operations with servers of their own
            go to theirs.
        server_variables: Values of the servers' ``{variables}`` by name, for every server that declares them (the
            client's and the operations'); each must be one of the variable's ``enum`` if it has one. Checked here:
            ``ValueError`` before any request.
        timeout_ms: Timeout of each HTTP request, in milliseconds. Defaults to the given client's
            timeout, or 60000 ms for clients the SDK creates. It bounds each whole attempt,
            from sending to the last byte of a response that is not a stream.
        retry_config: Retry settings for every call, POST included. Without it, idempotent calls are
            retried with ``DEFAULT_RETRY_CONFIG`` and others are not.
        max_retries: Tries after the first one, at most, for every retried call (a ``RetryConfig`` with its
            own ``max_retries`` says otherwise). Defaults to ``DEFAULT_MAX_RETRIES``; 0 turns retries off.
        http_headers: Headers sent with every request; a call's own ``http_headers`` win over them.
        client: An ``httpx.Client`` to send sync requests with. The SDK never closes a client it
            was given. Give ``async_client`` too: without it the ``_async`` methods use a client the SDK
            makes, without this one's settings (a warning is logged once).
        async_client: An ``httpx.AsyncClient`` for the ``_async`` methods; likewise never closed by the SDK.
        debug_logger: A logger for method, URL, status, timing and retry decisions at DEBUG level.
            Defaults to the ``sdk`` logger when ``SDK_DEBUG=1``. Credentials are
            never logged.
        max_response_bytes: The most bytes (after decompression) a body read into memory may take: JSON,
            text, error bodies and a stream's ``read()``. Larger bodies raise ``errors.ResponseTooLargeError``
            as soon as the limit is crossed. Defaults to 64 MiB.
        max_event_bytes: The most bytes one server-sent event (its data lines), or one line of an event stream,
            may take; more raises ``errors.EventTooLargeError``. Defaults to 4 MiB.

    Attributes:
        hooks: Callbacks run around every request; see ``sdk.utils.Hooks``.
    """

    def __init__(
        self,
        *,
        server_url: str | None = None,
        server_idx: int | None = None,
        server_variables: Mapping[str, str] | None = None,
        timeout_ms: int | None = None,
        retry_config: RetryConfig | None = None,
        max_retries: int | None = None,
        http_headers: Mapping[str, str] | None = None,
        client: httpx.Client | None = None,
        async_client: httpx.AsyncClient | None = None,
        debug_logger: logging.Logger | None = None,
        max_response_bytes: int | None = None,
        max_event_bytes: int | None = None,
    ) -> None:
        for name, limit in (("max_response_bytes", max_response_bytes), ("max_event_bytes", max_event_bytes)):
            if limit is not None and limit < 1:
                raise ValueError(f"{name} must be a positive number of bytes")
        self.max_response_bytes = DEFAULT_MAX_RESPONSE_BYTES if max_response_bytes is None else max_response_bytes
        self.max_event_bytes = DEFAULT_MAX_EVENT_BYTES if max_event_bytes is None else max_event_bytes
        self.server_variables = dict(server_variables or {})
        check_variables(self.server_variables)
        if server_idx is not None and not 0 <= server_idx < max(len(SERVERS), 1):
            raise ValueError(f"server_idx must be from 0 to {max(len(SERVERS), 1) - 1}, not {server_idx}")
        self._server_idx = server_idx  # given: it wins over the environment variable, as server_url does
        self.server_url = self._chosen_server_url(server_url)
        self.timeout_ms = timeout_ms
        self.retry_config = retry_config
        self.max_retries = _max_retries(max_retries)
        self.http_headers = dict(http_headers or {})
        # scheme -> (location, wire name, value): header, query, cookie (the value a ``name=value`` piece), oauth2
        # (the value the scheme's key in ``_tokens``)
        self._credentials: dict[str, tuple[str, str, str]] = {}
        self._tokens: dict[str, TokenSource] = {}
        self._choices: dict[tuple[tuple[str, ...], ...], tuple[tuple[str, str, str], ...] | None] = {}
        _secrets: list[str] = []  # redacted by value wherever the client writes text
        self._headers = {
            "user-agent": f"sdk-python/{__version__}",
            "accept": "application/json",
            "accept-encoding": ACCEPT_ENCODING,  # only what the SDK decodes with bounded memory
        }
        # shared by every with_options copy; only the client built by the constructor closes it
        self._pool = Pool(self._headers, DEFAULT_TIMEOUT_MS / 1000, client, async_client)
        self._owns_pool = True
        self._secret_query = frozenset(
            wire.lower() for location, wire, _ in self._credentials.values() if location == "query"
        )
        self._registration = register(_secrets, self._secret_query)  # shared by copies (with_options): keep it so
        self.hooks = Hooks()
        self.logger = resolve_logger(debug_logger)
        redact_httpx_logs()
        _register_custom(self)  # the maintainers' own set-up, in _custom/hooks.py (never regenerated)

    def _chosen_server_url(self, server_url: str | None) -> str:
        """``server_url``, else the environment's, else the server ``server_idx`` picks, its variables set; whether
        it was given (then operations with servers of their own go to it too)."""
        given = server_url or (os.environ.get(SERVER_URL_ENV) if self._server_idx is None else None)
        self._server_given = bool(given)
        chosen = resolve(SERVERS[self._server_idx or 0], self.server_variables) if SERVERS else DEFAULT_SERVER_URL
        return (given or chosen).rstrip("/")

    # -- transport ------------------------------------------------------------------------------

    def _sync_client(self) -> httpx.Client:
        client = self._pool.sync
        return client if client is not None else self._pool.open_sync()

    def _async_client(self) -> httpx.AsyncClient:
        # one per event loop: pooled connections belong to the loop that opened them
        return self._pool.async_client()

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

    def _chosen(self, alternatives: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, str, str], ...] | None:
        """The credentials of the first alternative this client has every one of; None when it has none of them.

        Cached per alternatives: a client's credentials never change (copies made by ``with_options`` share them).
        """
        try:
            return self._choices[alternatives]
        except KeyError:
            have = self._credentials
            chosen = next((tuple(have[s] for s in alt) for alt in alternatives if all(s in have for s in alt)), None)
            self._choices[alternatives] = chosen
            return chosen

    def _strip_security(self, request: httpx.Request) -> None:
        """Remove every credential from a request that is about to leave the configured origin."""
        for location, wire, _ in self._credentials.values():
            if location == "query":
                request.url = request.url.copy_remove_param(wire)
            else:  # a cookie credential takes the whole Cookie header with it
                request.headers.pop("cookie" if location == "cookie" else wire, None)

    # -- lifecycle ------------------------------------------------------------------------------

    def with_options(
        self: _Self,
        *,
        server_url: str | None | _Unset = _Unset.UNSET,
        timeout_ms: int | None | _Unset = _Unset.UNSET,
        retry_config: RetryConfig | None | _Unset = _Unset.UNSET,
        max_retries: int | None | _Unset = _Unset.UNSET,
        http_headers: Mapping[str, str] | _Unset = _Unset.UNSET,
    ) -> _Self:
        """A copy of this client with the given options changed; this client is left as it is.

        The copy keeps every other setting and shares the HTTP connection pools, hooks and logger. It
        does not own the pools: its ``close()`` / ``aclose()`` leave them open, and closing this client
        closes them under every copy too (a later call opens new ones). ``http_headers`` are added to
        this client's; ``server_url=None`` means the environment variable or the default again.
        """
        clone = copy.copy(self)
        for klass in type(self).__mro__:  # resources cached on this client would call through it
            for name, attribute in vars(klass).items():
                if isinstance(attribute, cached_property):
                    clone.__dict__.pop(name, None)
        clone._owns_pool = False
        if not isinstance(server_url, _Unset):
            clone.server_url = clone._chosen_server_url(server_url)
        if not isinstance(timeout_ms, _Unset):
            clone.timeout_ms = timeout_ms
        if not isinstance(retry_config, _Unset):
            clone.retry_config = retry_config
        if not isinstance(max_retries, _Unset):
            clone.max_retries = _max_retries(max_retries)
        clone.http_headers = {**self.http_headers, **({} if isinstance(http_headers, _Unset) else http_headers)}
        return clone

    def close(self) -> None:
        """Close the sync HTTP client if the SDK created it; safe to call again, and in any order with ``aclose``."""
        if self._owns_pool:
            self._pool.close_sync()

    async def aclose(self) -> None:
        """Close the HTTP clients the SDK created, this event loop's async one and the sync one.

        An async client opened on another event loop is closed when that loop ends (``asyncio.run``
        does this), since it cannot be awaited here.
        """
        if self._owns_pool:
            await self._pool.aclose()

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


def _max_retries(value: int | None) -> int:
    """``max_retries`` as given to the constructor or ``with_options``: None means the default."""
    if value is not None and value < 0:
        raise ValueError(f"max_retries must be 0 or more, not {value}")
    return DEFAULT_MAX_RETRIES if value is None else value
