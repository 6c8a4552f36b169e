"""Which schemas datamodel-code-generator makes a class of, and which union members and array items it makes one of
in a component: what ``hoist`` names, told the way the library decides it."""

from __future__ import annotations

from typing import Any


def makes_class(schema: Any) -> bool:
    """An object schema with properties (its own or an inline ``allOf`` part's, which the library merges into
    one class), or an enum of strings or integers."""
    if not isinstance(schema, dict) or "$ref" in schema:
        return False
    props = schema.get("properties")
    parts = schema.get("allOf")
    return (
        (isinstance(props, dict) and bool(props))
        or enum_values(schema) is not None
        or (isinstance(parts, list) and _merged(parts) and not any(map(_union, parts)))
    )


def _merged(parts: list[Any]) -> bool:
    """``allOf`` parts the library merges into a class: one that makes a class, or several objects (by reference:
    ``allOf: [A, B]`` is a class of both)."""
    objects = [p for p in parts if isinstance(p, dict) and ("$ref" in p or makes_class(p))]
    return any(makes_class(p) for p in parts) or len(objects) >= 2


def _union(schema: Any) -> bool:
    """A schema with ``anyOf``/``oneOf``: as an ``allOf`` part, the library makes a class per option, not one."""
    return isinstance(schema, dict) and ("anyOf" in schema or "oneOf" in schema)


# Constraints a field's Annotated type cannot state for one member of a union: such a member is a class of its own.
_CONSTRAINTS = frozenset(
    {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "pattern"}
    | {"minItems", "maxItems"}  # misplaced on a scalar (GitHub's emails items), still a constraint to the library
)


def constrained(schema: Any) -> bool:
    """A scalar schema with constraints (``{"type": "integer", "minimum": 1}``)."""
    return (
        isinstance(schema, dict)
        and "$ref" not in schema
        and schema.get("type") in ("string", "integer", "number")
        and not _CONSTRAINTS.isdisjoint(schema)
        and not makes_class(schema)
    )


def is_const(schema: Any) -> bool:
    """A ``const`` string or integer: in a union, the library makes it an enum."""
    if not isinstance(schema, dict) or "$ref" in schema or "const" not in schema:
        return False
    return isinstance(schema["const"], (str, int)) and not isinstance(schema["const"], bool)


def enum_values(schema: dict[str, Any]) -> list[Any] | None:
    values = schema.get("enum")
    if not isinstance(values, list) or not values or not {"properties", "anyOf", "oneOf"}.isdisjoint(schema):
        return None  # beside a union, the library types the union (GitHub's pages source)
    return values if any(isinstance(v, (str, int)) and not isinstance(v, bool) for v in values) else None
