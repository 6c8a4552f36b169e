"""A raw HTTP/1.1 server on 127.0.0.1 that answers with hostile responses, for tests/test_hostile_server.py.

uvicorn would not send a malformed or endless response, so this one writes bytes to the socket itself
(asyncio, in a background thread). The scenario is the request's ``token`` query value, or else the last
path segment: ``sdk.sessions.get_by_id(session_id="gzip2-bomb")`` and
``sdk.sessions.session_recording_stream(token="gzip2-bomb")`` both get the double gzip bomb. A first path
segment that names a scenario wins (``server_url=f"{url}/endless"`` makes ``sdk.sessions.list()`` endless).
"""

from __future__ import annotations

import asyncio
import collections
import functools
import gzip
import json
import socket
import struct
import threading
import zlib
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.server import make_session

BOMB_BYTES = 512 * 1024 * 1024  # what the bombs inflate to
ENDLESS_CAP = 512 * 1024 * 1024  # "endless" bodies end here, so that a client without a limit still finishes
DRIP_BYTES = 150  # at 10 bytes a second: 15 s for a client that only has a per-read timeout
SESSION_JSON = json.dumps(make_session(1)).encode()

Handler = Callable[[asyncio.StreamWriter, str], Awaitable[None]]


@functools.cache
def bomb(layers: int) -> bytes:
    """``BOMB_BYTES`` zero bytes gzipped ``layers`` times (2 layers: about 1 KB)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS, 9, zlib.Z_RLE)  # RLE: the fastest way here
    block = bytes(1024 * 1024)
    body = b"".join(compressor.compress(block) for _ in range(BOMB_BYTES // len(block))) + compressor.flush()
    for _ in range(layers - 1):
        body = gzip.compress(body, 9)
    return body


def _head(status: str, headers: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status}"] + [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


async def _answer(writer: asyncio.StreamWriter, body: bytes, **extra: str) -> None:
    headers = {"content-type": "application/json", "content-length": str(len(body)), **extra}
    writer.write(_head("200 OK", headers) + body)
    await writer.drain()


async def error_bomb(writer: asyncio.StreamWriter, name: str) -> None:
    body = await asyncio.to_thread(bomb, 2)
    head = {"content-type": "application/json", "content-encoding": "gzip, gzip", "content-length": str(len(body))}
    writer.write(_head("500 Internal Server Error", head) + body)
    await writer.drain()


async def error_bad_gzip(writer: asyncio.StreamWriter, name: str) -> None:
    body = b"not gzip"
    head = {"content-type": "application/json", "content-encoding": "gzip", "content-length": str(len(body))}
    writer.write(_head("500 Internal Server Error", head) + body)
    await writer.drain()


async def gzip_bomb(writer: asyncio.StreamWriter, name: str) -> None:
    await _answer(writer, await asyncio.to_thread(bomb, 1), **{"content-encoding": "gzip"})


async def gzip2_bomb(writer: asyncio.StreamWriter, name: str) -> None:
    await _answer(writer, await asyncio.to_thread(bomb, 2), **{"content-encoding": "gzip, gzip"})


async def gzip_json(writer: asyncio.StreamWriter, name: str) -> None:
    await _answer(writer, gzip.compress(SESSION_JSON), **{"content-encoding": "gzip"})


async def deflate_json(writer: asyncio.StreamWriter, name: str) -> None:
    await _answer(writer, zlib.compress(SESSION_JSON), **{"content-encoding": "deflate"})


async def raw_deflate_json(writer: asyncio.StreamWriter, name: str) -> None:
    raw = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    await _answer(writer, raw.compress(SESSION_JSON) + raw.flush(), **{"content-encoding": "deflate"})


async def bad_gzip(writer: asyncio.StreamWriter, name: str) -> None:
    await _answer(writer, b"this body says gzip but is not", **{"content-encoding": "gzip"})


async def br_unasked(writer: asyncio.StreamWriter, name: str) -> None:
    """Brotli, which the SDK's client never offered to accept (and may have no decoder for)."""
    await _answer(writer, b"\x8b\x02\x80{}\x03", **{"content-encoding": "br"})


async def endless(writer: asyncio.StreamWriter, name: str) -> None:
    """Chunked JSON that goes on (up to ``ENDLESS_CAP``)."""
    writer.write(_head("200 OK", {"content-type": "application/json", "transfer-encoding": "chunked"}))
    piece = b"0," * 32 * 1024
    chunk = b"%x\r\n%b\r\n" % (len(piece), piece)
    writer.write(b'b\r\n{"items": [\r\n')
    for _ in range(ENDLESS_CAP // len(piece)):
        writer.write(chunk)
        await writer.drain()
    writer.write(b"3\r\n0]}\r\n0\r\n\r\n")
    await writer.drain()


async def drip(writer: asyncio.StreamWriter, name: str) -> None:
    """Headers at once, then the body one byte every 100 ms: each read is quick, the whole is not."""
    writer.write(_head("200 OK", {"content-type": "application/json", "content-length": str(DRIP_BYTES)}))
    for _ in range(DRIP_BYTES):
        await writer.drain()
        await asyncio.sleep(0.1)
        writer.write(b" ")
    await writer.drain()


async def drip_headers(writer: asyncio.StreamWriter, name: str) -> None:
    """The status line and headers themselves, one byte every 100 ms."""
    for byte in _head("200 OK", {"content-type": "application/json", "content-length": "2"}) + b"{}":
        writer.write(bytes([byte]))
        await writer.drain()
        await asyncio.sleep(0.1)


async def stall(writer: asyncio.StreamWriter, name: str) -> None:
    """Half the body, then silence."""
    writer.write(_head("200 OK", {"content-type": "application/octet-stream", "content-length": "2000"}) + bytes(1000))
    await writer.drain()
    await asyncio.sleep(3600)


async def cut(writer: asyncio.StreamWriter, name: str) -> None:
    """Part of the body, then the connection closed cleanly (FIN) before the promised length."""
    writer.write(
        _head("200 OK", {"content-type": "application/octet-stream", "content-length": "100000"}) + bytes(1000)
    )
    await writer.drain()
    await asyncio.sleep(0.2)
    writer.close()


async def reset(writer: asyncio.StreamWriter, name: str) -> None:
    """Part of the body, then a TCP reset (RST) mid-body."""
    writer.write(
        _head("200 OK", {"content-type": "application/octet-stream", "content-length": "100000"}) + bytes(1000)
    )
    await writer.drain()
    await asyncio.sleep(0.2)
    sock = writer.get_extra_info("socket")
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


def retry_then_silence(server: HostileServer) -> Handler:
    """The first request of a name gets ``503`` with ``Retry-After: 2``; every later one, silence."""

    async def handle(writer: asyncio.StreamWriter, name: str) -> None:
        if server.hits[name] == 1:
            writer.write(_head("503 Service Unavailable", {"retry-after": "2", "content-length": "0"}))
            await writer.drain()
            return
        await asyncio.sleep(3600)

    return handle


class HostileServer:
    """The server in a background thread; ``url`` is its base URL, ``hits`` counts requests per name."""

    def __init__(self) -> None:
        self.hits: collections.Counter[str] = collections.Counter()
        self.dropped: collections.Counter[str] = collections.Counter()  # connections the client closed mid-answer
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._handlers: dict[str, Handler] = {
            "error-bomb": error_bomb,
            "error-bad-gzip": error_bad_gzip,
            "gzip-bomb": gzip_bomb,
            "gzip2-bomb": gzip2_bomb,
            "gzip-json": gzip_json,
            "deflate-json": deflate_json,
            "raw-deflate-json": raw_deflate_json,
            "bad-gzip": bad_gzip,
            "br-unasked": br_unasked,
            "endless": endless,
            "drip": drip,
            "drip-headers": drip_headers,
            "stall": stall,
            "cut": cut,
            "reset": reset,
        }
        self._retry = retry_then_silence(self)

    def __enter__(self) -> HostileServer:
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=10)
        port = self._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    async def _start(self) -> asyncio.Server:
        return await asyncio.start_server(self._serve, "127.0.0.1", 0)

    async def _stop(self) -> None:
        self._server.close()
        tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        name = ""
        try:
            while True:  # keep-alive: the same connection may carry the next request
                head = await reader.readuntil(b"\r\n\r\n")
                target = head.split(b" ", 2)[1].decode()
                name = self._name(target)
                self.hits[name] += 1
                handler = self._retry if name.startswith("retry-then-silence") else self._handlers.get(name)
                if handler is None:
                    writer.write(_head("404 Not Found", {"content-length": "0"}))
                    await writer.drain()
                    continue
                await handler(writer, name)
                if name not in ("gzip-json", "deflate-json", "raw-deflate-json") and not name.startswith("retry"):
                    break
        except ConnectionError:
            self.dropped[name] += 1
        except (asyncio.IncompleteReadError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    def _name(self, target: str) -> str:
        parts = urlsplit(target)
        token: Any = parse_qs(parts.query).get("token")
        if token:
            return str(token[0])
        segments = parts.path.strip("/").split("/")
        if segments[0] in self._handlers:  # a server_url of f"{url}/endless" picks it for every operation
            return segments[0]
        return segments[-1]
