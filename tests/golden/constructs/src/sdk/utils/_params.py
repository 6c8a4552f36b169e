"""Parameters on the wire in OpenAPI's styles, for every parameter that is not a plain value in its location's default.

The generator decided each parameter's style, ``explode`` and ``allowReserved`` (``Param``); these functions
only apply them. Path values come back percent-encoded (``/``, ``?`` and ``#`` can never appear unencoded, so a
value cannot change the endpoint), query pairs percent-encoded (``Encoded``), header values as text, cookies as
``name=value`` pieces. Values: a primitive as its text (``true``/``false``, an enum member's value, ISO dates),
an array item by item, an object (a mapping, or a pydantic model dumped by alias without its ``None`` fields)
field by field; an array or object nested inside one is sent as JSON text (the generator warned of it).
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pydantic
import pydantic_core

if TYPE_CHECKING:
    from ._http import Param


class Encoded(str):
    """A query value already percent-encoded, with its name: a ``(name, Encoded(value))`` pair is sent as it is."""

    __slots__ = ()


def scalar(value: Any) -> str:
    """A primitive as text: ``true``/``false``, an enum member's value, an ISO date; anything nested as JSON text."""
    if type(value) is str:
        return value
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, (list, tuple, Mapping, pydantic.BaseModel)):
        return pydantic_core.to_json(_plain(value)).decode("utf-8")
    return str(value)


def _plain(value: Any) -> Any:
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_none=True)
    if isinstance(value, Mapping):
        return {scalar(k): _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _shape(value: Any) -> tuple[str, Any]:
    """("primitive", text), ("array", [text, ...]) or ("object", [(key, text), ...])."""
    if isinstance(value, pydantic.BaseModel):
        value = value.model_dump(mode="json", by_alias=True, exclude_none=True)
    if isinstance(value, Mapping):
        return "object", [(scalar(k), scalar(v)) for k, v in value.items() if v is not None]
    if isinstance(value, (list, tuple)):
        return "array", [scalar(v) for v in value if v is not None]
    return "primitive", scalar(value)


def _enc(text: str) -> str:
    """Everything but RFC 3986's unreserved characters percent-encoded (a space as ``%20``)."""
    return quote(text, safe="")


_TRIPLE = re.compile(r"(%[0-9A-Fa-f]{2})")
# RFC 3986's reserved characters that may stand in a query value; "#", "&", "=", "+", "[" and "]" would end or
# split it, or be read as a space, so they stay encoded
_RESERVED_SAFE = ":/?@!$'()*,;"


def _enc_reserved(text: str) -> str:
    """``allowReserved``: reserved characters and percent-encoded triples kept as they are."""
    return "".join(
        part if _TRIPLE.fullmatch(part) else quote(part, safe=_RESERVED_SAFE) for part in _TRIPLE.split(text)
    )


def query_string(query: list[tuple[str, Any]]) -> str:
    """The query, percent-encoded: plain pairs here, ``Encoded`` ones as they are."""
    return "&".join(
        f"{name}={value}" if type(value) is Encoded else f"{_enc(name)}={_enc(value)}" for name, value in query
    )


def path_value(param: Param, value: Any) -> str:
    """The path segment for ``value`` in style simple, label (``.blue``) or matrix (``;color=blue``), encoded."""
    kind, data = _shape(value)
    style, name = param.style, _enc(param.wire)
    lead = "." if style == "label" else ""
    if kind == "primitive":
        text = _enc(data)
        if style == "matrix":
            return f";{name}={text}" if text else f";{name}"
        return lead + text
    if not data:
        return ""  # an empty array or object is undefined (RFC 6570): no value, refused as an empty segment
    if kind == "array":
        items = [_enc(item) for item in data]
        if style == "matrix":
            return "".join(f";{name}={item}" for item in items) if param.explode else f";{name}=" + ",".join(items)
        return lead + ("." if style == "label" and param.explode else ",").join(items)
    pairs = [(_enc(k), _enc(v)) for k, v in data]
    if param.explode:
        if style == "matrix":
            return "".join(f";{k}={v}" for k, v in pairs)
        return lead + ("." if style == "label" else ",").join(f"{k}={v}" for k, v in pairs)
    flat = ",".join(f"{k},{v}" for k, v in pairs)
    return f";{name}={flat}" if style == "matrix" else lead + flat


_DELIMITERS = {"spaceDelimited": "%20", "pipeDelimited": "%7C"}


def query_pairs(param: Param, value: Any) -> list[tuple[str, Any]]:
    """The query pairs for ``value`` in style form, spaceDelimited, pipeDelimited or deepObject, encoded."""
    kind, data = _shape(value)
    enc = _enc_reserved if param.reserved else _enc
    name = _enc(param.wire)
    if kind == "primitive":
        return [(name, Encoded(enc(data)))]
    if param.style == "deepObject" and kind == "object":
        return [(_enc(f"{param.wire}[{k}]"), Encoded(enc(v))) for k, v in data]
    if param.explode or param.style == "deepObject":
        if kind == "object":
            return [(_enc(k), Encoded(enc(v))) for k, v in data]
        return [(name, Encoded(enc(item))) for item in data]
    if not data:
        return []  # an empty array or object is undefined (RFC 6570): nothing is sent
    flat = [text for pair in data for text in pair] if kind == "object" else data
    return [(name, Encoded(_DELIMITERS.get(param.style, ",").join(map(enc, flat))))]


def header_value(param: Param, value: Any) -> str | None:
    """The header value for ``value`` in style simple (``blue,black,brown``, ``R=100,G=200``); None: no header."""
    kind, data = _shape(value)
    if kind == "primitive":
        return str(data)
    if not data:
        return None
    if kind == "array":
        return ",".join(data)
    return ",".join(f"{k}={v}" if param.explode else f"{k},{v}" for k, v in data)


def cookie_pieces(param: Param, value: Any) -> list[str]:
    """The ``name=value`` pieces of the Cookie header for ``value`` in style form, encoded.

    Exploded, an array is one piece per item (``color=blue; color=black``) and an object one per field
    (``R=100; G=200``); not exploded, one piece (``color=blue,black,brown``, ``color=R,100,G,200``).
    """
    kind, data = _shape(value)
    name = _enc(param.wire)
    if kind == "primitive":
        return [f"{name}={_enc(data)}"]
    if kind == "array":
        items = [_enc(item) for item in data]
        return (
            [f"{name}={item}" for item in items] if param.explode else [f"{name}=" + ",".join(items)] if items else []
        )
    pairs = [(_enc(k), _enc(v)) for k, v in data]
    if param.explode:
        return [f"{k}={v}" for k, v in pairs]
    return [f"{name}=" + ",".join(f"{k},{v}" for k, v in pairs)] if pairs else []


def add_cookies(headers: dict[str, str], pieces: list[str]) -> None:
    """Add ``pieces`` to the request's Cookie header, after any cookie already configured."""
    if not pieces:
        return
    key = next((k for k in headers if k.lower() == "cookie"), "cookie")
    before = headers.get(key)
    headers[key] = "; ".join([before, *pieces] if before else pieces)
