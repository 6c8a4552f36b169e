"""Content-Encoding decoding that never hands out more than ``CHUNK`` bytes at once.

httpx decodes each raw chunk whole: 2 KB of ``gzip, gzip`` inflates to 1 GiB in one call. Here every
layer inflates with zlib's ``max_length`` and passes its output on piece by piece, so memory stays
bounded by the layers times ``CHUNK`` whatever the compression ratio.
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator, Iterable, Iterator

import httpx

CHUNK = 64 * 1024
# The encodings clients the SDK creates accept: the ones decoded here with bounded output.
ACCEPT_ENCODING = "gzip, deflate"
_MAX_LAYERS = 4


class _Inflate:
    """One gzip or deflate layer."""

    __slots__ = ("_kind", "_z", "_started")

    def __init__(self, kind: str) -> None:
        self._kind = kind
        self._z = zlib.decompressobj(16 + zlib.MAX_WBITS if kind == "gzip" else zlib.MAX_WBITS)
        self._started = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        z = self._z
        try:
            if self._kind == "deflate" and not self._started and data:
                self._started = True
                try:
                    zlib.decompressobj().decompress(data[:2])
                except zlib.error:  # raw deflate without the zlib header, as some servers send it
                    z = self._z = zlib.decompressobj(-zlib.MAX_WBITS)
            while not z.eof:
                out = z.decompress(data, CHUNK)
                data = z.unconsumed_tail
                if out:
                    yield out
                if not data and len(out) < CHUNK:  # a full piece means more output may be pending
                    break
        except zlib.error as error:
            raise httpx.DecodingError(f"invalid {self._kind} body: {error}") from error


def _layers(response: httpx.Response) -> list[_Inflate] | None:
    """The decoders for a response's Content-Encoding, as listed; None: one httpx decodes (br, zstd)."""
    layers = []
    for value in response.headers.get_list("content-encoding", split_commas=True):
        value = value.strip().lower()
        if value in ("gzip", "x-gzip", "deflate"):
            layers.append(_Inflate("deflate" if value == "deflate" else "gzip"))
        elif value in ("br", "zstd"):
            if value in response.request.headers.get("accept-encoding", ""):  # the caller's own client asked for it
                return None
            raise httpx.DecodingError(f"the server sent content encoding {value!r}, which was not asked for")
        # anything else is ignored, as httpx does
    if len(layers) > _MAX_LAYERS:
        raise httpx.DecodingError(f"more than {_MAX_LAYERS} content encodings")
    return layers


def _through(layers: list[_Inflate], chunk: bytes) -> Iterator[bytes]:
    """``chunk`` through every layer in the order the server applied them (listed first, applied first)."""
    pieces: Iterable[bytes] = (chunk,)
    for layer in reversed(layers):
        pieces = _chain(layer, pieces)
    yield from pieces


def _chain(layer: _Inflate, pieces: Iterable[bytes]) -> Iterator[bytes]:
    for piece in pieces:
        yield from layer.feed(piece)


def decoded(response: httpx.Response) -> Iterator[bytes]:
    """The decoded body of an unread response, in pieces of at most ``CHUNK`` bytes (identity: as received)."""
    try:
        content = response.content
    except httpx.ResponseNotRead:
        pass
    else:  # read already (a mock transport's response): httpx decoded it
        if content:
            yield content
        return
    layers = _layers(response)
    if layers is None:  # an encoding the caller's own client asked for (br, zstd): httpx decodes it
        yield from response.iter_bytes()
        return
    for chunk in response.iter_raw():
        if layers:
            yield from _through(layers, chunk)
        elif chunk:
            yield chunk


async def adecoded(response: httpx.Response) -> AsyncIterator[bytes]:
    """``decoded`` for async responses."""
    try:
        content = response.content
    except httpx.ResponseNotRead:
        pass
    else:
        if content:
            yield content
        return
    layers = _layers(response)
    if layers is None:
        async for chunk in response.aiter_bytes():
            yield chunk
        return
    async for chunk in response.aiter_raw():
        if layers:
            for piece in _through(layers, chunk):
                yield piece
        elif chunk:
            yield chunk


def rechunk(pieces: Iterator[bytes], size: int | None) -> Iterator[bytes]:
    """Pieces regrouped into ``size``-byte chunks (the last may be shorter), as httpx's ``chunk_size`` does."""
    if size is None:
        yield from pieces
        return
    buffer = bytearray()
    for piece in pieces:
        buffer += piece
        while len(buffer) >= size:
            yield bytes(buffer[:size])
            del buffer[:size]
    if buffer:
        yield bytes(buffer)


async def arechunk(pieces: AsyncIterator[bytes], size: int | None) -> AsyncIterator[bytes]:
    """``rechunk`` for async iterators."""
    buffer = bytearray()
    async for piece in pieces:
        if size is None:
            yield piece
            continue
        buffer += piece
        while len(buffer) >= size:
            yield bytes(buffer[:size])
            del buffer[:size]
    if buffer:
        yield bytes(buffer)
