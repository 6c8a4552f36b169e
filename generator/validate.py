"""Structural checks that the IR relies on; every problem is collected, not just the first."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator.errors import Problem
from generator.load import escape, resolve

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_STATUS = re.compile(r"^(default|[1-5][0-9][0-9]|[1-5]XX)$")
_TEMPLATE_PARAM = re.compile(r"\{([^{}]+)\}")


def validate(data: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    version = data.get("openapi")
    if not isinstance(version, str) or not re.match(r"^3\.[01]\.\d+", version):
        problems.append(Problem("/openapi", f"unsupported OpenAPI version {version!r}; 3.0.x and 3.1.x are supported"))
    problems.extend(_check_refs(data))
    paths = data.get("paths")
    if not isinstance(paths, dict):
        problems.append(Problem("/paths", "'paths' must be a mapping"))
        return problems
    seen_ids: dict[str, str] = {}
    for path, item in paths.items():
        base = f"/paths/{escape(path)}"
        if not isinstance(item, dict):
            problems.append(Problem(base, "a path item must be a mapping"))
            continue
        for method in HTTP_METHODS:
            op = item.get(method)
            if op is None:
                continue
            here = f"{base}/{method}"
            if not isinstance(op, dict):
                problems.append(Problem(here, "an operation must be a mapping"))
                continue
            op_id = op.get("operationId")
            if isinstance(op_id, str):
                if op_id in seen_ids:
                    problems.append(
                        Problem(f"{here}/operationId", f"duplicate operationId {op_id!r} (first at #{seen_ids[op_id]})")
                    )
                else:
                    seen_ids[op_id] = f"{here}/operationId"
            problems.extend(_check_path_params(data, path, item, op, here))
            responses = op.get("responses", {})
            if isinstance(responses, dict):
                for status in responses:
                    if not _STATUS.match(str(status)):
                        problems.append(
                            Problem(
                                f"{here}/responses/{escape(str(status))}",
                                f"invalid response status {status!r}; expected a code, a range like 4XX, or default",
                            )
                        )
    return problems


def _check_path_params(
    data: dict[str, Any], path: str, item: dict[str, Any], op: dict[str, Any], here: str
) -> list[Problem]:
    declared: dict[str, dict[str, Any]] = {}
    for params in (item.get("parameters", []), op.get("parameters", [])):
        for param in params if isinstance(params, list) else []:
            if isinstance(param, dict) and "$ref" in param:
                try:
                    param = resolve(data, param["$ref"])
                except KeyError:
                    continue  # reported by _check_refs
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


def _check_refs(data: dict[str, Any]) -> list[Problem]:
    problems = []
    for pointer, node in _walk(data):
        ref = node.get("$ref")
        if not isinstance(ref, str):
            continue
        where = f"{pointer}/$ref"
        if not ref.startswith("#"):
            problems.append(
                Problem(
                    where, f"external reference {ref!r} cannot be resolved; only local '#/...' references are supported"
                )
            )
            continue
        seen = {pointer}
        target: Any = node
        while isinstance(target, dict) and isinstance(target.get("$ref"), str):
            current = target["$ref"]
            try:
                target = resolve(data, current)
            except KeyError:
                problems.append(Problem(where, f"reference {current!r} does not resolve"))
                break
            key = current[1:]
            if key in seen:
                problems.append(
                    Problem(where, f"reference {ref!r} is a cycle of references that never reaches a schema")
                )
                break
            seen.add(key)
    return problems
