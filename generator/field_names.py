"""The field names of each class and the member names of each enum, decided (by ``naming``) once every class is a
component: the library's field inheritance through ``allOf`` followed, enum names written as ``x-enum-varnames``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator import naming
from generator.class_shapes import enum_values
from generator.pointers import SCHEMAS_REF, escape, unescape


def class_fields(schemas: dict[str, Any], classes: dict[str, str]) -> dict[str, dict[str, str]]:
    """Each class's properties (its own, its inline ``allOf`` parts' and, under the names they have there, those of
    the classes its ``allOf`` refers to: the library restates an inherited field it makes required or narrows)
    -> field names."""
    out: dict[str, dict[str, str]] = {}
    busy: set[str] = set()

    def of(key: str) -> dict[str, str]:
        cls = classes[SCHEMAS_REF + escape(key)]
        if cls in out or key in busy:
            return out.get(cls, {})
        busy.add(key)
        schema = schemas[key]
        parts = list(_parts(schema))
        inherited: dict[str, str] = {}
        for part in parts:
            ref = part.get("$ref")
            if isinstance(ref, str) and ref.startswith(SCHEMAS_REF) and isinstance(schemas.get(_key(ref)), dict):
                inherited |= {w: n for w, n in of(_key(ref)).items() if w not in inherited}
        taken = set(inherited.values())
        fields = dict(inherited)
        for part in [schema, *parts]:
            props = part.get("properties")
            for wire in props if isinstance(props, dict) else []:
                if isinstance(wire, str) and wire not in fields:
                    fields[wire] = naming.model_field(wire, taken)
        out[cls] = fields
        return fields

    for key, schema in schemas.items():
        if isinstance(schema, dict):
            of(key)
    return out


def _parts(schema: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """``schema``'s ``allOf`` parts, and theirs in turn where written inline: the library merges them all."""
    for part in schema.get("allOf") or []:
        if isinstance(part, dict):
            yield part
            if "$ref" not in part:
                yield from _parts(part)


def _key(ref: str) -> str:
    return unescape(ref[len(SCHEMAS_REF) :])


def enum_members(schemas: dict[str, Any], classes: dict[str, str]) -> dict[str, dict[str, str]]:
    """Each enum's values -> member names, written into the schema as ``x-enum-varnames`` for the library."""
    out: dict[str, dict[str, str]] = {}
    for key, schema in schemas.items():
        values = enum_values(schema) if isinstance(schema, dict) else None
        if values is None:
            continue
        given = schema.get("x-enum-varnames")
        if None in values:  # the library would wrap an enum holding ``null`` in a root model: say it as nullable
            keep = [i for i, v in enumerate(values) if v is not None]
            if isinstance(given, list):
                given = [given[i] for i in keep if i < len(given)]
            values = schema["enum"] = [values[i] for i in keep]
            schema["nullable"] = True
        taken: set[str] = set()
        names = []
        for index, value in enumerate(values):
            own = given[index] if isinstance(given, list) and index < len(given) else None
            text = own if isinstance(own, str) else value if isinstance(value, (str, int)) else "value"
            names.append(naming.enum_member(text, taken))
        schema["x-enum-varnames"] = names
        out[classes[SCHEMAS_REF + escape(key)]] = {
            repr(v): n
            for v, n in zip(values, names, strict=True)
            if isinstance(v, (str, int)) and not isinstance(v, bool)
        }
    return out
