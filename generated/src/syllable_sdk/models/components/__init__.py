"""The API's schemas as pydantic models, one module each, imported on first use.

from syllable_sdk.models import components
components.HTTPValidationError
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

if TYPE_CHECKING:
    from ._schemas.http_validation_error import HTTPValidationError as HTTPValidationError
    from ._schemas.list_response_session import ListResponseSession as ListResponseSession
    from ._schemas.order_by_direction import OrderByDirection as OrderByDirection
    from ._schemas.session import Session as Session
    from ._schemas.session_properties import SessionProperties as SessionProperties
    from ._schemas.session_recording_response import SessionRecordingResponse as SessionRecordingResponse
    from ._schemas.validation_error import ValidationError as ValidationError

_MODULES: dict[str, str] = {
    "HTTPValidationError": "http_validation_error",
    "ListResponseSession": "list_response_session",
    "OrderByDirection": "order_by_direction",
    "Session": "session",
    "SessionProperties": "session_properties",
    "SessionRecordingResponse": "session_recording_response",
    "ValidationError": "validation_error",
}

# The known values of each enum, which parameters typed by that enum accept as plain strings under a type checker.
OrderByDirectionLiteral: TypeAlias = Literal["asc", "desc"]
SessionPropertiesLiteral: TypeAlias = Literal[
    "timestamp",
    "session_id",
    "conversation_id",
    "channel_manager_service",
    "channel_manager_type",
    "channel_manager_sid",
    "agent_type",
    "agent_id",
    "agent_name",
    "prompt_id",
    "prompt_name",
    "source",
    "target",
    "duration",
    "is_outbound",
    "is_legacy",
    "is_test",
]

# Spelled out, not computed, so that tools reading the source (type checkers, IDEs, griffe in ``sdkgen diff``)
# see what is public.
__all__: list[str] = [
    "HTTPValidationError",
    "ListResponseSession",
    "OrderByDirection",
    "OrderByDirectionLiteral",
    "Session",
    "SessionProperties",
    "SessionPropertiesLiteral",
    "SessionRecordingResponse",
    "ValidationError",
]


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"._schemas.{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return __all__
