"""Server-sent event responses (``text/event-stream``): the WHATWG parser, and the generated client end to end.

The parser (``utils/_sse.py`` of every generated package) is tested on its own; the client is generated from the
inline spec below, imported in-process and run against a uvicorn server on 127.0.0.1 that streams events, and
against raw-socket servers that misbehave (an endless line, endless data lines, a connection cut mid-stream).
"""

from __future__ import annotations

import asyncio
import importlib
import pickle
import socket
import subprocess
import sys
import textwrap
import threading
import time
import tracemalloc
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.routing import Route
from syllable_sdk.utils._sse import EventParser, EventTooLarge, RawEvent

from tests.cli_runs import generate_ok
from tests.server import LiveServer
from tests.tools import imported, mypy_strict

PACKAGE = "events_sdk"

SPEC = textwrap.dedent(
    """
    openapi: 3.1.0
    info: {title: Events, version: "1.0"}
    servers: [{url: "http://localhost"}]
    paths:
      /chat:
        get:
          operationId: chat
          tags: [streams]
          responses:
            "200":
              description: chunks of an answer
              content:
                text/event-stream:
                  schema: {$ref: "#/components/schemas/Chunk"}
      /log:
        get:
          operationId: log
          tags: [streams]
          responses:
            "200":
              description: lines of text
              content:
                text/event-stream:
                  schema: {type: string}
      /items:
        get:
          operationId: items
          tags: [streams]
          responses:
            "200":
              description: one Chunk per event, described by OpenAPI 3.2's itemSchema
              content:
                text/event-stream:
                  itemSchema: {$ref: "#/components/schemas/Chunk"}
      /forever:
        get:
          operationId: forever
          tags: [streams]
          parameters:
            - {name: tag, in: query, required: true, schema: {type: string}}
          responses:
            "200":
              description: an event every few milliseconds, for ever
              content:
                text/event-stream: {}
    components:
      schemas:
        Chunk:
          type: object
          required: [text]
          properties:
            text: {type: string}
            index: {type: integer}
    """
)

# What /chat and /items send: CRLF, LF and CR line ends, a comment, an event name, an id, a retry, multi-line data,
# an event without data (not dispatched), and pieces cut in the middle of a line, a CRLF and a UTF-8 character.
CHAT_PIECES = [
    b": a comment, then an event in CRLF lines\r\n",
    b'event: delta\r\nid: 1\r\nretry: 1500\r\ndata: {"text": "Hel',
    b'lo", "index": 0}\r',
    b"\n\r\n",
    b'data: {"text":\ndata: "multi-line \xc3',
    b'\xa9", "index": 1}\n\n',
    b"id: 7\r\rdata: ",
    b'{"text": "after an id alone"}\r\r',
    b"event: ping\nretry: soon\n\n",  # no data: not dispatched; a retry that is not all digits is ignored
]
CHAT_EVENTS = [
    ("delta", {"text": "Hello", "index": 0}, "1", 1500),
    ("message", {"text": "multi-line \u00e9", "index": 1}, "1", None),
    ("message", {"text": "after an id alone", "index": None}, "7", None),
]
LOG_BODY = b"data: first\ndata:second\ndata:  third\ndata\n\nevent:end\ndata: bye\n\n"


class Streams:
    """The uvicorn app: /chat, /items, /log, /forever?tag= (which notes when its client went away) and /bad."""

    def __init__(self) -> None:
        self.disconnected: dict[str, float] = {}
        self.requests: list[str] = []
        routes = [Route(p, self.handle) for p in ("/chat", "/items", "/log", "/forever", "/bad/chat")]
        self.app = Starlette(routes=routes)

    async def handle(self, request: Request) -> StreamingResponse:
        self.requests.append(request.url.path)
        path = request.url.path
        if path == "/forever":
            body: AsyncIterator[bytes] = self.forever(request.query_params["tag"])
        elif path == "/log":
            body = self.pieces([LOG_BODY])
        elif path == "/bad/chat":
            body = self.pieces([b'id: 41\ndata: {"text": "fine"}\n\n', b"event: delta\nid: 42\ndata: {not json\n\n"])
        else:
            body = self.pieces(CHAT_PIECES)
        return StreamingResponse(body, media_type="text/event-stream")

    async def pieces(self, pieces: list[bytes]) -> AsyncIterator[bytes]:
        for piece in pieces:
            yield piece
            await asyncio.sleep(0.01)  # each piece its own read, most of the time

    async def forever(self, tag: str) -> AsyncIterator[bytes]:
        n = 0
        try:
            while True:
                yield f"id: {n}\ndata: tick {n}\n\n".encode()
                n += 1
                await asyncio.sleep(0.005)
        finally:  # cancelled or closed when the client goes away
            self.disconnected[tag] = time.monotonic()


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("events")
    (work / "spec.yaml").write_text(SPEC)
    (work / "config.yaml").write_text(
        f"package: {PACKAGE}\ndistribution: {PACKAGE}\nsdk_class: Api\ncore_class: ApiCore\n"
    )
    generate_ok(work / "pkg", "--strict", spec=work / "spec.yaml", config=work / "config.yaml")
    return work / "pkg"


@pytest.fixture
def sdk_module(package: Path) -> Iterator[ModuleType]:
    with imported(package, PACKAGE) as module:
        yield module


@pytest.fixture(scope="module")
def streams() -> Iterator[tuple[LiveServer, Streams]]:
    app = Streams()
    with LiveServer("127.0.0.1", app=app.app) as server:
        yield server, app


def _seen(events: list[Any]) -> list[tuple[str, Any, str | None, int | None]]:
    return [(e.event, e.data.model_dump(), e.id, e.retry) for e in events]


# -- the parser ------------------------------------------------------------------------------------


def parse(body: bytes, limit: int = 1 << 20, cut: int = 0) -> list[RawEvent]:
    """Every event of ``body``, fed whole, or in pieces of ``cut`` bytes."""
    parser = EventParser(limit)
    if not cut:
        return parser.feed(body)
    return [e for i in range(0, len(body), cut) for e in parser.feed(body[i : i + cut])]


def test_the_parser_follows_the_whatwg_rules() -> None:
    # the examples of the HTML standard's "Interpreting an event stream" (9.2.6), and its edge cases
    assert parse(b"data: YHOO\ndata: +2\ndata: 10\n\n") == [RawEvent("message", "YHOO\n+2\n10", None, None)]
    body = b": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n"
    assert parse(body) == [
        RawEvent("message", "first event", "1", None),
        RawEvent("message", "second event", "", None),  # a bare "id" sets it to ""
        RawEvent("message", " third event", "", None),  # one space dropped, the second kept; the id kept too
    ]
    assert parse(b"data\n\ndata\ndata\n\ndata:") == [
        RawEvent("message", "", None, None),
        RawEvent("message", "\n", None, None),
    ]
    assert parse(b"data:test\n\ndata: test\n\n") == [RawEvent("message", "test", None, None)] * 2
    # line ends: CRLF, CR, LF, mixed; a byte order mark at the start is dropped
    for end in (b"\r\n", b"\r", b"\n"):
        assert parse(b"\xef\xbb\xbfevent: e" + end + b"data: x" + end + end) == [RawEvent("e", "x", None, None)]
    # retry only when all ASCII digits; an id holding NUL is ignored; unknown fields and comments are skipped
    assert parse(
        b"retry: 10\ndata: a\n\nretry: 1x\ndata: b\n\nretry: \xc2\xb2\nid: a\x00b\nfoo: bar\n: c\ndata: c\n\n"
    ) == [
        RawEvent("message", "a", None, 10),
        RawEvent("message", "b", None, None),
        RawEvent("message", "c", None, None),
    ]
    # no data: nothing dispatched (and the event name does not leak into the next one); an unfinished event at
    # the end of the stream is never dispatched
    assert parse(b"event: lonely\nid: 3\n\ndata: next\n\ndata: unfinished\n") == [
        RawEvent("message", "next", "3", None)
    ]
    parser = EventParser(100)
    parser.feed(b"retry: 250\n\n")
    assert (parser.retry, parser.last_id) == (250, None)  # the stream's reconnection time, though nothing dispatched


def test_the_parser_gives_the_same_events_however_the_bytes_are_cut() -> None:
    body = b"".join(CHAT_PIECES) + LOG_BODY + b"\r\n".join([b"data: \xe2\x82\xac", b"", b"data: \r", b"\n"])
    whole = parse(body)
    assert [e.data for e in whole[-2:]] == ["\u20ac", ""] and len(whole) == 7, whole
    for cut in (1, 2, 3, 5, 7, 64):
        assert parse(body, cut=cut) == whole, cut


def test_the_parser_refuses_a_line_or_an_event_past_its_limit() -> None:
    parser = EventParser(1000)
    parser.feed(b"data: " + b"x" * 900 + b"\n\n")  # under the limit: fine
    with pytest.raises(EventTooLarge):
        for _ in range(20):
            parser.feed(b"x" * 100)  # one line without an end
    parser = EventParser(1000)
    with pytest.raises(EventTooLarge):
        for _ in range(20):
            parser.feed(b"data: " + b"y" * 94 + b"\n")  # data lines, never a blank one
    with pytest.raises(EventTooLarge):
        EventParser(1000).feed(b": " + b"z" * 2000)  # a comment that never ends is a line too


# -- the generated client --------------------------------------------------------------------------


def test_events_are_parsed_into_the_model_or_kept_as_text(sdk_module: Any, streams: tuple[LiveServer, Streams]) -> None:
    server, _ = streams
    components = importlib.import_module(f"{PACKAGE}.models.components")
    with sdk_module.Api(server_url=server.url) as sdk:
        with sdk.streams.chat() as stream:
            assert stream.status_code == 200 and stream.content_type.startswith("text/event-stream")
            events = list(stream)
            assert list(stream) == []  # read once
        assert all(isinstance(e.data, components.Chunk) for e in events)
        assert _seen(events) == CHAT_EVENTS
        assert (stream.last_event_id, stream.retry) == ("7", 1500)
        with sdk.streams.items() as stream:  # itemSchema
            assert _seen(list(stream)) == CHAT_EVENTS
        with sdk.streams.log() as raw:
            seen = [(e.event, e.data) for e in raw]
        assert seen == [("message", "first\nsecond\n third\n"), ("end", "bye")]
        # the standalone function and the raw response give the same stream
        funcs = importlib.import_module(f"{PACKAGE}.funcs")
        result = funcs.streams_chat(sdk)
        assert result.ok
        with result.value as stream:
            assert _seen(list(stream)) == CHAT_EVENTS
        stream = sdk.streams.log()
        stream.close()
        assert list(stream) == []
        with sdk.streams.with_raw_response.log() as response:
            assert response.headers["content-type"].startswith("text/event-stream")
            assert [e.data for e in response.parse()][-1] == "bye"


def test_events_are_parsed_into_the_model_or_kept_as_text_async(
    sdk_module: Any, streams: tuple[LiveServer, Streams]
) -> None:
    server, _ = streams

    async def main() -> None:
        async with sdk_module.Api(server_url=server.url) as sdk:
            async with await sdk.streams.chat_async() as stream:
                events = [e async for e in stream]
            assert _seen(events) == CHAT_EVENTS
            async with await sdk.streams.items_async() as stream:
                assert _seen([e async for e in stream]) == CHAT_EVENTS
            async with await sdk.streams.log_async() as log:
                assert [e.data async for e in log][-1] == "bye"
            funcs = importlib.import_module(f"{PACKAGE}.funcs")
            result = await funcs.streams_chat_async(sdk)
            async with result.value as stream:
                assert len([e async for e in stream]) == 3

    asyncio.run(main())


def _gone_within(app: Streams, tag: str, since: float, limit: float) -> float:
    deadline = time.monotonic() + limit
    while tag not in app.disconnected and time.monotonic() < deadline:
        time.sleep(0.01)
    assert tag in app.disconnected, f"the server still streams to {tag} after {limit} s"
    print(f"{tag}: the server saw the disconnect {app.disconnected[tag] - since:.4f} s after the loop was left")
    return app.disconnected[tag] - since


def test_leaving_the_loop_closes_the_connection(sdk_module: Any, streams: tuple[LiveServer, Streams]) -> None:
    server, app = streams
    with sdk_module.Api(server_url=server.url) as sdk:
        # a plain loop, no with-block: break drops the loop's iterator, which closes the response
        for n, event in enumerate(sdk.streams.forever(tag="loop")):
            assert event.data == f"tick {n}" and event.id == str(n)
            if n == 2:
                left = time.monotonic()
                break
        assert _gone_within(app, "loop", left, 2.0) < 1.0
        with sdk.streams.forever(tag="block") as stream:
            first = [e.data for _, e in zip(range(3), stream, strict=False)]
            left = time.monotonic()
        assert first == ["tick 0", "tick 1", "tick 2"]
        assert _gone_within(app, "block", left, 2.0) < 1.0


def test_leaving_the_loop_closes_the_connection_async(sdk_module: Any, streams: tuple[LiveServer, Streams]) -> None:
    server, app = streams

    async def main() -> tuple[float, float]:
        async with sdk_module.Api(server_url=server.url) as sdk:
            # a plain loop: the dropped async generator is closed by the event loop's finaliser, at once
            async for event in await sdk.streams.forever_async(tag="async-loop"):
                if event.id == "2":
                    break
            loop_left = time.monotonic()
            async with await sdk.streams.forever_async(tag="async-block") as stream:
                async for event in stream:
                    if event.id == "2":
                        break
            block_left = time.monotonic()
            await asyncio.sleep(0.5)  # the client stays open: only the streams' connections went
            assert "async-loop" in app.disconnected and "async-block" in app.disconnected
            return loop_left, block_left

    loop_left, block_left = asyncio.run(main())
    assert _gone_within(app, "async-loop", loop_left, 2.0) < 0.5
    assert _gone_within(app, "async-block", block_left, 2.0) < 0.5


def test_bad_json_in_an_event_is_a_typed_error_naming_it(sdk_module: Any, streams: tuple[LiveServer, Streams]) -> None:
    server, _ = streams
    errors = importlib.import_module(f"{PACKAGE}.models.errors")
    with sdk_module.Api(server_url=f"{server.url}/bad") as sdk:
        got = []
        with pytest.raises(errors.EventValidationError) as caught, sdk.streams.chat() as stream:
            for event in stream:
                got.append(event.data.text)
    assert got == ["fine"]
    error = caught.value
    assert isinstance(error, errors.ResponseValidationError) and isinstance(error, errors.SDKError)
    assert (error.event, error.event_id, error.body, error.status_code) == ("delta", "42", "{not json", 200)
    assert "event 'delta' (id '42'): data did not match Chunk" in str(error), str(error)
    assert type(error.__cause__).__name__ == "ValidationError"
    again = pickle.loads(pickle.dumps(error))  # Celery, multiprocessing: the class and what names the event survive
    assert (type(again), again.event, again.event_id, str(again)) == (type(error), "delta", "42", str(error))


# -- raw-socket servers that misbehave --------------------------------------------------------------


@contextmanager
def raw_server(body: Iterator[bytes], *, chunked: bool = False) -> Iterator[tuple[str, list[int]]]:
    """A server on 127.0.0.1 answering each request with 200 text/event-stream and ``body`` (HTTP/1.1 chunks when
    ``chunked``, else until it closes), until the client hangs up or ``body`` ends; then it closes the connection.
    Yields its URL and a list that counts the connections it accepted."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[int] = []
    framing = b"transfer-encoding: chunked" if chunked else b"connection: close"

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            accepted.append(1)
            with conn:
                request = b""
                while b"\r\n\r\n" not in request:
                    request += conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n" + framing + b"\r\n\r\n")
                try:
                    for piece in body:
                        conn.sendall(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
                except OSError:  # the client hung up
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", accepted
    finally:
        listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() in progress
        listener.close()
        thread.join(timeout=5)


BLOCK = b"a" * 65536


def endless_line() -> Iterator[bytes]:
    yield b"data: "
    for _ in range(100 * 1024 * 1024 // len(BLOCK)):  # a 100 MB line
        yield BLOCK
    yield b"\n\n"


def endless_data_lines() -> Iterator[bytes]:
    line = b"data: " + b"b" * 1000 + b"\n"
    for _ in range(100 * 1024):  # about 100 MB of one event's data
        yield line * 64


@pytest.mark.parametrize("body", [endless_line, endless_data_lines])
def test_an_endless_event_is_a_typed_error_in_bounded_memory(sdk_module: Any, body: Any) -> None:
    errors = importlib.import_module(f"{PACKAGE}.models.errors")
    with raw_server(body()) as (url, _), sdk_module.Api(server_url=url) as sdk:
        tracemalloc.start()
        try:
            started = time.monotonic()
            with pytest.raises(errors.EventTooLargeError) as caught, sdk.streams.log() as stream:
                for _ in stream:
                    pass
            elapsed = time.monotonic() - started
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert caught.value.limit == 4 * 1024 * 1024 and isinstance(caught.value, errors.ResponseTooLargeError)
    assert "event larger than max_event_bytes (4194304 bytes)" in str(caught.value)
    print(f"{body.__name__}: peak {peak / 2**20:.1f} MiB traced, {elapsed:.2f} s")
    assert peak < 16 * 1024 * 1024, f"peak {peak / 2**20:.1f} MiB"  # the limit, a line being joined, a piece or two
    assert elapsed < 10, elapsed
    # the limit is the client's to set
    with raw_server(body()) as (url, _), sdk_module.Api(server_url=url, max_event_bytes=10_000) as sdk:
        with pytest.raises(errors.EventTooLargeError) as caught, sdk.streams.log() as stream:
            list(stream)
    assert caught.value.limit == 10_000


def test_a_stream_cut_after_its_first_events_is_not_retried(sdk_module: Any) -> None:
    errors = importlib.import_module(f"{PACKAGE}.models.errors")
    retries = importlib.import_module(f"{PACKAGE}.utils.retries")
    config = retries.RetryConfig("backoff", retries.BackoffStrategy(1, 10, 1.5, 5000), retry_connection_errors=True)
    # two events, then the server hangs up in the middle of a chunk of the third
    with raw_server(iter([b"data: one\n\ndata: two\n\n"]), chunked=True) as (url, accepted):
        with sdk_module.Api(server_url=url, retry_config=config) as sdk:
            got = []
            with pytest.raises(errors.APIConnectionError) as caught, sdk.streams.log() as stream:
                for event in stream:
                    got.append(event.data)
    assert got == ["one", "two"]
    assert accepted == [1], "a stream whose events started flowing was sent again"
    assert "RemoteProtocolError" in str(caught.value), str(caught.value)


def test_the_event_streams_are_typed_for_mypy(package: Path, tmp_path: Path) -> None:
    mypy_strict(package)
    usage = tmp_path / "usage.py"
    usage.write_text(
        textwrap.dedent(
            f"""
            from {PACKAGE} import Api
            from {PACKAGE}.models import components
            from {PACKAGE}.utils import AsyncEventStream, EventStream, ServerSentEvent


            def sync(sdk: Api) -> None:
                stream: EventStream[components.Chunk] = sdk.streams.chat()
                with stream:
                    for event in stream:
                        chunk: components.Chunk = event.data
                        print(chunk.text, event.event, event.id, event.retry)
                for line in sdk.streams.log():
                    text: str = line.data
                    print(text)


            async def run(sdk: Api) -> None:
                stream: AsyncEventStream[components.Chunk] = await sdk.streams.items_async()
                async with stream:
                    async for event in stream:
                        one: ServerSentEvent[components.Chunk] = event
                        print(one.data.index)


            def wrong(sdk: Api) -> int:
                for event in sdk.streams.chat():
                    return event.data  # a Chunk, not an int
                return 0
            """
        )
    )
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", "/dev/null", str(usage)],
        cwd=tmp_path,
        env={"MYPYPATH": str(package / "src"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = [line for line in result.stdout.splitlines() if ": error:" in line]
    wrong = usage.read_text().splitlines().index("        return event.data  # a Chunk, not an int") + 1
    assert len(lines) == 1 and f"usage.py:{wrong}:" in lines[0] and '(got "Chunk", expected "int")' in lines[0], (
        result.stdout
    )
