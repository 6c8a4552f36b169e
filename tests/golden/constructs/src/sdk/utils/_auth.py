"""Credentials as they go on the wire: HTTP basic and bearer headers, and OAuth2 tokens (client credentials flow).

A ``TokenSource`` gets an access token from the token URL when a call needs one, keeps it until shortly before it
expires, and gets a new one when asked to (the send loop asks once, on a 401). One fetch at a time per source: a
``threading.Lock`` for sync calls, one ``asyncio.Lock`` per event loop for async ones. The client secret and the
token are registered for redaction (``_secrets``), so they never appear in logs, reprs or error messages.
"""

from __future__ import annotations

import base64
import os
import re
import threading
import time
import weakref
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import httpx

from ..models.errors import ResponseTooLargeError, TokenError
from ._limits import aread_body, attempt_deadline, read_body, within
from ._secrets import Registration, register

if TYPE_CHECKING:
    import asyncio

# Kept this long before ``expires_in`` runs out: 30 s, or a tenth of a shorter lifetime.
_MARGIN_S = 30.0
# A token response is small; a larger one is refused as it arrives.
_MAX_BYTES = 1024 * 1024
# An RFC 6749 error code (``invalid_client``) may be shown; anything else the server wrote is not.
_ERROR_CODE = re.compile(r"[A-Za-z0-9_.-]{1,64}")


def basic_authorization(username: str, password: str) -> str:
    """``Basic base64(username:password)``, UTF-8 encoded as httpx's ``BasicAuth`` does."""
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode("ascii")


def bearer_authorization(token: str) -> tuple[str, str]:
    """(the header value, the bare token): a token given with its ``Bearer `` prefix (any case) keeps one."""
    if token[:7].lower() == "bearer ":
        token = token[7:].lstrip()
    return "Bearer " + token, token


class TokenSource:
    """OAuth2 access tokens from ``token_url`` for one client ID and secret (client_secret_basic)."""

    __slots__ = (
        "_token_url", "_authorization", "_form", "_lock", "_locks", "_token", "_expires", "_registration", "__weakref__"
    )  # fmt: skip

    def __init__(self, token_url: str, client_id: str, client_secret: str, scopes: tuple[str, ...]) -> None:
        self._token_url = token_url
        self._authorization = basic_authorization(client_id, client_secret)
        self._form = {"grant_type": "client_credentials", **({"scope": " ".join(scopes)} if scopes else {})}
        self._lock = threading.Lock()  # one sync fetch at a time
        self._locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = weakref.WeakKeyDictionary()
        self._token: str | None = None
        self._expires = 0.0  # time.monotonic() after which the token is not used
        self._registration: Registration | None = None  # keeps the current token redacted
        _SOURCES.add(self)

    def secrets(self) -> tuple[str, str]:
        """What must be redacted from the start: the client_secret_basic header value and its base64 part."""
        return self._authorization, self._authorization.removeprefix("Basic ")

    def __repr__(self) -> str:
        return f"TokenSource({httpx.URL(self._token_url).host or self._token_url!r})"

    def cached(self, stale: str | None = None) -> str | None:
        """The token while it is valid and not ``stale`` (the one a 401 answered)."""
        token = self._token
        return token if token is not None and token != stale and time.monotonic() < self._expires else None

    def token(self, client: httpx.Client, base_url: str, timeout: Any, stale: str | None = None) -> str:
        token = self.cached(stale)
        if token is not None:
            return token
        with self._lock:
            token = self.cached(stale)
            if token is not None:  # another thread got one meanwhile
                return token
            url = self._url(base_url)
            try:
                request = client.build_request("POST", url, data=self._form, headers=self._headers(), timeout=timeout)
                deadline = attempt_deadline(request, None, time.monotonic())  # a dripping server cannot hold it open
                response = client.send(request, stream=True, follow_redirects=False)
                try:
                    read_body(response, _MAX_BYTES, deadline)
                finally:
                    response.close()
            except (httpx.HTTPError, ResponseTooLargeError) as error:
                raise _failed(url, type(error).__name__) from error
            return self._keep(url, response)

    async def atoken(self, client: httpx.AsyncClient, base_url: str, timeout: Any, stale: str | None = None) -> str:
        token = self.cached(stale)
        if token is not None:
            return token
        import asyncio  # here, not at the top: sync-only programs never pay for importing asyncio

        loop = asyncio.get_running_loop()
        lock = self._locks.get(loop)
        if lock is None:
            lock = self._locks[loop] = asyncio.Lock()
        async with lock:
            token = self.cached(stale)
            if token is not None:  # another task got one meanwhile
                return token
            url = self._url(base_url)
            try:
                request = client.build_request("POST", url, data=self._form, headers=self._headers(), timeout=timeout)
                deadline = attempt_deadline(request, None, time.monotonic())
                response = await within(deadline, request, self._afetch(client, request))
            except (httpx.HTTPError, ResponseTooLargeError) as error:
                raise _failed(url, type(error).__name__) from error
            return self._keep(url, response)

    @staticmethod
    async def _afetch(client: httpx.AsyncClient, request: httpx.Request) -> httpx.Response:
        response = await client.send(request, stream=True, follow_redirects=False)
        try:
            await aread_body(response, _MAX_BYTES)
        finally:
            await response.aclose()
        return response

    def _url(self, base_url: str) -> httpx.URL:
        """The token URL, a relative one resolved against the client's server URL."""
        try:
            return httpx.URL(base_url.rstrip("/") + "/").join(self._token_url)
        except httpx.InvalidURL as error:
            raise TokenError(f"the OAuth2 token URL {self._token_url!r} is not a URL", "", None) from error

    def _headers(self) -> dict[str, str]:
        return {"authorization": self._authorization, "accept": "application/json"}

    def _keep(self, url: httpx.URL, response: httpx.Response) -> str:
        """The token of a token response, kept with its expiry; ``TokenError`` for anything else."""
        status = response.status_code
        try:
            data = response.json()
        except ValueError:
            data = None
        if not 200 <= status < 300:
            code = data.get("error") if isinstance(data, dict) else None
            shown = f" ({code})" if isinstance(code, str) and _ERROR_CODE.fullmatch(code) else ""
            raise _failed(url, f"status {status}{shown}", status)
        token = data.get("access_token") if isinstance(data, dict) else None
        if not isinstance(token, str) or not token or not token.isprintable():
            raise _failed(url, f"status {status} without an access_token", status)
        self._registration = register((token,), ())  # the last token's registration goes with it
        lifetime = _seconds(data.get("expires_in"))
        if lifetime is not None:
            self._expires = time.monotonic() + lifetime - min(_MARGIN_S, lifetime / 10)
        else:  # no expiry given: kept until a 401 says otherwise
            self._expires = float("inf")
        self._token = token
        return token


def _seconds(value: Any) -> float | None:
    """``expires_in`` as seconds: a number, or a number written as a string (some servers do); else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if seconds == seconds and seconds != float("inf") else None  # NaN and infinity say nothing


def _failed(url: httpx.URL, why: str, status: int | None = None) -> TokenError:
    return TokenError(f"could not get an OAuth2 access token from {url.host}: {why}", url.host, status)


# Every live source, for a forked child: a lock a parent thread held at the fork would never be released there.
_SOURCES: weakref.WeakSet[TokenSource] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    for source in list(_SOURCES):
        source._lock = threading.Lock()  # noqa: SLF001
        source._locks = weakref.WeakKeyDictionary()  # noqa: SLF001


if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(after_in_child=_after_fork_in_child)


# RFC 6265's cookie-octet punctuation: a key of these goes as it is; anything else (space, ``;``, ``,``) is encoded.
_COOKIE_SAFE = "!#$%&'()*+-./:<=>?@[]^_`{|}~"


def cookie_piece(name: str, value: str) -> str:
    """The ``name=value`` piece of the Cookie header for an API key sent as a cookie."""
    return f"{quote(name, safe='')}={quote(value, safe=_COOKIE_SAFE)}"
