"""Spec (validated) + config + model names -> the IR: the operations of every path, then the API around them.

Each step is a module of its own (``operations``, ``parameters``, ``bodies``, ``responses``, ``error_models``,
``pagination``, ``security``, ``servers``, ``resources``, ``model_docs``; types: ``pytypes``), all sharing one
``Context``. All naming goes through ``naming``.
"""

from __future__ import annotations

from typing import Any

from generator import naming, operations
from generator.config import Config
from generator.context import Context, new_context
from generator.errors import Problem
from generator.ir import Api, ErrorModel, Operation, RetryPolicy
from generator.model_docs import model_docs
from generator.models import Models
from generator.pointers import escape
from generator.resources import resources
from generator.samples import with_samples
from generator.security import security
from generator.servers import servers
from generator.validate import HTTP_METHODS


def build(ctx: Context) -> Api:
    info = ctx.data.get("info", {})
    by_tag: dict[str, list[Operation]] = {}
    tag_docs = {t.get("name"): t.get("description", "") for t in ctx.data.get("tags", []) if isinstance(t, dict)}
    error_classes: dict[str, ErrorModel] = {}
    taken_functions: set[str] = set()
    for path, item in ctx.data.get("paths", {}).items():
        for method in HTTP_METHODS:
            op = item.get(method)
            if not isinstance(op, dict):
                continue
            pointer = f"/paths/{escape(path)}/{method}"
            tag = naming.resource_tag(op)
            operation = operations.operation(
                ctx, path, method, item, op, tag, pointer, error_classes, taken_functions, by_tag.get(tag, [])
            )
            by_tag.setdefault(tag, []).append(operation)
    return Api(
        title=ctx.config.title,
        description=str(info.get("description", "")).strip(),
        package=ctx.config.package,
        distribution=ctx.config.distribution,
        version=ctx.config.version,
        sdk_class=ctx.config.sdk_class,
        core_class=ctx.config.core_class,
        env_prefix=ctx.config.env_prefix,
        default_timeout_ms=ctx.config.default_timeout_ms,
        retry=retry_policy(ctx),
        servers=servers(ctx.data.get("servers")),
        security=security(ctx),
        resources=resources(ctx, by_tag, tag_docs),
        errors=tuple(sorted(error_classes.values(), key=lambda e: e.class_name)),
        model_modules=tuple(sorted(ctx.models.modules.items())),
        model_index=tuple(sorted(ctx.models.locations.items())),
        models=model_docs(ctx),
        literals=tuple(sorted(ctx.literals.values())),
    )


def retry_policy(ctx: Context) -> RetryPolicy:
    known = set(RetryPolicy.__dataclass_fields__)
    overrides = {k: v for k, v in ctx.config.retry.items() if k in known}
    for key in sorted(set(ctx.config.retry) - known):
        ctx.warnings.append(Problem("", f"generator config: unknown retry setting {key!r} is ignored", level="warning"))
    if "statuses" in overrides:
        overrides["statuses"] = tuple(int(s) for s in overrides["statuses"])
    return RetryPolicy(**overrides)


def build_api(data: dict[str, Any], config: Config, models: Models) -> tuple[Api, list[Problem]]:
    ctx = new_context(data, config, models)
    return with_samples(build(ctx), data), ctx.warnings  # samples: for the generated tests
