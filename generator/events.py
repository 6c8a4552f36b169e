"""Server-sent event responses (``text/event-stream``): what each event's ``data`` is parsed into.

The spec describes one event's data by the media type's ``itemSchema`` (OpenAPI 3.2) or its ``schema``. An object
model is parsed from the data as JSON (``model_validate_json``); anything else is kept as the data's text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.ir import PyType, Response
from generator.pointers import escape
from generator.pytypes import py_type

if TYPE_CHECKING:
    from generator.context import Context

MEDIA = "text/event-stream"
TEXT = PyType("builtin", "str")


def is_event_stream(media: str) -> bool:
    return media.split(";")[0].strip().lower() == MEDIA


def event_media(content: dict[str, Any]) -> str | None:
    """The ``text/event-stream`` key of a response's content, if it has one."""
    return next((m for m in content if isinstance(m, str) and is_event_stream(m)), None)


def item_schema(media: Any) -> tuple[str, Any]:
    """(its key, the schema of one event's data) of a media type object: ``itemSchema`` first, then ``schema``."""
    media = media if isinstance(media, dict) else {}
    key = "itemSchema" if isinstance(media.get("itemSchema"), dict) else "schema"
    return key, media.get(key, {})


def event_response(ctx: Context, status: str, media: str, raw: Any, pointer: str, description: str) -> Response:
    """The ``events`` response of a ``text/event-stream`` media type at ``pointer`` (the response's)."""
    key, schema = item_schema(raw)
    type_ = TEXT
    if isinstance(schema, dict) and schema:
        found = py_type(ctx, schema, f"{pointer}/content/{escape(media)}/{key}")
        # an enum component is a class too, but no pydantic model: its events stay text
        if found.kind == "model" and found.name not in ctx.models.members:
            type_ = found
    return Response(status, "events", media, type_, description, None, type_.kind == "model")
