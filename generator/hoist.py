"""Every schema that becomes a class gets its name here, before the models are made.

An inline object schema with properties (in a request body, a response, a parameter, a property, array items, a
union member) or an inline enum is moved into ``components/schemas`` under the class name decided for it
(``SessionsListResponse``, ``CreateAgentBody``, ``AgentConfigVoice`` for a property ``voice`` of ``AgentConfig``)
and replaced by a ``$ref``: the library makes one model of each, and the IR refers to it by name. Field and enum
member names are decided too; ``models`` hands all of them to datamodel-code-generator and checks what comes back.
A free-form object (no properties) stays a ``dict``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator import naming
from generator.pointers import escape, unescape
from generator.tidy import tidy
from generator.validate import HTTP_METHODS

PREFIX = "#/components/schemas/"
# What a property keeps beside its ``$ref`` once its schema is hoisted: what the field, not the class, means.
_FIELD_KEYS = ("description", "default", "deprecated", "readOnly", "writeOnly")


@dataclass(frozen=True)
class Names:
    classes: dict[str, str]  # "#/components/schemas/X" -> class name
    fields: dict[str, dict[str, str]]  # class name -> {wire name: python name}
    members: dict[str, dict[str, str]]  # enum class name -> {repr(value): member name}


def makes_class(schema: Any) -> bool:
    """An object schema with properties (its own or an inline ``allOf`` part's, which the library merges into
    one class), or an enum of strings or integers."""
    if not isinstance(schema, dict) or "$ref" in schema:
        return False
    props = schema.get("properties")
    parts = schema.get("allOf")
    return (
        (isinstance(props, dict) and bool(props))
        or _enum_values(schema) is not None
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


def _constrained(schema: Any) -> bool:
    """A scalar schema with constraints (``{"type": "integer", "minimum": 1}``)."""
    return (
        isinstance(schema, dict)
        and "$ref" not in schema
        and schema.get("type") in ("string", "integer", "number")
        and not _CONSTRAINTS.isdisjoint(schema)
        and not makes_class(schema)
    )


def _const(schema: Any) -> bool:
    """A ``const`` string or integer: in a union, the library makes it an enum."""
    if not isinstance(schema, dict) or "$ref" in schema or "const" not in schema:
        return False
    return isinstance(schema["const"], (str, int)) and not isinstance(schema["const"], bool)


def _enum_values(schema: dict[str, Any]) -> list[Any] | None:
    values = schema.get("enum")
    if not isinstance(values, list) or not values or not {"properties", "anyOf", "oneOf"}.isdisjoint(schema):
        return None  # beside a union, the library types the union (GitHub's pages source)
    return values if any(isinstance(v, (str, int)) and not isinstance(v, bool) for v in values) else None


def hoist(data: dict[str, Any]) -> Names:
    """Name every class of ``data`` (changed in place: inline class schemas hoisted into components);
    ``ModelsError`` for schemas nested too deeply to walk."""
    try:
        return _hoist(data)
    except RecursionError:
        from generator.errors import Problem
        from generator.models import ModelsError

        raise ModelsError([Problem("/components/schemas", "the schemas nest too deeply to become models")]) from None


def _hoist(data: dict[str, Any]) -> Names:
    components = data.setdefault("components", {})
    schemas = components.get("schemas")
    if not isinstance(schemas, dict):
        schemas = components["schemas"] = {}
    classes: dict[str, str] = {}
    taken: set[str] = set()
    for key in schemas:
        classes[PREFIX + escape(key)] = naming.model_class(key, taken)
    hoisted: dict[str, Any] = {}

    def place(schema: dict[str, Any], name: str) -> dict[str, Any]:
        key = naming.model_class(name, taken)
        while key in schemas or key in hoisted:
            key = naming.model_class(name, taken)
        hoisted[key] = schema
        classes[PREFIX + escape(key)] = key
        walk(schema, key, True)
        return {"$ref": PREFIX + escape(key)}

    def sub(schema: Any, name: str, inside: bool = False, as_field: bool = False) -> Any:
        """``schema`` where a class may stand: hoisted if it makes one, else walked; ``inside`` a component."""
        if not isinstance(schema, dict):
            return schema
        tidy(schema)
        if makes_class(schema):
            ref = place(schema, name)
            return ref | {k: schema[k] for k in _FIELD_KEYS if as_field and k in schema}
        walk(schema, name, inside)
        return schema

    def member(schema: Any, name: str, inside: bool) -> Any:
        """A union member: in a component, the library makes a class of a constrained scalar, and an enum of a
        ``const`` (outside, the IR types them)."""
        if inside and _constrained(schema):
            return place(schema, name)
        if inside and _const(schema):
            enum = {k: v for k, v in schema.items() if k != "const"} | {"enum": [schema["const"]]}
            return place(enum, name)
        return sub(schema, name, inside)

    def element(schema: Any, name: str, inside: bool) -> Any:
        """Array items or ``additionalProperties``: in a component, the library makes a class of a constrained
        scalar there (its constraints cannot go on the field's ``list``/``dict``)."""
        return place(schema, name) if inside and _constrained(schema) else sub(schema, name, inside)

    def walk(schema: dict[str, Any], name: str, inside: bool) -> None:
        props = schema.get("properties")
        if isinstance(props, dict):
            for wire, prop in props.items():
                props[wire] = sub(prop, f"{name}_{naming.pascal(str(wire))}", inside, as_field=True)
        if isinstance(schema.get("items"), dict):
            schema["items"] = element(schema["items"], f"{name}Item", inside)
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            schema["additionalProperties"] = element(extra, f"{name}Value", inside)
        for union in ("anyOf", "oneOf"):
            members = schema.get(union)
            if isinstance(members, list):
                # the one class of a union (beside ``null``) is the union's; several are its options
                one = sum(makes_class(m) or (inside and (_constrained(m) or _const(m))) for m in members) == 1
                schema[union] = [
                    member(m, name if one else f"{name}Option{i + 1}", inside) for i, m in enumerate(members)
                ]
        for part in schema.get("allOf") or []:
            if isinstance(part, dict):  # merged into this class by the library: its parts' properties are ours
                walk(part, name, inside)

    for key in list(schemas):
        if isinstance(schemas[key], dict):
            tidy(schemas[key])
            walk(schemas[key], classes[PREFIX + escape(key)], True)
    for path, item in (data.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                _operation(op, naming.pascal(str(op.get("operationId") or f"{method} {path}")), sub)
        _parameters(item.get("parameters"), naming.pascal(str(path)), sub)
    schemas.update(hoisted)
    _mark_files(data, schemas)
    return Names(classes, _fields(schemas, classes), _members(schemas, classes))


def _operation(op: dict[str, Any], name: str, sub: Any) -> None:
    _parameters(op.get("parameters"), name, sub)
    body = op.get("requestBody")
    for media in _media(body):
        media["schema"] = sub(media["schema"], f"{name}Body")
    for status, response in (op.get("responses") or {}).items():
        suffix = "" if str(status).startswith("2") else naming.pascal(f"r {status}")[1:]
        for media in _media(response):
            media["schema"] = sub(media["schema"], f"{name}Response{suffix}")
        for media in _media(response, "itemSchema"):  # one event of a text/event-stream (OpenAPI 3.2)
            media["itemSchema"] = sub(media["itemSchema"], f"{name}Event{suffix}")


# What a multipart body's file field takes: the content, or httpx's (filename, content[, content type]) tuple.
FILE_TYPE = "bytes | tuple[str, bytes] | tuple[str, bytes, str]"


def _mark_files(data: dict[str, Any], schemas: dict[str, Any]) -> None:
    """The binary properties of each multipart body's model take file tuples too: the library's ``x-python-type``
    (the spec's own ``x-python-*`` keys are gone by now, ``schema_guard``) types them so."""
    for item in (data.get("paths") or {}).values():
        for method in HTTP_METHODS:
            op = item.get(method) if isinstance(item, dict) else None
            content = op.get("requestBody", {}).get("content") if isinstance(op, dict) else None
            for media, holder in content.items() if isinstance(content, dict) else []:
                ref = holder.get("schema", {}).get("$ref") if isinstance(holder, dict) else None
                if str(media).startswith("multipart/") and isinstance(ref, str) and ref.startswith(PREFIX):
                    target = schemas.get(unescape(ref[len(PREFIX) :]))
                    props = target.get("properties") if isinstance(target, dict) else None
                    for prop in props.values() if isinstance(props, dict) else []:
                        _mark_binary(prop, 0)


def _mark_binary(schema: Any, depth: int) -> None:
    if not isinstance(schema, dict) or depth > 8:
        return
    if schema.get("format") == "binary":
        schema["x-python-type"] = FILE_TYPE
    for member in [schema.get("items"), *(m for k in ("anyOf", "oneOf") for m in schema.get(k) or [])]:
        _mark_binary(member, depth + 1)


def _parameters(params: Any, name: str, sub: Any) -> None:
    for param in params if isinstance(params, list) else []:
        if isinstance(param, dict) and isinstance(param.get("schema"), dict):
            param["schema"] = sub(param["schema"], f"{name}_{naming.pascal(str(param.get('name', '')))}")


def _media(holder: Any, key: str = "schema") -> list[dict[str, Any]]:
    content = holder.get("content") if isinstance(holder, dict) else None
    if not isinstance(content, dict):
        return []
    return [m for m in content.values() if isinstance(m, dict) and isinstance(m.get(key), dict)]


def _fields(schemas: dict[str, Any], classes: dict[str, str]) -> dict[str, dict[str, str]]:
    """Each class's properties (its own, its inline ``allOf`` parts' and, under the names they have there, those of
    the classes its ``allOf`` refers to: the library restates an inherited field it makes required or narrows)
    -> field names."""
    out: dict[str, dict[str, str]] = {}
    busy: set[str] = set()

    def of(key: str) -> dict[str, str]:
        cls = classes[PREFIX + escape(key)]
        if cls in out or key in busy:
            return out.get(cls, {})
        busy.add(key)
        schema = schemas[key]
        parts = list(_parts(schema))
        inherited: dict[str, str] = {}
        for part in parts:
            ref = part.get("$ref")
            if isinstance(ref, str) and ref.startswith(PREFIX) and isinstance(schemas.get(_key(ref)), dict):
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
    return unescape(ref[len(PREFIX) :])


def _members(schemas: dict[str, Any], classes: dict[str, str]) -> dict[str, dict[str, str]]:
    """Each enum's values -> member names, written into the schema as ``x-enum-varnames`` for the library."""
    out: dict[str, dict[str, str]] = {}
    for key, schema in schemas.items():
        values = _enum_values(schema) if isinstance(schema, dict) else None
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
        out[classes[PREFIX + escape(key)]] = {
            repr(v): n
            for v, n in zip(values, names, strict=True)
            if isinstance(v, (str, int)) and not isinstance(v, bool)
        }
    return out
