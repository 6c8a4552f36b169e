"""The HTTP clients a core sends with, safe across threads, forks and event loops.

- Threads: a client is created once, under a lock taken only while none exists yet.
- Forks: a child process starts with no clients of its own; its parent's stay referenced (never closed
  from the child, which would break the parent's connections) and are never used again.
- Event loops: pooled async connections belong to the loop that opened them, so each loop gets its own
  ``httpx.AsyncClient``, closed on that loop when it shuts down. ``asyncio.run()`` closes every open async
  generator before closing its loop (``loop.shutdown_asyncgens()``): a generator parked per loop is the
  documented hook that runs ``aclose()`` there.
"""

from __future__ import annotations

import logging
import os
import threading
import weakref
from collections.abc import AsyncGenerator, Callable
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    import asyncio

_LOGGER = logging.getLogger("sdk")
_POOLS: weakref.WeakSet[Pool] = weakref.WeakSet()
_INHERITED: list[object] = []  # what a forked child got from its parent: kept, so nothing closes it there


class Pool:
    """The HTTP clients of one SDK client and its ``with_options`` copies."""

    __slots__ = (
        "sync",
        "_given_sync",
        "_given_async",
        "_loops",
        "_lock",
        "_headers",
        "_timeout",
        "_warned",
        "__weakref__",
    )

    def __init__(
        self,
        headers: dict[str, str],
        timeout: float,
        client: httpx.Client | None,
        async_client: httpx.AsyncClient | None,
    ) -> None:
        self.sync = client  # the fast path reads only this attribute
        self._given_sync = client
        self._given_async = async_client
        self._loops: dict[asyncio.AbstractEventLoop, tuple[httpx.AsyncClient, AsyncGenerator[None, None]]] = {}
        self._lock = threading.Lock()
        self._headers = headers
        self._timeout = timeout
        self._warned = False
        _POOLS.add(self)

    # -- sync -----------------------------------------------------------------------------------

    def open_sync(self) -> httpx.Client:
        """The sync client, created by the first caller; every other thread waits and gets the same one."""
        with self._lock:
            if self.sync is None:
                self._warn_once(self._given_async is not None, "async_client", "client", "sync")
                self.sync = httpx.Client(headers=self._headers, timeout=self._timeout, follow_redirects=False)
            return self.sync

    def close_sync(self) -> None:
        """Close the sync client if the SDK made it, and let go of async clients whose loop is closed."""
        with self._lock:
            client, self.sync = self.sync, self._given_sync
            stale = self._take_loops(lambda loop: loop.is_closed())
        if client is not None and client is not self._given_sync:
            client.close()
        for _, closer in stale:
            _finish(closer)

    # -- async ----------------------------------------------------------------------------------

    def async_client(self) -> httpx.AsyncClient:
        if self._given_async is not None:
            return self._given_async
        import asyncio  # here, not at the top: sync-only programs never pay for importing asyncio

        loop = asyncio.get_running_loop()
        entry = self._loops.get(loop)
        return entry[0] if entry is not None else self._open_async(loop)

    def _open_async(self, loop: asyncio.AbstractEventLoop) -> httpx.AsyncClient:
        with self._lock:
            entry = self._loops.get(loop)
            if entry is not None:
                return entry[0]
            stale = self._take_loops(lambda old: old.is_closed())
            self._warn_once(self._given_sync is not None, "client", "async_client", "async")
            client = httpx.AsyncClient(headers=self._headers, timeout=self._timeout, follow_redirects=False)
            closer = _close_when_loop_ends(self._loops, loop, client)
            _park(closer)
            self._loops[loop] = (client, closer)
        for _, old in stale:
            _finish(old)
        return client

    async def aclose(self) -> None:
        """Close the running loop's client, release those of closed loops, and close the sync client.

        A client of a loop still running elsewhere cannot be closed from here; it closes when its loop ends.
        """
        import asyncio

        loop = asyncio.get_running_loop()
        with self._lock:
            mine = self._take_loops(lambda other: other is loop)
        for client, closer in mine:
            try:
                await client.aclose()
            finally:
                _finish(closer)
        self.close_sync()

    def _take_loops(
        self, which: Callable[[asyncio.AbstractEventLoop], bool]
    ) -> list[tuple[httpx.AsyncClient, AsyncGenerator[None, None]]]:
        """Remove (under the lock) and return the async clients of the loops ``which`` picks.

        A loop's own closer may remove its entry meanwhile, from that loop's thread: hence the copy and ``pop``'s default.
        """
        taken = (self._loops.pop(loop, None) for loop in list(self._loops) if which(loop))
        return [entry for entry in taken if entry is not None]

    def _warn_once(self, given: bool, given_name: str, missing: str, kind: str) -> None:
        if given and not self._warned:
            self._warned = True
            _LOGGER.warning(
                "%s= was given but %s= was not: %s calls use an httpx client the SDK creates, without your "
                "client's proxy, transport, event hooks or other settings; pass %s= as well",
                given_name,
                missing,
                kind,
                missing,
            )

    def _forget_parent(self) -> None:
        """In a forked child: keep (never use, never close) every client the SDK made in the parent."""
        self._lock = threading.Lock()  # another thread of the parent may have held it at the fork
        if self.sync is not None and self.sync is not self._given_sync:
            _INHERITED.append(self.sync)
            self.sync = self._given_sync
        _INHERITED.append(list(self._loops.values()))
        self._loops.clear()


async def _close_when_loop_ends(
    loops: dict[asyncio.AbstractEventLoop, tuple[httpx.AsyncClient, AsyncGenerator[None, None]]],
    loop: asyncio.AbstractEventLoop,
    client: httpx.AsyncClient,
) -> AsyncGenerator[None, None]:
    """Parked at its ``yield`` until the loop shuts its async generators down, then closes ``client`` there.

    Whoever removes the entry from ``loops`` first owns the client: the SDK's own ``aclose`` and
    ``_finish`` remove it before finishing this generator, which then does nothing.
    """
    try:
        yield
    finally:
        if loops.pop(loop, None) is not None:
            await client.aclose()


def _park(closer: AsyncGenerator[None, None]) -> None:
    """Run ``closer`` to its ``yield`` now: the running loop starts tracking it, to close it at shutdown."""
    try:
        closer.asend(None).send(None)
    except StopIteration:
        pass


def _finish(closer: AsyncGenerator[None, None]) -> None:
    """End a parked closer whose entry was already removed: it awaits nothing, so no loop is needed."""
    try:
        closer.aclose().send(None)
    except StopIteration:
        pass


def _after_fork_in_child() -> None:
    for pool in list(_POOLS):
        pool._forget_parent()  # noqa: SLF001 - this module's own class


if hasattr(os, "register_at_fork"):  # POSIX; a module-level function, so no pool is kept alive by it
    os.register_at_fork(after_in_child=_after_fork_in_child)
