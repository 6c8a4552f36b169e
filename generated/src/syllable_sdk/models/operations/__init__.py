"""Request models: the parameters of each operation, validated before anything is sent.

Each lives in its own module and is imported on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._requests.sessions_generate_session_recording_urls import (
        GenerateSessionRecordingUrlsRequest as GenerateSessionRecordingUrlsRequest,
    )
    from ._requests.sessions_get_by_id import SessionGetByIdRequest as SessionGetByIdRequest
    from ._requests.sessions_list import SessionsListRequest as SessionsListRequest
    from ._requests.sessions_session_recording_stream import (
        SessionRecordingStreamRequest as SessionRecordingStreamRequest,
    )

    pass

_MODULES: dict[str, str] = {
    "SessionsListRequest": "sessions_list",
    "SessionGetByIdRequest": "sessions_get_by_id",
    "GenerateSessionRecordingUrlsRequest": "sessions_generate_session_recording_urls",
    "SessionRecordingStreamRequest": "sessions_session_recording_stream",
}

# Spelled out, not computed: see models/components.
__all__: list[str] = [
    "GenerateSessionRecordingUrlsRequest",
    "SessionGetByIdRequest",
    "SessionRecordingStreamRequest",
    "SessionsListRequest",
]


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"._requests.{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return __all__
