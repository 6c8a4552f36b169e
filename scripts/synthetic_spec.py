"""Write a synthetic OpenAPI 3.1 spec with a given number of operations, for generator scaling benchmarks.

    python scripts/synthetic_spec.py --operations 1000 --out /tmp/spec-1000.json

The spec is deterministic (same arguments, same bytes) and shaped like a typical REST API: resources
of four operations each (list with paging and filters, get by id, create with a JSON body, delete),
one schema per resource plus a list-response and a create-request schema, grouped into tags of ten
resources. Sizes that are not a multiple of four end with a partial resource.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

OPS_PER_RESOURCE = 4
RESOURCES_PER_TAG = 10


def _thing_schema(i: int) -> dict[str, Any]:
    return {
        "type": "object",
        "title": f"Thing{i}",
        "description": f"Resource number {i}.",
        "required": ["id", "name", "created"],
        "properties": {
            "id": {"type": "integer", "title": "Id", "description": "Identifier."},
            "name": {"type": "string", "title": "Name", "description": "Display name."},
            "created": {"type": "string", "format": "date-time", "title": "Created"},
            "description": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Description"},
            "score": {"anyOf": [{"type": "number"}, {"type": "null"}], "title": "Score"},
            "active": {"type": "boolean", "title": "Active", "default": True},
            "labels": {"type": "array", "items": {"type": "string"}, "title": "Labels"},
            "kind": {"$ref": "#/components/schemas/Kind"},
        },
    }


def _create_schema(i: int) -> dict[str, Any]:
    return {
        "type": "object",
        "title": f"Thing{i}Create",
        "required": ["name"],
        "properties": {
            "name": {"type": "string", "title": "Name"},
            "description": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Description"},
            "labels": {"type": "array", "items": {"type": "string"}, "title": "Labels"},
            "kind": {"$ref": "#/components/schemas/Kind"},
        },
    }


def _list_schema(i: int) -> dict[str, Any]:
    return {
        "type": "object",
        "title": f"ListResponseThing{i}",
        "required": ["items", "page", "page_size"],
        "properties": {
            "items": {"type": "array", "items": {"$ref": f"#/components/schemas/Thing{i}"}, "title": "Items"},
            "page": {"type": "integer", "title": "Page"},
            "page_size": {"type": "integer", "title": "Page Size"},
            "total_pages": {"anyOf": [{"type": "integer"}, {"type": "null"}], "title": "Total Pages"},
            "total_count": {"anyOf": [{"type": "integer"}, {"type": "null"}], "title": "Total Count"},
        },
    }


def _json(ref: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}


_ERRORS = {"422": {"description": "Validation Error", "content": _json("HTTPValidationError")}}
_ID_PARAM = {"name": "thing_id", "in": "path", "required": True, "schema": {"type": "integer", "title": "Thing Id"}}


def _operations(i: int, tag: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(path, method, operation) for the four operations of resource ``i``."""
    base = f"/api/v1/things{i}/"
    security: list[dict[str, list[str]]] = [{"APIKeyHeader": []}]
    return [
        (
            base,
            "get",
            {
                "tags": [tag],
                "summary": f"List things {i}",
                "operationId": f"things{i}_list",
                "security": security,
                "parameters": [
                    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 0, "default": 0}},
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 25}},
                    {"name": "search", "in": "query", "schema": {"anyOf": [{"type": "string"}, {"type": "null"}]}},
                    {
                        "name": "kind",
                        "in": "query",
                        "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Kind"}},
                    },
                ],
                "responses": {"200": {"description": "A page", "content": _json(f"ListResponseThing{i}")}, **_ERRORS},
            },
        ),
        (
            base + "{thing_id}",
            "get",
            {
                "tags": [tag],
                "summary": f"Get thing {i}",
                "operationId": f"things{i}_get_by_id",
                "security": security,
                "parameters": [_ID_PARAM],
                "responses": {"200": {"description": "The thing", "content": _json(f"Thing{i}")}, **_ERRORS},
            },
        ),
        (
            base,
            "post",
            {
                "tags": [tag],
                "summary": f"Create thing {i}",
                "operationId": f"things{i}_create",
                "security": security,
                "requestBody": {"required": True, "content": _json(f"Thing{i}Create")},
                "responses": {"200": {"description": "Created", "content": _json(f"Thing{i}")}, **_ERRORS},
            },
        ),
        (
            base + "{thing_id}",
            "delete",
            {
                "tags": [tag],
                "summary": f"Delete thing {i}",
                "operationId": f"things{i}_delete",
                "security": security,
                "parameters": [_ID_PARAM],
                "responses": {"204": {"description": "Deleted"}, **_ERRORS},
            },
        ),
    ]


def make_spec(operations: int) -> dict[str, Any]:
    """A spec with exactly ``operations`` operations."""
    if operations < 1:
        raise ValueError("operations must be at least 1")
    paths: dict[str, dict[str, Any]] = {}
    schemas: dict[str, Any] = {
        "Kind": {"type": "string", "enum": ["alpha", "beta", "gamma"], "title": "Kind"},
        "ValidationError": {
            "type": "object",
            "title": "ValidationError",
            "required": ["loc", "msg", "type"],
            "properties": {
                "loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
                "msg": {"type": "string"},
                "type": {"type": "string"},
            },
        },
        "HTTPValidationError": {
            "type": "object",
            "title": "HTTPValidationError",
            "properties": {"detail": {"type": "array", "items": {"$ref": "#/components/schemas/ValidationError"}}},
        },
    }
    tags: list[dict[str, str]] = []
    count = 0
    resource = 0
    while count < operations:  # bounded: each pass adds at least one operation
        tag = f"group{resource // RESOURCES_PER_TAG}"
        if resource % RESOURCES_PER_TAG == 0:
            tags.append({"name": tag, "description": f"Resources {resource} and up."})
        schemas[f"Thing{resource}"] = _thing_schema(resource)
        schemas[f"Thing{resource}Create"] = _create_schema(resource)
        schemas[f"ListResponseThing{resource}"] = _list_schema(resource)
        for path, method, op in _operations(resource, tag)[: operations - count]:
            paths.setdefault(path, {})[method] = op
            count += 1
        resource += 1
    return {
        "openapi": "3.1.0",
        "info": {"title": "Synthetic API", "version": "1.0.0", "description": f"{operations} operations."},
        "servers": [{"url": "https://api.example.com"}],
        "tags": tags,
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"APIKeyHeader": {"type": "apiKey", "in": "header", "name": "X-API-Key"}},
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--operations", "-n", type=int, required=True, help="number of operations (e.g. 100)")
    parser.add_argument("--out", type=Path, default=None, help="output file (default: stdout)")
    args = parser.parse_args(argv)
    text = json.dumps(make_spec(args.operations), indent=1, sort_keys=False) + "\n"
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
