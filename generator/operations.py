"""One operation of the spec -> its ``Operation``: names, parameters, body, responses, security, pagination."""

from __future__ import annotations

from typing import Any

from generator import file_names, naming
from generator import pagination as paging
from generator import responses as resp
from generator.bodies import request_body
from generator.context import Context
from generator.ir import ErrorModel, Operation, Response
from generator.parameters import parameters
from generator.pointers import escape
from generator.security import alternatives
from generator.servers import servers

_IDEMPOTENT = frozenset({"get", "head", "put", "delete", "options"})  # as documented; TRACE is never retried


def operation(
    ctx: Context,
    path: str,
    method: str,
    item: dict[str, Any],
    op: dict[str, Any],
    tag: str,
    pointer: str,
    error_classes: dict[str, ErrorModel],
    taken_functions: set[str],
    siblings: list[Operation],
) -> Operation:
    op_id = str(op.get("operationId") or f"{method}_{path}")
    name = ctx.config.method_names.get(op_id) or naming.method_name(op_id, tag)
    name = _free_method(name, siblings)
    function = naming.unique(f"{naming.snake(tag)}_{name}", taken_functions)
    params = parameters(ctx, item, op, pointer)
    body = request_body(ctx, op, pointer, {p.name for p in params})
    if body is not None:
        params = tuple(sorted((*params, body[0]), key=lambda p: not p.required))
    responses = op.get("responses", {})
    successes: list[Response] = []
    errors: list[Response] = []
    for status in sorted(responses, key=str):  # exact codes sort before ranges: "200" < "201" < "2XX"
        response = resp.response(
            ctx, str(status), responses[status], f"{pointer}/responses/{escape(str(status))}", error_classes
        )
        if str(status).startswith("2"):
            successes.append(response)
        elif not str(status).startswith(("1", "2", "3")):
            errors.append(response)
    success, by_status = resp.success(ctx, successes, f"{pointer}/responses")
    op_security = op.get("security", ctx.data.get("security", []))
    operation = Operation(
        id=op_id,
        method_name=name,
        function_name=function,
        module=file_names.file_stem(function),
        request_model=naming.class_name(f"{op_id} Request", ctx.request_models),
        http_method=method.upper(),
        path=path,
        summary=str(op.get("summary", "")).strip(),
        description=str(op.get("description", "")).strip(),
        parameters=params,
        success=success,
        errors=tuple(errors),
        retry_by_default=method in _IDEMPOTENT,
        deprecated=op.get("deprecated") is True,
        pagination=None,
        security=alternatives(ctx, op_security)[0],
        body=body[1] if body is not None else None,
        success_by_status=by_status,
        required_security=alternatives(ctx, op_security)[1],
        servers=servers(op.get("servers")) or servers(item.get("servers")),
    )
    pagination = paging.pagination(ctx, operation, op, pointer)
    if pagination is None:
        return operation
    from dataclasses import replace

    iterate = _free_method("list_all" if name == "list" else f"{name}_all", siblings, also=name)
    return replace(operation, pagination=replace(pagination, method_name=iterate))


def _free_method(name: str, siblings: list[Operation], also: str = "") -> str:
    """``name`` (or ``name_2``...) such that it and its ``_async`` twin are free among the siblings' methods."""
    taken = {also, f"{also}_async"} if also else set()
    taken.add("with_raw_response")  # every resource's attribute for the raw-response twins of its methods
    for o in siblings:
        for method in (o.method_name, o.pagination.method_name if o.pagination else ""):
            taken |= {method, f"{method}_async"}
    candidate, n = name, 2
    while candidate in taken or f"{candidate}_async" in taken:
        candidate = f"{name}_{n}"
        n += 1
    return candidate
