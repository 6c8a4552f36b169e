"""Public helpers: retry settings, hooks, the Result type of the standalone functions, raw responses, pagers and
server-sent event streams."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .hooks import HookContext, Hooks
from .result import Err, Ok, Result
from .retries import BackoffStrategy, RetryConfig

if TYPE_CHECKING:
    from ._events import AsyncEventStream, EventStream, ServerSentEvent
    from ._pagination import AsyncPager, Pager
    from ._raw import RawResponse

# for annotations; loaded on first use, since they bring in the request pipeline
_LAZY = {
    "AsyncEventStream": "._events",
    "AsyncPager": "._pagination",
    "EventStream": "._events",
    "Pager": "._pagination",
    "RawResponse": "._raw",
    "ServerSentEvent": "._events",
}

__all__ = [
    "AsyncEventStream",
    "AsyncPager",
    "BackoffStrategy",
    "Err",
    "EventStream",
    "HookContext",
    "Hooks",
    "Ok",
    "Pager",
    "RawResponse",
    "Result",
    "RetryConfig",
    "ServerSentEvent",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value
