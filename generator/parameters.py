"""An operation's path, query and header parameters (its own and its path item's) -> keyword ``Parameter``s."""

from __future__ import annotations

from functools import partial
from typing import Any

from generator import naming, param_styles
from generator.context import Context
from generator.errors import Problem
from generator.ir import Parameter
from generator.pytypes import NONE, _union, _unwrap, accepting_values, deref, literal, py_type


def parameters(ctx: Context, item: dict[str, Any], op: dict[str, Any], pointer: str) -> tuple[Parameter, ...]:
    merged: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
    for where, params in (
        (pointer.rsplit("/", 1)[0], item.get("parameters", [])),
        (pointer, op.get("parameters", [])),
    ):
        for index, raw in enumerate(params or []):
            param = deref(ctx, raw)
            merged[(str(param.get("in")), str(param.get("name")))] = (param, f"{where}/parameters/{index}")
    taken: set[str] = {"self", "retries", "server_url", "timeout_ms", "http_headers", "client", "request", "body"}
    result = []
    for (location, wire), (param, here) in merged.items():
        if location not in ("path", "query", "header", "cookie"):
            ctx.warnings.append(
                Problem(here, f"{location} parameters are not supported; {wire!r} is left out", level="warning")
            )
            continue
        schema = param.get("schema", {})
        type_ = py_type(ctx, schema, f"{here}/schema")
        resolved = deref(ctx, schema)
        required = param.get("required") is True
        default_value = resolved.get("default") if isinstance(resolved, dict) else None
        default: str | None = None
        if not required:
            if isinstance(default_value, (str, int, float, bool)):
                default = literal(ctx, default_value, type_)
            else:
                default = "None"
                type_ = _union([type_, NONE]) if not type_.nullable else type_
        example_values = [
            param.get("example"),
            *(resolved.get("examples") or [None] if isinstance(resolved, dict) else [None]),
        ]
        wire_form = param_styles.decide(param, location, partial(deref, ctx), here, ctx.warnings)
        example = next((v for v in example_values if v is not None), None)
        if example is not None and _unwrap(type_).kind == "list" and not isinstance(example, list):
            example = [example]
        result.append(
            Parameter(
                name=naming.unique(naming.field_name(wire), taken),
                wire_name=wire,
                location=location,  # type: ignore[arg-type]
                type=accepting_values(ctx, type_),
                required=required,
                default=default,
                description=str(param.get("description") or resolved.get("description", "")).strip(),
                example=literal(ctx, example, type_) if example is not None else None,
                explode=wire_form.explode,
                deprecated=param.get("deprecated") is True,
                style=wire_form.style,
                allow_reserved=wire_form.allow_reserved,
                kind=wire_form.kind,
                styled=wire_form.styled,
            )
        )
    result.sort(key=lambda p: (not p.required, 0))
    return tuple(result)
