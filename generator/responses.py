"""A response of the spec -> its ``Response`` (json, events, text, stream or empty), and what a call returns."""

from __future__ import annotations

from typing import Any

from generator import error_models
from generator.bodies import _is_json
from generator.context import Context
from generator.errors import Problem
from generator.events import event_media, event_response
from generator.ir import ErrorModel, PyType, Response
from generator.pointers import escape
from generator.pytypes import NONE, _union, deref, py_type


def response(ctx: Context, status: str, raw: Any, pointer: str, error_classes: dict[str, ErrorModel]) -> Response:
    response = deref(ctx, raw)
    description = str(response.get("description", "")).strip()
    content = response.get("content") or {}
    if not content:
        return Response(status, "empty", "", None, description, None)
    media = next((m for m in content if _is_json(m)), None)
    if media is not None:
        schema = (content[media] or {}).get("schema", {})
        type_ = py_type(ctx, schema, f"{pointer}/content/{escape(media)}/schema")
        # an enum component is a class too, but no pydantic model: it has no model_validate_json
        model = type_.kind == "model" and type_.name not in ctx.models.members
        error_class = None
        if not status.startswith("2") and model:
            error_class = error_models.error_class(ctx, type_.name, error_classes)
        return Response(status, "json", media, type_, description, error_class, model)
    events = event_media(content)  # server-sent events: generator/events.py
    if events is not None:
        return event_response(ctx, status, events, content[events], pointer, description)
    media = sorted(content)[0]
    schema = deref(ctx, (content[media] or {}).get("schema", {}))
    if media.startswith("text/") and schema.get("format") != "binary":
        return Response(status, "text", media, PyType("builtin", "str"), description, None)
    return Response(status, "stream", media, None, description, None)


def success(ctx: Context, responses: list[Response], pointer: str) -> tuple[Response, tuple[Response, ...]]:
    """What a call returns, and the 2XX responses to parse by status when they differ."""
    if not responses:
        return Response("2XX", "empty", "", None, "", None), ()
    first = responses[0]
    if all((r.kind, r.type) == (first.kind, first.type) for r in responses[1:]):
        return first, ()
    statuses = ", ".join(r.status for r in responses)
    if any(r.kind in ("stream", "events") for r in responses):
        ctx.warnings.append(
            Problem(
                pointer,
                f"success responses {statuses} differ and one is a binary stream; "
                f"every 2XX response is read as the {first.status} one ({first.kind})",
                level="warning",
            )
        )
        return first, ()
    union = Response(
        "2XX",
        "json" if any(r.kind == "json" for r in responses) else "text",
        ", ".join(dict.fromkeys(r.content_type for r in responses if r.content_type)),
        _union([r.type if r.type is not None else NONE for r in responses]),
        "; ".join(f"{r.status}: {r.description}" if r.description else r.status for r in responses),
        None,
    )
    return union, tuple(responses)
