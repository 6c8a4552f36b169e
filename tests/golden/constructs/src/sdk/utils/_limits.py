"""Bounds on one attempt: how many bytes a body read into memory may take, and when its last byte is due."""

from __future__ import annotations

import sys
import time
from collections.abc import Awaitable
from typing import TypeVar

import httpx

from ..models.errors import ResponseTooLargeError
from ._decode import adecoded, decoded

T = TypeVar("T")
DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024
_MIN_BUDGET = 0.001  # an httpx timeout of 0 would mean "non-blocking", not "no time left"


def attempt_deadline(request: httpx.Request, remaining: float | None) -> float | None:
    """The monotonic time by which this attempt must have its last byte, or None for no limit.

    The request's own timeout from now, or sooner when the retry deadline (``remaining`` seconds away)
    comes first; then every connect, read and write of the attempt is cut to that too.
    """
    timeouts = request.extensions.get("timeout") or {}
    budget = timeouts.get("read")
    if remaining is not None and (budget is None or remaining < budget):
        budget = max(remaining, _MIN_BUDGET)
        request.extensions = {**request.extensions, "timeout": httpx.Timeout(budget).as_dict()}
    return None if budget is None else time.monotonic() + budget


def _timed_out(request: httpx.Request) -> httpx.ReadTimeout:
    return httpx.ReadTimeout("the response did not complete within the timeout", request=request)


def _keep(response: httpx.Response, pieces: list[bytes]) -> None:
    # httpx has no public way to hand a response the body read for it: ``read()`` would decode again
    # without a bound. ``_content`` is what ``read()`` sets, and what ``content``/``text``/``json()`` use.
    response._content = b"".join(pieces)  # noqa: SLF001


def read_body(response: httpx.Response, limit: int, deadline: float | None) -> None:
    """Read the decoded body into ``response.content``, stopping as soon as it passes ``limit`` bytes or the deadline."""
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
