"""The checks of one operation and its parameters (operationId, tags, path template parameters, request body,
response statuses and media types): apart from the document-wide checks of ``validate``, which runs them."""

from __future__ import annotations

import re
from typing import Any

from generator.errors import Problem
from generator.pointers import escape, resolve

_STATUS = re.compile(r"^(default|[1-5][0-9][0-9]|[1-5]XX)$")
_TEMPLATE_PARAM = re.compile(r"\{([^{}]*)\}")
_PARAM_LOCATIONS = ("path", "query", "header", "cookie")


def check_operation(
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
    problems.extend(check_parameters(data, op.get("parameters"), f"{here}/parameters"))
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
            return None  # reported by check_refs
    return None


def check_parameters(data: dict[str, Any], params: Any, here: str) -> list[Problem]:
    if params is None:
        return []
    if not isinstance(params, list):
        return [Problem(here, "'parameters' must be a list")]
    problems = []
    for index, raw in enumerate(params):
        param = _deref(data, raw)
        if raw is not None and param is None and isinstance(raw, dict) and "$ref" in raw:
            continue  # a dangling $ref, reported by check_refs
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
