"""Raw responses: the status and headers of a call (``x-request-id``, rate limits) beside its parsed value."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import httpx
import pydantic

from ._http import (
    Operation,
    RequestOptions,
    _Call,
    build_request,
    open_stream,
    open_stream_async,
    parse_response,
    raise_for_error,
    send,
    send_async,
)
from ._stream import AsyncBinaryStream, BinaryStream

if TYPE_CHECKING:
    from ..core import ClientCore

T = TypeVar("T")


class RawResponse(Generic[T]):
    """A successful response before parsing; ``parse()`` gives what the plain method returns.

    Error statuses raise the same errors as the plain method, when the call is made.
    """

    __slots__ = ("http_response", "_parse")

    def __init__(self, http_response: httpx.Response, parse: Callable[[], T]) -> None:
        self.http_response = http_response
        self._parse = parse

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    def parse(self) -> T:
        """The parsed body (a ``ResponseValidationError`` when it does not match the spec); for a stream, the stream."""
        return self._parse()

    def close(self) -> None:
        """Release the connection of a stream's response (nothing to do for the others, read already)."""
        if not self.http_response.is_closed:
            self.http_response.close()

    async def aclose(self) -> None:
        if not self.http_response.is_closed:
            await self.http_response.aclose()

    def __enter__(self) -> RawResponse[T]:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    async def __aenter__(self) -> RawResponse[T]:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"<RawResponse status={self.status_code}>"


def invoke_raw(
    core: ClientCore, op: Operation[T], request: pydantic.BaseModel | None, options: RequestOptions
) -> RawResponse[T]:
    client = core._sync_client()  # noqa: SLF001
    response = send(client, _Call(core, op, build_request(client, core, op, request, options), options))
    raise_for_error(op, response)
    return RawResponse(response, lambda: parse_response(op, response))


async def invoke_raw_async(
    core: ClientCore, op: Operation[T], request: pydantic.BaseModel | None, options: RequestOptions
) -> RawResponse[T]:
    client = core._async_client()  # noqa: SLF001
    response = await send_async(client, _Call(core, op, build_request(client, core, op, request, options), options))
    raise_for_error(op, response)
    return RawResponse(response, lambda: parse_response(op, response))


def open_stream_raw(
    core: ClientCore, op: Operation[Any], request: pydantic.BaseModel | None, options: RequestOptions
) -> RawResponse[BinaryStream]:
    stream = open_stream(core, op, request, options)
    return RawResponse(stream._response, lambda: stream)  # noqa: SLF001


async def open_stream_raw_async(
    core: ClientCore, op: Operation[Any], request: pydantic.BaseModel | None, options: RequestOptions
) -> RawResponse[AsyncBinaryStream]:
    stream = await open_stream_async(core, op, request, options)
    return RawResponse(stream._response, lambda: stream)  # noqa: SLF001
