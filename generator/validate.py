"""Structural checks that the IR relies on; every problem is collected, not just the first. The document-wide
checks are here; those of each operation are in ``check_operations``, those of references in ``check_refs``."""

from __future__ import annotations

import re
from typing import Any

from generator.check_operations import check_operation, check_parameters
from generator.check_refs import check_refs, check_schema_cycles
from generator.errors import Problem
from generator.pointers import escape, walk

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_VERSION = re.compile(r"^3\.[01]\.\d+$")


def validate(data: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    problems.extend(_check_version(data))
    problems.extend(_check_top_level(data))
    problems.extend(check_refs(data))
    problems.extend(check_schema_cycles(data))
    for pointer, node in walk(data):
        enum = node.get("enum")
        if node.get("type") == "string" and isinstance(enum, list) and any(isinstance(v, bool) for v in enum):
            problems.append(
                Problem(
                    f"{pointer}/enum",
                    "a string enum holds a boolean (YAML reads unquoted on/off/yes/no as true/false); quote the values",
                    level="warning",
                )
            )
    for index, server in enumerate(data.get("servers") or [] if isinstance(data.get("servers"), list) else []):
        url = server.get("url") if isinstance(server, dict) else None
        if isinstance(url, str) and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", url) and "{" not in url.split("/")[0]:
            problems.append(
                Problem(
                    f"/servers/{index}/url",
                    f"relative server URL {url!r} is used as given; pass server_url= to the client for a full URL",
                    level="warning",
                )
            )
    if data.get("webhooks"):
        problems.append(Problem("/webhooks", "webhooks are not supported; they are left out", level="warning"))
    paths = data.get("paths")
    if not isinstance(paths, dict):
        problems.append(Problem("/paths", "'paths' must be a mapping of URL templates to path items"))
        return problems
    seen_ids: dict[str, str] = {}
    for path, item in paths.items():
        base = f"/paths/{escape(str(path))}"
        if not isinstance(path, str) or not path.startswith("/"):
            problems.append(Problem(base, f"path {path!r} must start with '/'"))
        if not isinstance(item, dict):
            problems.append(Problem(base, "a path item must be a mapping"))
            continue
        if "$ref" in item:
            problems.append(Problem(f"{base}/$ref", "a $ref on a path item is not supported; inline the path item"))
            continue
        problems.extend(check_parameters(data, item.get("parameters"), f"{base}/parameters"))
        for method in HTTP_METHODS:
            op = item.get(method)
            if op is None:
                continue
            here = f"{base}/{method}"
            if not isinstance(op, dict):
                problems.append(Problem(here, "an operation must be a mapping"))
                continue
            problems.extend(check_operation(data, str(path), item, op, here, seen_ids))
    return problems


def _check_version(data: dict[str, Any]) -> list[Problem]:
    if "swagger" in data and "openapi" not in data:
        return [Problem("/swagger", f"Swagger {data['swagger']!r} is not supported; convert it to OpenAPI 3.0 or 3.1")]
    version = data.get("openapi")
    if not isinstance(version, str):
        hint = f"; write it as a string, e.g. '{version}.0'" if isinstance(version, float) else ""
        return [Problem("/openapi", f"the OpenAPI version must be a string like '3.1.0', not {version!r}{hint}")]
    if not _VERSION.match(version):
        return [Problem("/openapi", f"unsupported OpenAPI version {version!r}; 3.0.x and 3.1.x are supported")]
    return []


def _check_top_level(data: dict[str, Any]) -> list[Problem]:
    problems = []
    for key, kind in (("info", dict), ("components", dict), ("tags", list), ("servers", list), ("security", list)):
        if key in data and not isinstance(data[key], kind):
            problems.append(Problem(f"/{key}", f"'{key}' must be a {'mapping' if kind is dict else 'list'}"))
    for key in ("tags", "servers"):
        for index, entry in enumerate(data.get(key) or [] if isinstance(data.get(key), list) else []):
            if not isinstance(entry, dict):
                problems.append(Problem(f"/{key}/{index}", f"each entry of '{key}' must be a mapping"))
            elif key == "servers" and not isinstance(entry.get("url"), str):
                problems.append(Problem(f"/{key}/{index}", "a server needs a 'url' string"))
            elif key == "tags" and not isinstance(entry.get("name"), str):
                problems.append(Problem(f"/{key}/{index}", "a tag needs a 'name' string"))
    components = data.get("components")
    for pointer, node in walk(components, "/components"):
        for key in node:
            if not isinstance(key, str):
                problems.append(
                    Problem(f"{pointer}/{escape(str(key))}", f"key {key!r} is not a string; quote it in the spec")
                )
    if isinstance(components, dict):
        for section, entries in components.items():
            if isinstance(section, str) and section.startswith("x-"):
                continue  # an extension: any value
            if not isinstance(entries, dict):
                problems.append(
                    Problem(f"/components/{escape(str(section))}", "a components section must be a mapping")
                )
                continue
            for name, entry in entries.items():
                if not isinstance(entry, (dict, bool)) or (isinstance(entry, bool) and section != "schemas"):
                    problems.append(
                        Problem(f"/components/{escape(str(section))}/{escape(str(name))}", "must be a mapping")
                    )
    return problems
