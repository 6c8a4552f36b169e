"""Standalone functions: one per operation, taking a ``SyllableSDKCore`` and returning a ``Result``.

Each lives in its own module and is imported on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .sessions_generate_session_recording_urls import (
        sessions_generate_session_recording_urls as sessions_generate_session_recording_urls,
    )
    from .sessions_generate_session_recording_urls import (
        sessions_generate_session_recording_urls_async as sessions_generate_session_recording_urls_async,
    )
    from .sessions_get_by_id import sessions_get_by_id as sessions_get_by_id
    from .sessions_get_by_id import sessions_get_by_id_async as sessions_get_by_id_async
    from .sessions_list import sessions_list as sessions_list
    from .sessions_list import sessions_list_async as sessions_list_async
    from .sessions_session_recording_stream import (
        sessions_session_recording_stream as sessions_session_recording_stream,
    )
    from .sessions_session_recording_stream import (
        sessions_session_recording_stream_async as sessions_session_recording_stream_async,
    )

_MODULES = {
    "sessions_list": "sessions_list",
    "sessions_list_async": "sessions_list",
    "sessions_get_by_id": "sessions_get_by_id",
    "sessions_get_by_id_async": "sessions_get_by_id",
    "sessions_generate_session_recording_urls": "sessions_generate_session_recording_urls",
    "sessions_generate_session_recording_urls_async": "sessions_generate_session_recording_urls",
    "sessions_session_recording_stream": "sessions_session_recording_stream",
    "sessions_session_recording_stream_async": "sessions_session_recording_stream",
}

__all__ = sorted(_MODULES)


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)


def __dir__() -> list[str]:
    return __all__
