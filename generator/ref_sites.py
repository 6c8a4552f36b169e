"""Where a document's references are, and what kind of component each place calls for: how ``bundle`` finds what to
follow and where a piece of another file goes, apart from the following itself."""

from __future__ import annotations

from typing import Any

from generator.pointers import escape, unescape

# The kinds of ``components`` a piece of another file can join.
KINDS = frozenset(
    {"schemas", "responses", "parameters", "examples", "requestBodies", "headers", "securitySchemes", "links"}
)
_DATA_KEYWORDS = frozenset({"example", "examples", "default", "const", "enum"})


def is_external(ref: str) -> bool:
    return not ref.startswith("#")


def references(node: Any, pointer: str = "") -> list[tuple[str, dict[str, Any], str]]:
    """Every (pointer, node, ref) of a ``$ref`` that is a reference (not inside example data or an extension),
    in document order."""
    found: list[tuple[str, dict[str, Any], str]] = []
    seen: set[int] = set()
    stack: list[tuple[str, Any]] = [(pointer, node)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, dict) and id(node) not in seen:
            seen.add(id(node))
            ref = node.get("$ref")
            is_ref = isinstance(ref, str) and not pointer.endswith("/properties")
            if isinstance(ref, str) and is_ref:
                found.append((pointer, node, ref))
            children = [(k, v) for k, v in node.items() if not (is_ref and k == "$ref") and not _data(str(k), pointer)]
            stack.extend((f"{pointer}/{escape(str(k))}", v) for k, v in reversed(children))
        elif isinstance(node, list):
            stack.extend((f"{pointer}/{i}", v) for i, v in reversed(list(enumerate(node))))
    return found


def _data(key: str, pointer: str) -> bool:
    """Whether ``key`` under ``pointer`` holds data (examples, defaults, extensions) rather than the spec's own
    objects; a property or component of such a name is not data."""
    return (key in _DATA_KEYWORDS or key.startswith("x-")) and pointer.rsplit("/", 1)[-1] not in (
        "properties",
        "schemas",
    )


def kind_at(pointer: str) -> str | None:
    """The component kind a reference written at ``pointer`` of the root document points to; None for a path item."""
    tokens = [unescape(t) for t in pointer.split("/")[1:]]
    if tokens[:1] in (["paths"], ["webhooks"]) and len(tokens) == 2:
        return None
    if len(tokens) == 3 and tokens[0] == "components":
        return tokens[1] if tokens[1] in KINDS else None
    if len(tokens) >= 3 and tokens[-3] == "callbacks":
        return None
    parent = tokens[-2] if len(tokens) >= 2 else ""
    grand = tokens[-3] if len(tokens) >= 3 else ""
    if parent == "properties" or grand == "properties":
        return "schemas"
    if parent == "parameters" and tokens[-1].isdigit():
        return "parameters"
    if tokens[-1:] == ["requestBody"]:
        return "requestBodies"
    if parent in ("responses", "headers", "examples", "links"):
        return {"responses": "responses", "headers": "headers", "examples": "examples", "links": "links"}[parent]
    return "schemas"
