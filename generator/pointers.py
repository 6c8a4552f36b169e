"""JSON pointers (RFC 6901) into a spec: escaping a token, following a local ``#/...`` reference, walking every
mapping with its pointer. Every stage addresses the document this way, so these live apart from any one stage."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

SCHEMAS_REF = "#/components/schemas/"  # what a reference to a component schema starts with


def escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def resolve(data: dict[str, Any], ref: str) -> Any:
    """Follow a local ``#/...`` reference; KeyError when it dangles."""
    if not ref.startswith("#"):
        raise KeyError(ref)
    node: Any = data
    for token in ref[1:].split("/")[1:]:
        token = unescape(token)
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            raise KeyError(ref)
    return node


def walk(node: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """Every mapping under ``node`` (itself included) with its pointer."""
    stack = [(pointer, node)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, dict):
            yield pointer, node
            stack.extend((f"{pointer}/{escape(str(k))}", v) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((f"{pointer}/{i}", v) for i, v in enumerate(node))
