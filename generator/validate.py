"""Structural checks that the IR relies on; every problem is collected, not just the first."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator.errors import Problem
from generator.pointers import escape, resolve

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_STATUS = re.compile(r"^(default|[1-5][0-9][0-9]|[1-5]XX)$")
_TEMPLATE_PARAM = re.compile(r"\{([^{}]*)\}")
_VERSION = re.compile(r"^3\.[01]\.\d+$")
_PARAM_LOCATIONS = ("path", "query", "header", "cookie")


def validate(data: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    problems.extend(_check_version(data))
    problems.extend(_check_top_level(data))
    problems.extend(_check_refs(data))
    problems.extend(_check_schema_cycles(data))
    for pointer, node in _walk(data):
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
        problems.extend(_check_parameters(data, item.get("parameters"), f"{base}/parameters"))
        for method in HTTP_METHODS:
            op = item.get(method)
            if op is None:
                continue
            here = f"{base}/{method}"
            if not isinstance(op, dict):
                problems.append(Problem(here, "an operation must be a mapping"))
                continue
            problems.extend(_check_operation(data, str(path), item, op, here, seen_ids))
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
    for pointer, node in _walk(components, "/components"):
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


def _check_operation(
    data: dict[str, Any], path: str, item: dict[str, Any], op: dict[str, Any], here: str, seen_ids: dict[str, str]
) -> list[Problem]:
    problems: list[Problem] = []
    op_id = op.get("operationId")
    if op_id is not None and not isinstance(op_id, str):
        problems.append(Problem(f"{here}/operationId", "operationId must be a string"))
    elif isinstance(op_id, str):
        if op_id in seen_ids:
            problems.append(
                Problem(f"{here}/operationId", f"duplicate operationId {op_id!r} (first at #{seen_ids[op_id]})")
            )
        else:
            seen_ids[op_id] = f"{here}/operationId"
    tags = op.get("tags")
    if tags is not None and (not isinstance(tags, list) or not all(isinstance(t, str) for t in tags)):
        problems.append(Problem(f"{here}/tags", "tags must be a list of strings"))
    problems.extend(_check_parameters(data, op.get("parameters"), f"{here}/parameters"))
    problems.extend(_check_path_params(data, path, item, op, here))
    if op.get("callbacks"):
        problems.append(Problem(f"{here}/callbacks", "callbacks are not supported; they are left out", level="warning"))
    body = op.get("requestBody")
    if body is not None:
        body = _deref(data, body)
        if not isinstance(body, dict):
            problems.append(Problem(f"{here}/requestBody", "a request body must be a mapping"))
        elif not isinstance(body.get("content", {}), dict):
            problems.append(Problem(f"{here}/requestBody/content", "'content' must be a mapping of media types"))
    responses = op.get("responses", {})
    if not isinstance(responses, dict):
        problems.append(Problem(f"{here}/responses", "'responses' must be a mapping of status codes"))
        return problems
    for status, response in responses.items():
        where = f"{here}/responses/{escape(str(status))}"
        if not _STATUS.match(str(status)):
            problems.append(
                Problem(where, f"invalid response status {status!r}; expected a code, a range like 4XX, or default")
            )
        response = _deref(data, response)
        if not isinstance(response, dict):
            problems.append(Problem(where, "a response must be a mapping"))
        elif not isinstance(response.get("content", {}), dict):
            problems.append(Problem(f"{where}/content", "'content' must be a mapping of media types"))
        elif any(not isinstance(v, dict) for v in (response.get("content") or {}).values()):
            problems.append(Problem(f"{where}/content", "each media type must map to a mapping"))
    return problems


def _deref(data: dict[str, Any], node: Any) -> Any:
    for _ in range(64):
        if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
            return node
        try:
            node = resolve(data, node["$ref"])
        except KeyError:
            return None  # reported by _check_refs
    return None


def _check_parameters(data: dict[str, Any], params: Any, here: str) -> list[Problem]:
    if params is None:
        return []
    if not isinstance(params, list):
        return [Problem(here, "'parameters' must be a list")]
    problems = []
    for index, raw in enumerate(params):
        param = _deref(data, raw)
        if raw is not None and param is None and isinstance(raw, dict) and "$ref" in raw:
            continue  # a dangling $ref, reported by _check_refs
        if not isinstance(param, dict):
            problems.append(Problem(f"{here}/{index}", "a parameter must be a mapping"))
        elif not isinstance(param.get("name"), str) or param.get("in") not in _PARAM_LOCATIONS:
            problems.append(
                Problem(
                    f"{here}/{index}", f"a parameter needs a 'name' string and 'in' one of {list(_PARAM_LOCATIONS)}"
                )
            )
        elif "content" in param and "schema" not in param:
            problems.append(
                Problem(
                    f"{here}/{index}/content",
                    "a parameter described by 'content' is typed Any and sent as text (JSON text for a list, dict or model)",
                    level="warning",
                )
            )
    return problems


def _check_path_params(
    data: dict[str, Any], path: str, item: dict[str, Any], op: dict[str, Any], here: str
) -> list[Problem]:
    declared: dict[str, dict[str, Any]] = {}
    for params in (item.get("parameters", []), op.get("parameters", [])):
        for param in params if isinstance(params, list) else []:
            param = _deref(data, param)
            if isinstance(param, dict) and param.get("in") == "path":
                declared[str(param.get("name"))] = param
    problems = []
    for name in _TEMPLATE_PARAM.findall(path):
        param = declared.get(name)
        if param is None:
            problems.append(Problem(here, f"path parameter {{{name}}} of {path!r} is not declared"))
        elif param.get("required") is not True:
            problems.append(Problem(here, f"path parameter {name!r} must be declared with required: true"))
    return problems


def _walk(node: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    stack = [(pointer, node)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, dict):
            yield pointer, node
            stack.extend((f"{pointer}/{escape(str(k))}", v) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((f"{pointer}/{i}", v) for i, v in enumerate(node))


_DATA_KEYWORDS = frozenset({"example", "examples", "default", "const", "enum"})


def _in_data(pointer: str) -> bool:
    """Whether the pointer lies inside example/default/enum data or an extension, where "$ref" is just a key."""
    parts = pointer.split("/")
    return any(
        (part in _DATA_KEYWORDS or part.startswith("x-")) and parts[i - 1] not in ("properties", "schemas")
        for i, part in enumerate(parts)
        if i
    )


_MAX_CHAIN = 100  # references in a row; the library's model sorting is quadratic in a chain's length


def _check_refs(data: dict[str, Any]) -> list[Problem]:
    problems = []
    # Where each reference's chain ends and how far, shared by every chain through it: following each chain to its
    # end alone is quadratic in its length. End None: a schema; else the dangling reference, or "" for a cycle.
    ends: dict[str, tuple[str | None, int]] = {}
    too_long = False
    for pointer, node in sorted(_walk(data)):
        ref = node.get("$ref")
        if not isinstance(ref, str) or pointer.endswith("/properties") or _in_data(pointer):
            continue
        where = f"{pointer}/$ref"
        if not ref.startswith("#"):
            problems.append(
                Problem(
                    where, f"external reference {ref!r} cannot be resolved; only local '#/...' references are supported"
                )
            )
            continue
        end, length = _chain_end(data, pointer, node, ends)
        if end == "":
            problems.append(Problem(where, f"reference {ref!r} is a cycle of references that never reaches a schema"))
        elif end is not None:
            problems.append(Problem(where, f"reference {end!r} does not resolve"))
        elif length > _MAX_CHAIN and not too_long:  # once: each link of the chain starts one too
            too_long = True
            problems.append(Problem(where, f"reference {ref!r} starts a chain of more than {_MAX_CHAIN} references"))
    return problems


def _chain_end(
    data: dict[str, Any], pointer: str, node: dict[str, Any], ends: dict[str, tuple[str | None, int]]
) -> tuple[str | None, int]:
    """Follow ``node``'s chain of references to a schema (None), a dangling reference (it) or a cycle (""), and
    its length; recorded for every reference passed."""
    chain = [pointer]
    on_chain = {pointer}
    target: Any = node
    end: str | None = None
    length = 0
    while isinstance(target, dict) and isinstance(target.get("$ref"), str):
        current = target["$ref"]
        if not current.startswith("#"):
            break  # reported where it is written
        key = current[1:]
        if key in ends:
            end, length = ends[key][0], ends[key][1] + 1
            break
        if key in on_chain:
            end = ""
            break
        try:
            target = resolve(data, current)
        except KeyError:
            end = current
            break
        chain.append(key)
        on_chain.add(key)
    for offset, key in enumerate(reversed(chain)):
        ends[key] = (end, length + offset)
    return ends[pointer]


def _check_schema_cycles(data: dict[str, Any]) -> list[Problem]:
    """A schema that is (through $ref and allOf only) made of itself can never be a model."""
    components = data.get("components")
    schemas = components.get("schemas") if isinstance(components, dict) else None
    if not isinstance(schemas, dict):
        return []
    prefix = "#/components/schemas/"

    def direct(schema: Any) -> set[str]:
        """Component schemas that this schema *is* (not merely contains)."""
        found: set[str] = set()
        if not isinstance(schema, dict):
            return found
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith(prefix):
            found.add(ref[len(prefix) :].replace("~1", "/").replace("~0", "~"))
        for part in schema.get("allOf") or [] if isinstance(schema.get("allOf"), list) else []:
            found |= direct(part)
        return found

    # a schema that is only a $ref is checked (once, where it is written) by _check_refs
    edges = {name: direct(schema) for name, schema in schemas.items()}
    pure_refs = {name for name, schema in schemas.items() if isinstance(schema, dict) and set(schema) == {"$ref"}}
    problems = []
    for name in sorted(set(edges) - pure_refs, key=str):
        stack, seen = list(edges[name]), set()
        while stack:
            current = stack.pop()
            if current == name:
                problems.append(
                    Problem(
                        f"/components/schemas/{escape(str(name))}",
                        "schema is defined in terms of itself (through $ref/allOf) and can never be a model",
                    )
                )
                break
            if current not in seen:
                seen.add(current)
                stack.extend(edges.get(current, ()))
    return problems


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

    for _, node in list(_walk(data)):
        if "schema" in node and isinstance(node["schema"], (bool, dict)):
            node["schema"] = fix(node["schema"])
    components = data.get("components")
    if isinstance(components, dict) and isinstance(components.get("schemas"), dict):
        schemas = components["schemas"]
        for name in list(schemas):
            schemas[name] = fix(schemas[name])
