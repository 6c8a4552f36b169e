"""Boolean schemas (3.1) replaced by their object forms once the spec is valid, so that every later stage can rely
on a schema being a mapping."""

from __future__ import annotations

from typing import Any

from generator.pointers import walk

_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")


def normalize_schemas(data: dict[str, Any]) -> None:
    """Replace boolean schemas (3.1: ``true`` accepts anything, ``false`` nothing) by their object forms, in place,
    so that every later stage can rely on a schema being a mapping. ``additionalProperties`` keeps its boolean."""

    def fix(node: Any) -> Any:
        if node is True:
            return {}
        if node is False:
            return {"not": {}}
        if isinstance(node, dict):
            visit_schema(node)
        return node

    def visit_schema(schema: dict[str, Any]) -> None:
        for key in ("items", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedItems"):
            if key in schema:
                schema[key] = fix(schema[key])
        if isinstance(schema.get("additionalProperties"), dict):
            visit_schema(schema["additionalProperties"])
        for key in _SCHEMA_LISTS:
            if isinstance(schema.get(key), list):
                schema[key] = [fix(member) for member in schema[key]]
        for key in _SCHEMA_MAPS:
            if isinstance(schema.get(key), dict):
                schema[key] = {name: fix(member) for name, member in schema[key].items()}

    for _, node in list(walk(data)):
        if "schema" in node and isinstance(node["schema"], (bool, dict)):
            node["schema"] = fix(node["schema"])
    components = data.get("components")
    if isinstance(components, dict) and isinstance(components.get("schemas"), dict):
        schemas = components["schemas"]
        for name in list(schemas):
            schemas[name] = fix(schemas[name])
