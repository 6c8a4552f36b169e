"""Every schema that becomes a class gets its name here, before the models are made.

An inline object schema with properties (in a request body, a response, a parameter, a property, array items, a
union member) or an inline enum is moved into ``components/schemas`` under the class name decided for it
(``SessionsListResponse``, ``CreateAgentBody``, ``AgentConfigVoice`` for a property ``voice`` of ``AgentConfig``)
and replaced by a ``$ref``: the library makes one model of each, and the IR refers to it by name. Field and enum
member names are decided too (``field_names``); ``models`` hands all of them to datamodel-code-generator and checks
what comes back.
A free-form object (no properties) stays a ``dict``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator import naming
from generator.class_shapes import constrained, is_const, makes_class
from generator.deep_refs import parent, pin, repoint
from generator.field_names import class_fields, enum_members
from generator.file_fields import mark_files
from generator.pointers import SCHEMAS_REF, escape, unescape
from generator.tidy import tidy
from generator.validate import HTTP_METHODS

# What a property keeps beside its ``$ref`` once its schema is hoisted: what the field, not the class, means.
_FIELD_KEYS = ("description", "default", "deprecated", "readOnly", "writeOnly")


@dataclass(frozen=True)
class Names:
    classes: dict[str, str]  # "#/components/schemas/X" -> class name
    fields: dict[str, dict[str, str]]  # class name -> {wire name: python name}
    members: dict[str, dict[str, str]]  # enum class name -> {repr(value): member name}


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
    pinned = pin(data)  # references into schemas that hoisting may move
    classes: dict[str, str] = {}
    taken: set[str] = set()
    for key in schemas:
        classes[SCHEMAS_REF + escape(key)] = naming.model_class(key, taken)
    hoisted: dict[str, Any] = {}

    def place(schema: dict[str, Any], name: str) -> dict[str, Any]:
        key = naming.model_class(name, taken)
        while key in schemas or key in hoisted:
            key = naming.model_class(name, taken)
        hoisted[key] = schema
        classes[SCHEMAS_REF + escape(key)] = key
        walk(schema, key, True)
        return {"$ref": SCHEMAS_REF + escape(key)}

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
        if inside and constrained(schema):
            return place(schema, name)
        if inside and is_const(schema):
            enum = {k: v for k, v in schema.items() if k != "const"} | {"enum": [schema["const"]]}
            return place(enum, name)
        return sub(schema, name, inside)

    def element(schema: Any, name: str, inside: bool) -> Any:
        """Array items or ``additionalProperties``: in a component, the library makes a class of a constrained
        scalar there (its constraints cannot go on the field's ``list``/``dict``)."""
        return place(schema, name) if inside and constrained(schema) else sub(schema, name, inside)

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
                one = sum(makes_class(m) or (inside and (constrained(m) or is_const(m))) for m in members) == 1
                schema[union] = [
                    member(m, name if one else f"{name}Option{i + 1}", inside) for i, m in enumerate(members)
                ]
        for part in schema.get("allOf") or []:
            if isinstance(part, dict):  # merged into this class by the library: its parts' properties are ours
                walk(part, name, inside)

    for key in list(schemas):
        if isinstance(schemas[key], dict):
            tidy(schemas[key])
            walk(schemas[key], classes[SCHEMAS_REF + escape(key)], True)
    for path, item in (data.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                _operation(op, naming.pascal(str(op.get("operationId") or f"{method} {path}")), sub)
        _parameters(item.get("parameters"), naming.pascal(str(path)), sub)
    schemas.update(hoisted)
    moved: dict[int, dict[str, Any]] = {}
    for node, target, pointer in repoint(data, pinned):  # a reference into a schema that makes a class of its own
        if id(target) not in moved and makes_class(target):
            hoisted.clear()
            holder, key = parent(data, pointer)
            holder[key] = moved[id(target)] = place(target, _name_at(pointer, classes))
            schemas.update(hoisted)
        if id(target) in moved:
            node["$ref"] = moved[id(target)]["$ref"]
    mark_files(data, schemas)
    return Names(classes, class_fields(schemas, classes), enum_members(schemas, classes))


def _name_at(pointer: str, classes: dict[str, str]) -> str:
    """A class name for the schema at ``pointer``: its component's class, then the rest of the way
    (``ApplicationGateway`` + ``/allOf/0`` -> ``ApplicationGatewayAllOf0``)."""
    tokens = pointer.split("/")[1:]
    if tokens[:2] == ["components", "schemas"] and len(tokens) > 2:
        owner = classes.get(SCHEMAS_REF + tokens[2], naming.pascal(unescape(tokens[2])))
        return owner + naming.pascal(" ".join(unescape(t) for t in tokens[3:]))
    return naming.pascal(" ".join(unescape(t) for t in tokens))


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


def _parameters(params: Any, name: str, sub: Any) -> None:
    for param in params if isinstance(params, list) else []:
        if isinstance(param, dict) and isinstance(param.get("schema"), dict):
            param["schema"] = sub(param["schema"], f"{name}_{naming.pascal(str(param.get('name', '')))}")


def _media(holder: Any, key: str = "schema") -> list[dict[str, Any]]:
    content = holder.get("content") if isinstance(holder, dict) else None
    if not isinstance(content, dict):
        return []
    return [m for m in content.values() if isinstance(m, dict) and isinstance(m.get(key), dict)]
