"""Models: ``components`` (API schemas), ``operations`` (request parameters) and ``errors``.

As in the official SDK, ``models.<Name>`` is also the component (or, failing that, the request model) of that
name, loaded on first use: ``models.Session is models.components.Session``.
"""

from __future__ import annotations

import importlib
import typing  # not ``from typing import Any``: a component may be called ``Any``

if typing.TYPE_CHECKING:
    from . import components, errors, operations
    from .components import OrderByDirectionLiteral as OrderByDirectionLiteral
    from .components import SessionPropertiesLiteral as SessionPropertiesLiteral
    from .components._schemas.http_validation_error import HTTPValidationError as HTTPValidationError
    from .components._schemas.list_response_session import ListResponseSession as ListResponseSession
    from .components._schemas.order_by_direction import OrderByDirection as OrderByDirection
    from .components._schemas.session import Session as Session
    from .components._schemas.session_properties import SessionProperties as SessionProperties
    from .components._schemas.session_recording_response import SessionRecordingResponse as SessionRecordingResponse
    from .components._schemas.validation_error import ValidationError as ValidationError
    from .operations._requests.sessions_generate_session_recording_urls import (
        GenerateSessionRecordingUrlsRequest as GenerateSessionRecordingUrlsRequest,
    )
    from .operations._requests.sessions_get_by_id import SessionGetByIdRequest as SessionGetByIdRequest
    from .operations._requests.sessions_list import SessionsListRequest as SessionsListRequest
    from .operations._requests.sessions_session_recording_stream import (
        SessionRecordingStreamRequest as SessionRecordingStreamRequest,
    )

__all__ = ["components", "errors", "operations"]


if not typing.TYPE_CHECKING:  # hidden from type checkers, so that a misspelt name is an error, not Any

    def __getattr__(name: str) -> typing.Any:
        if name in __all__:
            return importlib.import_module(f".{name}", __name__)
        for package in ("components", "operations"):  # the official SDK's flat names; a component wins a clash
            module = importlib.import_module(f".{package}", __name__)
            if name in module.__all__:
                value = getattr(module, name)
                globals()[name] = value  # later look-ups skip this function
                return value
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
