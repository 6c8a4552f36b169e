"""Chains of ``$ref`` aliases (component ``A: {$ref: B}``, ``B: {$ref: C}``) resolved to their target, in place.

The models library makes each alias a root model wrapping the next (``x.root.root.field``); every reference to an
alias is made a reference to the schema at the end of its chain instead, so that fields, bodies and responses have
the target's type. The alias itself stays (its name is public), now one ``$ref`` to the target.
"""

from __future__ import annotations

from typing import Any

from generator.pointers import SCHEMAS_REF, escape, unescape

# keywords beside a ``$ref`` that do not change what it accepts
_ANNOTATIONS = frozenset({"$ref", "description", "title", "summary", "deprecated", "example", "examples"})
_DATA = frozenset({"example", "examples", "default", "const", "enum"})


def resolve_aliases(data: dict[str, Any]) -> None:
    components = data.get("components")
    schemas = components.get("schemas") if isinstance(components, dict) else None
    if not isinstance(schemas, dict):
        return
    targets = {ref: end for ref in _alias_refs(schemas) if (end := _end(schemas, ref)) is not None}
    if not targets:
        return
    stack: list[Any] = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref in targets:
                node["$ref"] = targets[ref]
            stack.extend(v for k, v in node.items() if k not in _DATA)


def _key(ref: str) -> str | None:
    return (
        unescape(ref[len(SCHEMAS_REF) :])
        if ref.startswith(SCHEMAS_REF) and "/" not in ref[len(SCHEMAS_REF) :]
        else None
    )


def _is_alias(schema: Any) -> bool:
    return isinstance(schema, dict) and isinstance(schema.get("$ref"), str) and set(schema) <= _ANNOTATIONS


def _alias_refs(schemas: dict[str, Any]) -> list[str]:
    return [SCHEMAS_REF + escape(key) for key, schema in schemas.items() if isinstance(key, str) and _is_alias(schema)]


def _end(schemas: dict[str, Any], ref: str) -> str | None:
    """The first reference along ``ref``'s chain that is not an alias; None for a cycle of aliases."""
    seen: set[str] = set()
    while (key := _key(ref)) is not None and _is_alias(schemas.get(key)):
        if ref in seen:
            return None
        seen.add(ref)
        ref = schemas[key]["$ref"]
    return ref
