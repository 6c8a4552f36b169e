"""How each parameter goes on the wire, decided once at generation time: OpenAPI's style table.

A parameter's location, ``style``, ``explode`` and ``allowReserved`` and the kind of value its schema holds
(primitive, array, object, or ``any`` when the schema does not say) become ``Serialization``; the IR's
``Parameter`` carries it, the operation code hands it to the runtime (``utils/_params.py``), and
``generator/samples.py`` predicts the same wire form for the generated tests. A combination OpenAPI leaves
undefined, or one the client does not serialise, is a warning here with its JSON pointer (and what is sent
instead), never a Python repr at run time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote

from generator.errors import Problem
from generator.ir import Parameter

Kind = Literal["primitive", "array", "object", "any"]

DEFAULT_STYLE = {"path": "simple", "query": "form", "header": "simple", "cookie": "form"}
STYLES = {
    "path": ("simple", "label", "matrix"),
    "query": ("form", "spaceDelimited", "pipeDelimited", "deepObject"),
    "header": ("simple",),
    "cookie": ("form",),
}
_ALL_STYLES = frozenset(s for styles in STYLES.values() for s in styles)
_MAX_DEPTH = 32  # allOf/oneOf chains deeper than this are "any"


@dataclass(frozen=True)
class Serialization:
    style: str
    explode: bool
    allow_reserved: bool
    kind: Kind
    # through the runtime serializer; False: the plain fast path (a primitive in its location's default style)
    styled: bool


def decide(
    param: dict[str, Any], location: str, deref: Callable[[Any], Any], here: str, warnings: list[Problem]
) -> Serialization:
    """``param`` (an OpenAPI parameter object, ``in`` = ``location``) as it is sent; problems go to ``warnings``."""
    default = DEFAULT_STYLE[location]
    if "content" in param and "schema" not in param:  # typed Any: one value, a structured one as JSON text
        return Serialization(default, default == "form", False, "any", location == "cookie")
    style = param.get("style", default)
    kind = schema_kind(param.get("schema") if "schema" in param else None, deref)
    if not isinstance(style, str) or style not in _ALL_STYLES:
        warnings.append(
            Problem(
                f"{here}/style",
                f"parameter style {style!r} is not defined by OpenAPI; it is sent as style {default!r}",
                level="warning",
            )
        )
        style = default
    elif style not in STYLES[location]:
        allowed = ", ".join(STYLES[location])
        message = (
            f"parameter style {style!r} is not allowed in {location} (only {allowed}); it is sent as style {default!r}"
        )
        warnings.append(Problem(f"{here}/style", message, level="warning"))
        style = default
    explode_value = param.get("explode")
    explode = explode_value if isinstance(explode_value, bool) else style == "form"
    if style == "deepObject" and kind in ("primitive", "array"):
        warnings.append(
            Problem(
                f"{here}/style",
                f"style 'deepObject' needs an object, not an {kind}; it is sent as style 'form'",
                level="warning",
            )
        )
        style, explode = "form", True
    elif style == "deepObject":
        explode = True  # the one form OpenAPI defines for it, whatever the spec says
    elif style in ("spaceDelimited", "pipeDelimited") and explode and kind != "primitive":
        warnings.append(
            Problem(
                f"{here}/explode",
                f"explode: true is undefined for style {style!r}; it is sent as style 'form' exploded",
                level="warning",
            )
        )
        style = "form"
    elif style in ("spaceDelimited", "pipeDelimited") and kind == "primitive":
        style = "form"  # the same single value either way
    if kind in ("array", "object") and _nested(param.get("schema"), deref):
        warnings.append(
            Problem(
                f"{here}/schema",
                f"an {kind} holding arrays or objects has no serialisation in style {style!r}; those items are sent as JSON text",
                level="warning",
            )
        )
    allow_reserved = param.get("allowReserved") is True
    if allow_reserved and location != "query":
        warnings.append(
            Problem(
                f"{here}/allowReserved",
                "allowReserved applies only to query parameters; it is ignored",
                level="warning",
            )
        )
        allow_reserved = False
    styled = location == "cookie" or kind != "primitive" or style != default or allow_reserved
    return Serialization(style, explode, allow_reserved, kind, styled)


def schema_kind(schema: Any, deref: Callable[[Any], Any], depth: int = 0) -> Kind:
    """What a parameter's schema holds, as OpenAPI's style table sees it; ``any`` when it does not say."""
    schema = deref(schema)
    if not isinstance(schema, dict) or depth > _MAX_DEPTH:
        return "any"
    declared = schema.get("type")
    types = [declared] if isinstance(declared, str) else declared if isinstance(declared, list) else []
    kinds = {_TYPE_KINDS.get(t, "any") if isinstance(t, str) else "any" for t in types if t != "null"}
    if not kinds:
        if "enum" in schema or "const" in schema:
            kinds = {"primitive"}
        elif "properties" in schema or "additionalProperties" in schema:
            kinds = {"object"}
        elif "items" in schema:
            kinds = {"array"}
    for key in ("allOf", "oneOf", "anyOf"):
        members = schema.get(key)
        if isinstance(members, list):
            kinds |= {schema_kind(m, deref, depth + 1) for m in members if not _is_null(deref(m))}
    if len(kinds) != 1:
        return "any"
    return kinds.pop()


_TYPE_KINDS: dict[str, Kind] = {
    "string": "primitive",
    "integer": "primitive",
    "number": "primitive",
    "boolean": "primitive",
    "array": "array",
    "object": "object",
}


def _is_null(schema: Any) -> bool:
    return isinstance(schema, dict) and (schema.get("type") == "null" or schema.get("enum") == [None])


def _nested(schema: Any, deref: Callable[[Any], Any]) -> bool:
    """An array's items or an object's properties are arrays or objects themselves."""
    schema = deref(schema)
    if not isinstance(schema, dict):
        return False
    lists = [schema.get(key) for key in ("allOf", "oneOf", "anyOf")]
    members = [schema, *(deref(m) for found in lists if isinstance(found, list) for m in found)]
    inner: list[Any] = []
    for member in members:
        if not isinstance(member, dict):
            continue
        if isinstance(member.get("items"), dict):
            inner.append(member["items"])
        properties = member.get("properties")
        if isinstance(properties, dict):
            inner.extend(properties.values())
        if isinstance(member.get("additionalProperties"), dict):
            inner.append(member["additionalProperties"])
    return any(schema_kind(s, deref) in ("array", "object") for s in inner)


# -- the wire form, predicted for the generated tests (generator/samples.py) ---------------------------------
# ``data`` is a value already as text: a primitive's text, an array's items, or an object's (key, text) fields.

Data = str | list[str] | list[tuple[str, str]]
_TRIPLE = re.compile(r"(%[0-9A-Fa-f]{2})")


def _enc(text: str, reserved: bool = False) -> str:
    if reserved:
        return "".join(p if _TRIPLE.fullmatch(p) else quote(p, safe=":/?@!$'()*,;") for p in _TRIPLE.split(text))
    return quote(text, safe="")


def path_text(p: Parameter, data: Data) -> str:
    """The path segment for ``data``: simple ``blue``, label ``.blue``, matrix ``;color=blue``."""
    name, lead = _enc(p.wire_name), "." if p.style == "label" else ""
    if isinstance(data, str):
        text = _enc(data)
        return (f";{name}={text}" if text else f";{name}") if p.style == "matrix" else lead + text
    if not data:
        return ""
    if _is_array(data):
        items = [_enc(i) for i in _items(data)]
        if p.style == "matrix":
            return "".join(f";{name}={i}" for i in items) if p.explode else f";{name}=" + ",".join(items)
        return lead + ("." if p.style == "label" and p.explode else ",").join(items)
    pairs = [(_enc(k), _enc(v)) for k, v in _fields(data)]
    if p.explode:
        sep = ";" if p.style == "matrix" else "." if p.style == "label" else ","
        return (";" if p.style == "matrix" else lead) + sep.join(f"{k}={v}" for k, v in pairs)
    flat = ",".join(f"{k},{v}" for k, v in pairs)
    return f";{name}={flat}" if p.style == "matrix" else lead + flat


def query_pairs(p: Parameter, data: Data) -> list[tuple[str, str]]:
    """(name, value) pairs of the query for ``data``, both percent-encoded as sent."""
    name = _enc(p.wire_name)
    if isinstance(data, str):
        return [(name, _enc(data, p.allow_reserved))]
    if p.style == "deepObject" and not _is_array(data):
        return [(_enc(f"{p.wire_name}[{k}]"), _enc(v, p.allow_reserved)) for k, v in _fields(data)]
    if p.explode or p.style == "deepObject":
        if _is_array(data):
            return [(name, _enc(i, p.allow_reserved)) for i in _items(data)]
        return [(_enc(k), _enc(v, p.allow_reserved)) for k, v in _fields(data)]
    if not data:
        return []
    flat = _items(data) if _is_array(data) else [t for pair in _fields(data) for t in pair]
    sep = {"spaceDelimited": "%20", "pipeDelimited": "%7C"}.get(p.style, ",")
    return [(name, sep.join(_enc(t, p.allow_reserved) for t in flat))]


def header_text(p: Parameter, data: Data) -> str | None:
    """A header's value for ``data`` (style simple); None when nothing is sent."""
    if isinstance(data, str):
        return data
    if not data:
        return None
    if _is_array(data):
        return ",".join(_items(data))
    return ",".join(f"{k}={v}" if p.explode else f"{k},{v}" for k, v in _fields(data))


def cookie_pieces(p: Parameter, data: Data) -> list[str]:
    """The ``name=value`` pieces of the Cookie header for ``data`` (style form)."""
    name = _enc(p.wire_name)
    if isinstance(data, str):
        return [f"{name}={_enc(data)}"]
    if not data:
        return []
    if _is_array(data):
        items = [_enc(i) for i in _items(data)]
        return [f"{name}={i}" for i in items] if p.explode else [f"{name}=" + ",".join(items)]
    pairs = [(_enc(k), _enc(v)) for k, v in _fields(data)]
    return [f"{k}={v}" for k, v in pairs] if p.explode else [f"{name}=" + ",".join(f"{k},{v}" for k, v in pairs)]


def _is_array(data: list[str] | list[tuple[str, str]]) -> bool:
    return bool(data) and isinstance(data[0], str)


def _items(data: list[str] | list[tuple[str, str]]) -> list[str]:
    return [item for item in data if isinstance(item, str)]


def _fields(data: list[str] | list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [item for item in data if isinstance(item, tuple)]
