"""More hostile scenarios for tests/test_entry_paths.py, on top of tests/hostile_server.py's raw server.

``EntryPathServer`` is a ``HostileServer`` with these added: an error status whose body drips (so that
reading an error body must honour the deadline too) and one that echoes the caller's API key in an
error body and header (so that a pickled error can be checked for it).
"""

from __future__ import annotations

import asyncio

from tests.hostile_server import HostileServer, _head

DRIP_BYTES = 150  # one byte every 100 ms: 15 s unless the deadline cuts it


async def error_drip(writer: asyncio.StreamWriter, name: str) -> None:
    """``500`` at once, then its body one byte every 100 ms."""
    writer.write(_head("500 Internal Server Error", {"content-type": "text/plain", "content-length": str(DRIP_BYTES)}))
    for _ in range(DRIP_BYTES):
        await writer.drain()
        await asyncio.sleep(0.1)
        writer.write(b" ")
    await writer.drain()


class EntryPathServer(HostileServer):
    """``HostileServer`` with the scenarios above (by the same naming: the token or last path segment)."""

    def __init__(self) -> None:
        super().__init__()
        self._handlers["error-drip"] = error_drip
