"""An operation's request body -> its keyword ``Parameter`` and how it is encoded (``RequestBody``).

A body declared with several media types: every one can be sent, the caller picks with a keyword.

``application/json`` (or the first ``+json``) is the default, then multipart, then form, then the rest by name
(the order ``_ranked_media`` ranks them in). The keyword is ``content_type`` (``content_type_2`` when
a parameter already has that name), typed as the ``Literal`` of the declared media types; the body parameter's
type is the union of what each media type takes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from generator import naming
from generator.context import Context
from generator.errors import Problem
from generator.ir import Parameter, PyType, RequestBody
from generator.pointers import escape
from generator.pytypes import NONE, _file_type, _union, _unwrap, deref, py_type

_OPTIONS = {"self", "retries", "server_url", "timeout_ms", "http_headers", "client", "request", "body"}
BodyKind = Literal["json", "multipart", "form", "binary", "text"]


@dataclass(frozen=True)
class MediaChoice:
    media: tuple[tuple[str, BodyKind], ...]  # (content type, how it is encoded), the default first
    param: str  # the keyword that picks one
    types: tuple[PyType, ...]  # what the body takes for each, same order


def media_choice(
    ranked: list[str], taken: set[str], kind_and_type: Callable[[str], tuple[BodyKind, PyType]]
) -> MediaChoice:
    """Every declared media type of a body (``ranked``: the default first), how each is encoded, and the name of
    the keyword that picks one (not among ``taken``, the operation's parameter names)."""
    pairs = [(media, *kind_and_type(media)) for media in ranked]
    param = naming.unique("content_type", set(taken) | _OPTIONS)
    return MediaChoice(tuple((m, k) for m, k, _ in pairs), param, tuple(t for _, _, t in pairs))


def request_body(
    ctx: Context, op: dict[str, Any], pointer: str, taken: set[str]
) -> tuple[Parameter, RequestBody] | None:
    """The request body as a keyword parameter, and how to encode it."""
    raw = op.get("requestBody")
    if raw is None:
        return None
    here = f"{pointer}/requestBody"
    body = deref(ctx, raw)
    content = body.get("content") or {} if isinstance(body, dict) else {}
    if not content:
        ctx.warnings.append(Problem(here, "a request body without content is left out", level="warning"))
        return None
    media = _pick_body_media(content)
    choice = media_choice(_ranked_media(content), taken, lambda m: body_media(ctx, content, m, here))
    kind, type_ = choice.media[0][1], _union(list(choice.types))  # several media types: any of their types
    required = body.get("required") is True
    if not required:
        type_ = _union([type_, NONE])
    name = naming.unique("body", taken)
    param = Parameter(
        name=name,
        wire_name="body",
        location="body",
        type=type_,
        required=required,
        default=None if required else "None",
        description=str(body.get("description", "")).strip() or f"The request body ({media}).",
        example=None,
        explode=False,
        deprecated=False,
    )
    many = choice.media if len(choice.media) > 1 else ()
    return param, RequestBody(name, kind, media, many, choice.param if many else "")


def body_media(ctx: Context, content: dict[str, Any], media: str, here: str) -> tuple[BodyKind, PyType]:
    """How a body of one media type is encoded, and what the body parameter takes for it."""
    kind = _body_kind(media, deref(ctx, (content[media] or {}).get("schema", {})))
    where = f"{here}/content/{escape(media)}/schema"
    schema = (content[media] or {}).get("schema", {})
    if kind == "binary":
        type_: PyType = PyType("builtin", "bytes")
    elif kind == "text":
        type_ = PyType("builtin", "str")
    else:
        type_ = py_type(ctx, schema, where)
    if kind == "multipart":
        type_ = _file_type(type_)  # its model's binary fields are typed so too (``hoist``)
    if kind in ("multipart", "form") and _unwrap(type_).kind not in ("model", "dict", "any"):
        ctx.warnings.append(
            Problem(where, f"a {media} body that is not an object is sent as one field", level="warning")
        )
    return kind, type_


def _pick_body_media(content: dict[str, Any]) -> str:
    return _ranked_media(content)[0]


def _ranked_media(content: dict[str, Any]) -> list[str]:
    return sorted(
        content,
        key=lambda m: (
            0
            if _is_json(m)
            else 1
            if m.startswith("multipart/")
            else 2
            if m == "application/x-www-form-urlencoded"
            else 3,
            m,
        ),
    )


def _body_kind(media: str, schema: Any) -> Literal["json", "multipart", "form", "binary", "text"]:
    base = media.split(";")[0].strip().lower()
    if _is_json(base):
        return "json"
    if base.startswith("multipart/"):
        return "multipart"
    if base == "application/x-www-form-urlencoded":
        return "form"
    if base.startswith("text/") and not (isinstance(schema, dict) and schema.get("format") == "binary"):
        return "text"
    return "binary"


def _is_json(media: str) -> bool:
    media = media.split(";")[0].strip().lower()
    return media == "application/json" or media.endswith("+json")
