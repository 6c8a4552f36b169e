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
    _scalar_enum(schema)
    _empty_all_of(schema)
    _all_of_union(schema)
    if "$ref" in schema or (schema.get("type") == "object" and "properties" not in schema and _refs_only(schema)):
        schema.pop("type", None)  # beside a union of references: restates the members (Speakeasy's ExampleVehicle)
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


def _scalar_enum(schema: dict[str, Any]) -> None:
    """An enum without a string or integer value (``[null]``, ``[true, false]``, ``[1.5, 2.5]``) is no enum class to
    the models (only strings and integers are): the library would invent one. It is restated as the type of its
    values (``null``, ``boolean``, ``number``); the values themselves are then not checked by the client."""
    values = schema.get("enum")
    if not isinstance(values, list) or not values or "$ref" in schema:
        return
    if any(isinstance(v, (str, int)) and not isinstance(v, bool) for v in values):
        return
    kinds = {
        "null" if v is None else "boolean" if isinstance(v, bool) else "number" if isinstance(v, float) else ""
        for v in values
    }
    if "" in kinds:  # an enum of objects or lists: left as it is
        return
    del schema["enum"]
    types = sorted(kinds)
    schema["type"] = types[0] if len(types) == 1 else types


def _refs_only(schema: dict[str, Any]) -> bool:
    """A ``oneOf``/``anyOf`` of references and nothing else."""
    members = schema.get("oneOf", schema.get("anyOf"))
    return (
        isinstance(members, list) and bool(members) and all(isinstance(m, dict) and set(m) == {"$ref"} for m in members)
    )


_NOTHING_KEYS = frozenset({"type", "description", "title"})


def _empty_all_of(schema: dict[str, Any]) -> None:
    """An ``allOf`` of inline parts that say nothing but ``type: object`` (and descriptions, extensions) is a
    free-form object; the library would make a class of no properties no name was decided for."""
    parts = schema.get("allOf")
    if not isinstance(parts, list) or not parts or "properties" in schema:
        return
    if all(
        isinstance(p, dict)
        and all(k in _NOTHING_KEYS or str(k).startswith("x-") for k in p)
        and p.get("type", "object") == "object"
        for p in parts
    ):
        del schema["allOf"]
        schema.setdefault("type", "object")


# What an ``allOf`` part holding a union may say beside it, and still be only that union.
_UNION_PART_KEYS = frozenset({"oneOf", "anyOf", "description", "title", "type"})


def _all_of_union(schema: dict[str, Any]) -> None:
    """``allOf: [Base, {oneOf: [A, B]}]`` is ``oneOf: [allOf: [Base, A], allOf: [Base, B]]`` (A and (B or C) is
    (A and B) or (A and C)): said so, each option is one class named here; as it stands, the library makes a
    class per option and names them itself. Only one union part is distributed (two would multiply the classes);
    a discriminator of the union is dropped, as its mapping names the options before they were combined."""
    parts = schema.get("allOf")
    if not isinstance(parts, list) or "oneOf" in schema or "anyOf" in schema:
        return
    unions = [p for p in parts if isinstance(p, dict) and "$ref" not in p and ("oneOf" in p or "anyOf" in p)]
    if len(unions) != 1:
        return
    part = unions[0]
    kind = "oneOf" if "oneOf" in part else "anyOf"
    members = part.get(kind)
    if not isinstance(members, list) or not members or "oneOf" in part and "anyOf" in part:
        return
    if not all(str(k) in _UNION_PART_KEYS or str(k).startswith("x-") or k == "discriminator" for k in part):
        return
    rest = [p for p in parts if p is not part]
    if isinstance(schema.get("properties"), dict):  # the schema's own properties go with every option
        own = {"type": "object", "properties": schema.pop("properties")}
        if isinstance(schema.get("required"), list):
            own["required"] = schema.pop("required")
        rest.append(own)
    del schema["allOf"]
    schema[kind] = [{"allOf": [*copy.deepcopy(rest), member]} for member in members]


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
