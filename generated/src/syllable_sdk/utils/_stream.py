"""Binary responses handed to the caller unread, so memory stays constant in their size."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from types import TracebackType
from typing import Any

import httpx


class BinaryStream:
    """An open binary response. Use it as a context manager, or call ``close()``."""

    def __init__(self, response: httpx.Response, owner: Any = None) -> None:
        self._response = response
        self._owner = owner  # keeps the SDK (and so its HTTP client) alive while the stream is open

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
        """The body in chunks, as it arrives."""
        return self._response.iter_bytes(chunk_size)

    def read(self) -> bytes:
        """The whole body in memory; prefer ``iter_bytes`` for large recordings."""
        return self._response.read()

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
        """The body in chunks, as it arrives."""
        return self._response.aiter_bytes(chunk_size)

    async def aread(self) -> bytes:
        """The whole body in memory; prefer ``aiter_bytes`` for large recordings."""
        return await self._response.aread()

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
