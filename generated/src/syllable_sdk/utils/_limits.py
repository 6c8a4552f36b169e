"""Bounds on one attempt: how many bytes a body read into memory may take, and when its last byte is due."""

from __future__ import annotations

import sys
import time
from collections.abc import AsyncIterator, Awaitable, Iterator
from typing import TypeVar

import httpx

from ..models.errors import ResponseTooLargeError
from ._decode import adecoded, decoded

T = TypeVar("T")
DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024
DEFAULT_MAX_EVENT_BYTES = 4 * 1024 * 1024  # one server-sent event, or one line of its stream
_MIN_BUDGET = 0.001  # an httpx timeout of 0 would mean "non-blocking", not "no time left"


def attempt_deadline(request: httpx.Request, remaining: float | None, now: float) -> float | None:
    """The monotonic time by which this attempt must have its last byte, or None for no limit.

    The request's own timeout from ``now``, or sooner when the retry deadline (``remaining`` seconds away)
    comes first; then every connect, read and write of the attempt is cut to that too.
    """
    timeouts = request.extensions.get("timeout") or {}
    budget = timeouts.get("read")
    if remaining is not None and (budget is None or remaining < budget):
        budget = max(remaining, _MIN_BUDGET)
        # what httpx.Timeout(budget).as_dict() gives, without building the Timeout on every call
        cut = {"connect": budget, "read": budget, "write": budget, "pool": budget}
        request.extensions = {**request.extensions, "timeout": cut}
    return None if budget is None else now + budget


def _timed_out(request: httpx.Request) -> httpx.ReadTimeout:
    return httpx.ReadTimeout("the response did not complete within the timeout", request=request)


class _TooLarge(Exception):
    """Raised inside the bounded streams, which hold no response (that would be a reference cycle)."""


class _Bounded(httpx.SyncByteStream):
    """A response's own stream, cut at ``limit`` bytes and at the deadline, for httpx's ``read()`` to read."""

    __slots__ = ("_inner", "_request", "_limit", "_deadline")

    def __init__(self, inner: httpx.SyncByteStream, request: httpx.Request, limit: int, deadline: float | None) -> None:
        self._inner, self._request, self._limit, self._deadline = inner, request, limit, deadline

    def __iter__(self) -> Iterator[bytes]:
        size, limit, deadline = 0, self._limit, self._deadline
        for chunk in self._inner:
            size += len(chunk)
            if size > limit:
                raise _TooLarge
            if deadline is not None and time.monotonic() > deadline:
                raise _timed_out(self._request)
            yield chunk

    def close(self) -> None:
        self._inner.close()


class _ABounded(httpx.AsyncByteStream):
    """``_Bounded`` for async responses; the deadline is the caller's ``within``."""

    __slots__ = ("_inner", "_limit")

    def __init__(self, inner: httpx.AsyncByteStream, limit: int) -> None:
        self._inner, self._limit = inner, limit

    async def __aiter__(self) -> AsyncIterator[bytes]:
        size, limit = 0, self._limit
        async for chunk in self._inner:
            size += len(chunk)
            if size > limit:
                raise _TooLarge
            yield chunk

    async def aclose(self) -> None:
        await self._inner.aclose()


def _read_already(response: httpx.Response, limit: int, deadline: float | None) -> bool:
    """True when the body is in ``response.content`` already (a mock transport's response): httpx decoded it.

    Checked without provoking ``ResponseNotRead`` on every call: an unconsumed stream cannot have been read.
    """
    if not response.is_stream_consumed:
        return False
    try:
        content = response.content
    except httpx.ResponseNotRead:  # consumed but not kept: reading again raises httpx's StreamConsumed
        return False
    if len(content) > limit:
        response.close()
        raise ResponseTooLargeError(response, limit)
    if deadline is not None and time.monotonic() > deadline:
        response.close()
        raise _timed_out(response.request)
    return True


def _keep(response: httpx.Response, pieces: list[bytes]) -> None:
    # httpx has no public way to hand a response the body decoded for it: ``read()`` would decode again
    # without a bound. ``_content`` is what ``read()`` sets, and what ``content``/``text``/``json()`` use.
    response._content = b"".join(pieces)  # noqa: SLF001


def read_body(response: httpx.Response, limit: int, deadline: float | None) -> None:
    """Read the decoded body into ``response.content``, stopping as soon as it passes ``limit`` bytes or the deadline."""
    if _read_already(response, limit, deadline):
        return
    if "content-encoding" not in response.headers and isinstance(response.stream, httpx.SyncByteStream):
        # identity, the common case: httpx's own ``read()`` over the stream, bounded; no decoder can inflate it
        response.stream = _Bounded(response.stream, response.request, limit, deadline)
        try:
            response.read()
        except _TooLarge:
            response.close()
            raise ResponseTooLargeError(response, limit) from None
        except BaseException:
            response.close()
            raise
        return
    pieces: list[bytes] = []
    size = 0
    try:
        for piece in decoded(response):
            size += len(piece)
            if size > limit:
                raise ResponseTooLargeError(response, limit)
            if deadline is not None and time.monotonic() > deadline:
                raise _timed_out(response.request)
            pieces.append(piece)
    except BaseException:
        response.close()
        raise
    _keep(response, pieces)


async def aread_body(response: httpx.Response, limit: int) -> None:
    """``read_body`` for async responses; the deadline is the caller's ``within``."""
    if _read_already(response, limit, None):
        return
    if "content-encoding" not in response.headers and isinstance(response.stream, httpx.AsyncByteStream):
        response.stream = _ABounded(response.stream, limit)
        try:
            await response.aread()
        except _TooLarge:
            await response.aclose()
            raise ResponseTooLargeError(response, limit) from None
        except BaseException:
            await response.aclose()
            raise
        return
    pieces: list[bytes] = []
    size = 0
    try:
        async for piece in adecoded(response):
            size += len(piece)
            if size > limit:
                raise ResponseTooLargeError(response, limit)
            pieces.append(piece)
    except BaseException:
        await response.aclose()
        raise
    _keep(response, pieces)


async def within(deadline: float | None, request: httpx.Request, work: Awaitable[T]) -> T:
    """``await work``, cancelled at the deadline (which raises httpx's ``ReadTimeout``, as a stalled read would)."""
    if deadline is None:
        return await work
    import asyncio  # here, not at the top: sync-only programs never pay for importing asyncio

    seconds = max(deadline - time.monotonic(), 0.0)
    try:
        if sys.version_info >= (3, 11):
            async with asyncio.timeout(seconds):
                return await work
        return await asyncio.wait_for(work, seconds)
    except asyncio.TimeoutError as error:
        raise _timed_out(request) from error
