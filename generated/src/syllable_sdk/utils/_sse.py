"""The server-sent events parser: the WHATWG rules (HTML, "9.2.6 Interpreting an event stream"), in bounded memory.

Bytes go in as they arrive, in pieces cut anywhere; complete events come out. Lines end at CRLF, LF or CR (a CR at
the end of one piece and an LF at the start of the next are one line end). ``:`` starts a comment; ``name: value``
(one space after the colon dropped) or a bare ``name`` is a field; a blank line dispatches the event, unless it has
no ``data``. A line, or an event's data, longer than ``max_event_bytes`` raises ``EventTooLarge``: a server
sending an endless line or endless data lines cannot fill memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE_END = re.compile(rb"\r\n|\r|\n")
_BOM = b"\xef\xbb\xbf"


class EventTooLarge(Exception):
    """An event or a line passed the limit; ``limit`` is it."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"event larger than {limit} bytes")
        self.limit = limit


@dataclass(frozen=True, slots=True)
class RawEvent:
    """One dispatched event, its data still text."""

    event: str  # "message" unless the server named it
    data: str  # the data lines joined by "\n"
    id: str | None  # the last event ID the stream set, this event's or an earlier one's (None: never set)
    retry: int | None  # the reconnection time (ms) this event's block set, if it set one


class EventParser:
    """Feed it the body's bytes with ``feed``; each call returns the events completed so far."""

    __slots__ = ("_limit", "_partial", "_cr", "_started", "_data", "_size", "_event", "_retry", "last_id", "retry")

    def __init__(self, max_event_bytes: int) -> None:
        self._limit = max_event_bytes
        self._partial = bytearray()  # the line not ended yet
        self._cr = False  # the last piece ended with CR: an LF first in the next one ends no line
        self._started = False  # the first line was seen (it may start with a byte order mark)
        self._data: list[str] = []
        self._size = 0  # bytes of this event's data lines
        self._event = ""
        self._retry: int | None = None
        self.last_id: str | None = None  # the last event ID buffer: kept from event to event
        self.retry: int | None = None  # the reconnection time the server last asked for, in ms

    def feed(self, chunk: bytes) -> list[RawEvent]:
        out: list[RawEvent] = []
        if not chunk:
            return out
        if self._cr and chunk[:1] == b"\n":
            chunk = chunk[1:]
        self._cr = chunk[-1:] == b"\r"
        start = 0
        for end in _LINE_END.finditer(chunk):
            line = chunk[start : end.start()]
            if self._partial:
                self._check(len(self._partial) + len(line))
                line = bytes(self._partial) + line
                self._partial.clear()
            self._line(line, out)
            start = end.end()
        if start < len(chunk):
            self._check(len(self._partial) + len(chunk) - start)
            self._partial += chunk[start:]
        return out

    def _check(self, size: int) -> None:
        if self._size + size > self._limit:
            raise EventTooLarge(self._limit)

    def _line(self, line: bytes, out: list[RawEvent]) -> None:
        if not self._started:
            self._started = True
            if line.startswith(_BOM):
                line = line[len(_BOM) :]
        if not line:
            self._dispatch(out)
            return
        if line[:1] == b":":  # a comment (a keep-alive, often)
            return
        self._check(len(line))
        name, colon, value = line.decode("utf-8", "replace").partition(":")
        if colon and value[:1] == " ":
            value = value[1:]
        if name == "data":
            self._data.append(value)
            self._size += len(line) + 1
        elif name == "event":
            self._event = value
        elif name == "id":
            if "\0" not in value:
                self.last_id = value
        elif name == "retry" and value.isascii() and value.isdigit():
            try:
                self._retry = self.retry = int(value)
            except ValueError:  # more digits than int() takes: no reconnection time anyone could wait
                pass

    def _dispatch(self, out: list[RawEvent]) -> None:
        data, event, retry = self._data, self._event, self._retry
        self._data, self._event, self._retry, self._size = [], "", None, 0
        if data:  # an event without data is not dispatched
            out.append(RawEvent(event or "message", "\n".join(data), self.last_id, retry))
