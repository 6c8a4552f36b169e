"""Binary responses handed to the caller unread, so memory stays constant in their size."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from types import TracebackType
from typing import Any

import httpx

from ..models.errors import APIConnectionError
from ._decode import adecoded, arechunk, decoded, rechunk
from ._limits import DEFAULT_MAX_RESPONSE_BYTES, aread_body, read_body


def _failure(error: httpx.RequestError) -> APIConnectionError:
    from ._http import _connection_error  # here: _http imports this module

    return _connection_error(error)


def _guarded(response: httpx.Response, pieces: Iterator[bytes]) -> Iterator[bytes]:
    """The pieces, with a lost connection or an undecodable body raised as the SDK's errors."""
    try:
        yield from pieces
    except httpx.RequestError as error:
        response.close()
        raise _failure(error) from error


async def _aguarded(response: httpx.Response, pieces: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    try:
        async for piece in pieces:
            yield piece
    except httpx.RequestError as error:
        await response.aclose()
        raise _failure(error) from error


class BinaryStream:
    """An open binary response. Use it as a context manager, or call ``close()``."""

    def __init__(self, response: httpx.Response, owner: Any = None) -> None:
        self._response = response
        self._owner = owner  # keeps the SDK (and so its HTTP client) alive while the stream is open
        self._limit: int = getattr(owner, "max_response_bytes", DEFAULT_MAX_RESPONSE_BYTES)

    @property
    def headers(self) -> httpx.Headers:
        return self._response.headers

    @property
    def status_code(self) -> int:
        return self._response.status_code

    @property
    def content_type(self) -> str | None:
        value = self._response.headers.get("content-type")
        return None if value is None else str(value)

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        """The body in chunks as it arrives, decompressed: at most 64 KiB each, or ``chunk_size`` bytes."""
        return _guarded(self._response, rechunk(decoded(self._response), chunk_size))

    def read(self) -> bytes:
        """The whole body in memory, up to the client's ``max_response_bytes``; prefer ``iter_bytes`` for large recordings."""
        try:
            read_body(self._response, self._limit, None)
        except httpx.RequestError as error:
            raise _failure(error) from error
        return self._response.content

    def close(self) -> None:
        self._response.close()

    def __enter__(self) -> BinaryStream:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<BinaryStream status={self.status_code} content_type={self.content_type!r}>"


class AsyncBinaryStream:
    """An open binary response for async code. Use ``async with``, or call ``aclose()``."""

    def __init__(self, response: httpx.Response, owner: Any = None) -> None:
        self._response = response
        self._owner = owner
        self._limit: int = getattr(owner, "max_response_bytes", DEFAULT_MAX_RESPONSE_BYTES)

    @property
    def headers(self) -> httpx.Headers:
        return self._response.headers

    @property
    def status_code(self) -> int:
        return self._response.status_code

    @property
    def content_type(self) -> str | None:
        value = self._response.headers.get("content-type")
        return None if value is None else str(value)

    def aiter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        """The body in chunks as it arrives, decompressed: at most 64 KiB each, or ``chunk_size`` bytes."""
        return _aguarded(self._response, arechunk(adecoded(self._response), chunk_size))

    async def aread(self) -> bytes:
        """The whole body in memory, up to the client's ``max_response_bytes``; prefer ``aiter_bytes`` for large recordings."""
        try:
            await aread_body(self._response, self._limit)
        except httpx.RequestError as error:
            raise _failure(error) from error
        return self._response.content

    async def aclose(self) -> None:
        await self._response.aclose()

    async def __aenter__(self) -> AsyncBinaryStream:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"<AsyncBinaryStream status={self.status_code} content_type={self.content_type!r}>"
