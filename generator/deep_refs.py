"""References into the middle of a schema (``#/components/schemas/Base/properties/embedded``), kept on the same
schema when ``hoist`` moves inline schemas into components.

Hoisting moves a schema object from where it stood to ``components/schemas/<Class>`` and leaves a ``$ref`` there,
so a reference into it (or through it) would point at that ``$ref`` (the library then made a class of it that no
name was decided for: nexmo's ``applications``) or at nothing (a ``KeyError``: Azure's network specs). The schema
objects themselves do not change, so each such reference is pinned to its target object before, and pointed at
wherever that object stands after.
"""

from __future__ import annotations

from typing import Any

from generator.pointers import resolve, unescape, walk


def pin(data: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Each mapping whose ``$ref`` points deeper than a component, with the schema it points at."""
    pinned = []
    for _, node in walk(data):
        ref = node.get("$ref")
        if isinstance(ref, str) and _deep(ref):
            try:
                target = resolve(data, ref)
            except KeyError:  # dangling: validate has said so
                continue
            if isinstance(target, dict):
                pinned.append((node, target))
    return pinned


def repoint(
    data: dict[str, Any], pinned: list[tuple[dict[str, Any], dict[str, Any]]]
) -> list[tuple[dict[str, Any], dict[str, Any], str]]:
    """Point each pinned reference at its schema where it stands now (a hoisted one: its component); the ones that
    still point into the middle of a schema, with their target and its pointer (``hoist`` makes a class of such a
    target that would be one: an ``allOf`` part referred to on its own, say)."""
    if not pinned:
        return []
    where: dict[int, str] = {}
    for pointer, node in walk(data):
        known = where.get(id(node))
        if known is None or len(pointer) < len(known):
            where[id(node)] = pointer
    inside = []
    for node, target in pinned:
        now = where.get(id(target))
        if now is not None:
            node["$ref"] = "#" + now
            if _deep(node["$ref"]):
                inside.append((node, target, now))
    return inside


def parent(data: dict[str, Any], pointer: str) -> tuple[Any, str | int]:
    """The mapping or list holding what ``pointer`` points at, and its key there."""
    head, _, last = pointer.rpartition("/")
    holder = resolve(data, "#" + head)
    return holder, (int(last) if isinstance(holder, list) else unescape(last))


def _deep(ref: str) -> bool:
    """A local reference to anything but a whole component (``#/components/<kind>/<name>``)."""
    if not ref.startswith("#/"):
        return False
    tokens = ref[2:].split("/")
    return not (len(tokens) == 3 and tokens[0] == "components")
