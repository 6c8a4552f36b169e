"""The binary properties of each multipart body's model typed to take file tuples too, by the library's
``x-python-type``: done once the classes are hoisted, when each body's model is a component."""

from __future__ import annotations

from typing import Any

from generator.pointers import SCHEMAS_REF, unescape
from generator.validate import HTTP_METHODS

# What a multipart body's file field takes: the content, or httpx's (filename, content[, content type]) tuple.
FILE_TYPE = "bytes | tuple[str, bytes] | tuple[str, bytes, str]"


def mark_files(data: dict[str, Any], schemas: dict[str, Any]) -> None:
    """The binary properties of each multipart body's model take file tuples too: the library's ``x-python-type``
    (the spec's own ``x-python-*`` keys are gone by now, ``schema_guard``) types them so."""
    for item in (data.get("paths") or {}).values():
        for method in HTTP_METHODS:
            op = item.get(method) if isinstance(item, dict) else None
            content = op.get("requestBody", {}).get("content") if isinstance(op, dict) else None
            for media, holder in content.items() if isinstance(content, dict) else []:
                ref = holder.get("schema", {}).get("$ref") if isinstance(holder, dict) else None
                if str(media).startswith("multipart/") and isinstance(ref, str) and ref.startswith(SCHEMAS_REF):
                    target = schemas.get(unescape(ref[len(SCHEMAS_REF) :]))
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
