"""Server-sent event responses (``text/event-stream``): iterators of parsed events, read as they arrive.

The body is never held whole: it is read through httpx's streaming API piece by piece (at most 64 KiB each, after
decompression) into ``_sse.EventParser``, so memory stays bounded by the client's ``max_event_bytes``. Leaving the
loop (``break``, an exception) or the ``with`` block closes the connection. Once the response has arrived the call
is never retried: events may already have been seen.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import httpx
import pydantic

from ..models.errors import EventTooLargeError, EventValidationError
from ._decode import adecoded, decoded
from ._http import Operation, RequestOptions, open_stream, open_stream_async
from ._limits import DEFAULT_MAX_EVENT_BYTES
from ._raw import RawResponse
from ._sse import EventParser, EventTooLarge, RawEvent
from ._stream import _failure

if TYPE_CHECKING:
    from ..core import ClientCore

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ServerSentEvent(Generic[T]):
    """One event: its ``data`` parsed into the model the API description gives it, or its text."""

    data: T
    event: str = "message"  # the event's type: "message" unless the server named another
    id: str | None = None  # the last event ID the server set (on this event or an earlier one); None: never set
    retry: int | None = None  # the reconnection time in ms this event asked for, if it did


def event_text(data: str) -> str:
    """An event's data kept as text (the API description gives it no object model)."""
    return data


class _Events(Generic[T]):
    """What the sync and async streams share: the response, the parser and turning raw events into typed ones."""

    def __init__(self, response: httpx.Response, parse: Callable[[str], T], owner: Any = None) -> None:
        self._response = response
        self._parse = parse
        self._owner = owner  # keeps the SDK (and so its HTTP client) alive while the stream is open
        self._parser = EventParser(getattr(owner, "max_event_bytes", DEFAULT_MAX_EVENT_BYTES))
        self._begun = False  # read once: a second loop, or one after close(), sees no events

    def _begin(self) -> bool:
        begun, self._begun = self._begun, True
        return not begun

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

    @property
    def last_event_id(self) -> str | None:
        """The last event ID the server set, to resume from (a ``Last-Event-ID`` header, where the API takes one)."""
        return self._parser.last_id

    @property
    def retry(self) -> int | None:
        """The reconnection time (ms) the server last asked for, if it did."""
        return self._parser.retry

    def _typed(self, raw: RawEvent) -> ServerSentEvent[T]:
        try:
            data = self._parse(raw.data)
        except (pydantic.ValidationError, ValueError) as error:
            model = getattr(getattr(self._parse, "__self__", None), "__name__", "the API description")
            raise EventValidationError(self._response, raw.event, raw.id, raw.data, model, error) from error
        return ServerSentEvent(data, raw.event, raw.id, raw.retry)

    def _too_large(self, error: EventTooLarge) -> EventTooLargeError:
        return EventTooLargeError(self._response, error.limit)


class EventStream(_Events[T]):
    """An open ``text/event-stream`` response: iterate it for ``ServerSentEvent`` objects as they arrive.

    Use it as a context manager, or call ``close()``; leaving a ``for`` loop over it early closes it too. It is read
    once: a second loop sees no events.
    """

    def __iter__(self) -> Iterator[ServerSentEvent[T]]:
        return self._events()

    def _events(self) -> Iterator[ServerSentEvent[T]]:
        response, parser = self._response, self._parser
        if not self._begin():
            return
        try:
            for piece in decoded(response):
                for raw in parser.feed(piece):
                    yield self._typed(raw)
        except httpx.StreamError:  # closed by the caller, in the loop: no more events
            return
        except httpx.RequestError as error:  # a connection lost or a read timed out: no retry, events were seen
            raise _failure(error) from error
        except EventTooLarge as error:
            raise self._too_large(error) from None
        finally:  # the end, a break (the loop drops this generator), an error: the connection goes back
            response.close()

    def close(self) -> None:
        self._begun = True
        self._response.close()

    def __enter__(self) -> EventStream[T]:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<EventStream status={self.status_code} content_type={self.content_type!r}>"


class AsyncEventStream(_Events[T]):
    """``EventStream`` for async code: ``async for`` over it, inside ``async with``, or call ``aclose()``."""

    def __aiter__(self) -> AsyncIterator[ServerSentEvent[T]]:
        return self._events()

    async def _events(self) -> AsyncIterator[ServerSentEvent[T]]:
        response, parser = self._response, self._parser
        if not self._begin():
            return
        try:
            async for piece in adecoded(response):
                for raw in parser.feed(piece):
                    yield self._typed(raw)
        except httpx.StreamError:
            return
        except httpx.RequestError as error:
            raise _failure(error) from error
        except EventTooLarge as error:
            raise self._too_large(error) from None
        finally:
            await response.aclose()

    async def aclose(self) -> None:
        self._begun = True
        await self._response.aclose()

    async def __aenter__(self) -> AsyncEventStream[T]:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"<AsyncEventStream status={self.status_code} content_type={self.content_type!r}>"


def _parser(op: Operation[T]) -> Callable[[str], T]:
    if op.parse_event is None:  # every events operation has one; a bug otherwise
        raise TypeError(f"{op.id} does not answer with events")
    return op.parse_event


def open_events(
    core: ClientCore, op: Operation[T], request: pydantic.BaseModel | None, options: RequestOptions
) -> EventStream[T]:
    stream = open_stream(core, op, request, options)  # sent (and retried) like any stream; the body not read yet
    return EventStream(stream._response, _parser(op), owner=core)  # noqa: SLF001


async def open_events_async(
    core: ClientCore, op: Operation[T], request: pydantic.BaseModel | None, options: RequestOptions
) -> AsyncEventStream[T]:
    stream = await open_stream_async(core, op, request, options)
    return AsyncEventStream(stream._response, _parser(op), owner=core)  # noqa: SLF001


def open_events_raw(
    core: ClientCore, op: Operation[T], request: pydantic.BaseModel | None, options: RequestOptions
) -> RawResponse[EventStream[T]]:
    stream = open_events(core, op, request, options)
    return RawResponse(stream._response, lambda: stream)  # noqa: SLF001


async def open_events_raw_async(
    core: ClientCore, op: Operation[T], request: pydantic.BaseModel | None, options: RequestOptions
) -> RawResponse[AsyncEventStream[T]]:
    stream = await open_events_async(core, op, request, options)
    return RawResponse(stream._response, lambda: stream)  # noqa: SLF001
