"""Standalone functions: one per operation, taking a ``SyllableSDKCore`` and returning a ``Result``.

Each lives in its own private module (named apart from the function, so that importing the
module can never shadow the function on this package) and is imported on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._sessions_generate_session_recording_urls import (
        sessions_generate_session_recording_urls as sessions_generate_session_recording_urls,
    )
    from ._sessions_generate_session_recording_urls import (
        sessions_generate_session_recording_urls_async as sessions_generate_session_recording_urls_async,
    )
    from ._sessions_get_by_id import sessions_get_by_id as sessions_get_by_id
    from ._sessions_get_by_id import sessions_get_by_id_async as sessions_get_by_id_async
    from ._sessions_list import sessions_list as sessions_list
    from ._sessions_list import sessions_list_async as sessions_list_async
    from ._sessions_session_recording_stream import (
        sessions_session_recording_stream as sessions_session_recording_stream,
    )
    from ._sessions_session_recording_stream import (
        sessions_session_recording_stream_async as sessions_session_recording_stream_async,
    )

_MODULES = {
    "sessions_list": "_sessions_list",
    "sessions_list_async": "_sessions_list",
    "sessions_get_by_id": "_sessions_get_by_id",
    "sessions_get_by_id_async": "_sessions_get_by_id",
    "sessions_generate_session_recording_urls": "_sessions_generate_session_recording_urls",
    "sessions_generate_session_recording_urls_async": "_sessions_generate_session_recording_urls",
    "sessions_session_recording_stream": "_sessions_session_recording_stream",
    "sessions_session_recording_stream_async": "_sessions_session_recording_stream",
}

# Spelled out, not computed: see models/components.
__all__: list[str] = [
    "sessions_generate_session_recording_urls",
    "sessions_generate_session_recording_urls_async",
    "sessions_get_by_id",
    "sessions_get_by_id_async",
    "sessions_list",
    "sessions_list_async",
    "sessions_session_recording_stream",
    "sessions_session_recording_stream_async",
]


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return __all__
