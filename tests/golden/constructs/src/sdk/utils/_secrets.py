"""The credentials live clients hold, so that every text the SDK makes or forwards is redacted by value.

Redacting by name (a header, a query parameter) misses a key the server echoes in a body or a header,
or one sent under a name nobody listed; redacting by value does not. Each client registers its
credentials when made and they are forgotten when the last client (or copy of it) holding them is collected.
"""

from __future__ import annotations

import os
import threading
import weakref
from collections.abc import Iterable

import httpx

REDACTED = "<redacted>"
# Shorter values are redacted by name only: replacing two letters everywhere would garble every message.
_MIN_LENGTH = 4

_lock = threading.Lock()
_values: dict[str, int] = {}  # credential -> live clients holding it
_query_names: dict[str, int] = {}  # lower-cased query parameter names that carry a credential


def clean_credential(argument: str, value: str | None) -> str | None:
    """The credential without surrounding whitespace (as read from a file); None when nothing is left.

    A value that still holds control characters cannot be sent: refused with a message that names the
    argument but never shows the value.
    """
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if not value.isprintable():
        raise ValueError(f"{argument}: the credential holds control characters and cannot be sent (value not shown)")
    return value


class Registration:
    """Keeps credentials registered while it is alive; a client holds one, and copies of the client share it."""

    __slots__ = ("__weakref__",)


def register(values: Iterable[str], query_names: Iterable[str]) -> Registration:
    """Remember ``values`` (and the query names that carry them) while the returned object is alive."""
    handle = Registration()
    kept = tuple(v for v in values if len(v) >= _MIN_LENGTH)
    names = tuple(n.lower() for n in query_names)
    if kept or names:
        with _lock:
            for value in kept:
                _values[value] = _values.get(value, 0) + 1
            for name in names:
                _query_names[name] = _query_names.get(name, 0) + 1
        weakref.finalize(handle, _release, kept, names)
    return handle


def _release(values: tuple[str, ...], names: tuple[str, ...]) -> None:
    with _lock:
        for table, keys in ((_values, values), (_query_names, names)):
            for key in keys:
                left = table.get(key, 0) - 1
                if left > 0:
                    table[key] = left
                else:
                    table.pop(key, None)


def redact(text: str) -> str:
    """``text`` with every live credential replaced by ``<redacted>``."""
    if not _values:
        return text
    with _lock:
        values = sorted(_values, key=len, reverse=True)  # a key that contains another goes first
    for value in values:
        if value in text:
            text = text.replace(value, REDACTED)
    return text


def secret_query_names() -> frozenset[str]:
    """Query parameter names that carry a credential of some live client."""
    with _lock:
        return frozenset(_query_names)


class RedactingHeaders(httpx.Headers):
    """httpx's ``Headers``, whose repr also hides credentials in headers httpx does not know as secret."""

    __slots__ = ()  # no state of its own: the same object layout as ``httpx.Headers``, whatever that is

    def __repr__(self) -> str:
        return redact(super().__repr__())


def protect(request: httpx.Request) -> httpx.Request:
    """Make ``request``'s headers ones whose repr cannot show a credential (as ``error.raw_response.request.headers``).

    The headers object itself becomes a ``RedactingHeaders`` (a subclass adding no state, so Python allows
    the change of class): nothing is copied on the per-call path, and every holder of it is protected.
    """
    headers = request.headers
    if _values and type(headers) is httpx.Headers:
        headers.__class__ = RedactingHeaders
    return request


def _after_fork_in_child() -> None:
    """A fresh lock in a forked child: a parent thread holding it at the fork would block every redaction there."""
    global _lock
    _lock = threading.Lock()


if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(after_in_child=_after_fork_in_child)
