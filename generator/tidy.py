"""Schema keys that say nothing, or say it where the model library would read it otherwise, restated before
``hoist`` names the classes: each of these made the library invent a class no name was decided for."""

from __future__ import annotations

import copy
from typing import Any


def tidy(schema: dict[str, Any]) -> None:
    """Drop keys that say nothing but would make the library invent a class: a ``type`` beside a ``$ref`` (it
    restates the target; OpenAPI 3.0 ignores a ``$ref``'s siblings), ``items`` of an object, ``properties`` of an
    array (JSON Schema applies each to its own type only), a union of an object's that only says which of its
    properties are required (GitHub's ``anyOf: [{required: [a]}, {required: [b]}]``): each is a class otherwise."""
    if "$ref" in schema:
        schema.pop("type", None)
    elif schema.get("type") == "object":
        schema.pop("items", None)
    elif schema.get("type") == "array":
        schema.pop("properties", None)
    for union in ("anyOf", "oneOf"):
        members = schema.get(union)
        if isinstance(schema.get("properties"), dict) and isinstance(members, list) and all(map(_rule, members)):
            del schema[union]
        elif isinstance(schema.get("properties"), dict) and isinstance(members, list) and all(map(_part, members)):
            _distribute(schema, members)


def _part(member: Any) -> bool:
    """An inline object member of a union beside properties."""
    return isinstance(member, dict) and "$ref" not in member and isinstance(member.get("properties"), dict)


def _distribute(schema: dict[str, Any], members: list[dict[str, Any]]) -> None:
    """Properties beside a union of objects belong to each option (the library makes each one a class of both
    and the union a root model): say so, so that each option is a class named here."""
    props, required = schema.pop("properties"), schema.pop("required", [])
    for member in members:
        member["properties"] = copy.deepcopy(props) | member["properties"]
        if isinstance(required, list) and required:
            member["required"] = [*required, *(r for r in member.get("required") or [] if r not in required)]
        member.setdefault("type", "object")


# What a union member may say and still be only a rule about the object's own properties.
_RULE_KEYS = frozenset({"required", "minProperties", "maxProperties", "description", "title"})


def _rule(member: Any) -> bool:
    return (
        isinstance(member, dict) and set(member) <= _RULE_KEYS | {"type"} and member.get("type", "object") == "object"
    )
