"""What the templates look up in the IR beyond its fields: the docs' example arguments (as literals a code fence
holds), the resource tree and each resource's path from the SDK, the first operation of a kind, every exception
class. Lookups, apart from the escaping of spec text (``filters``) and the layout of the files (``render``)."""

from __future__ import annotations

from generator.filters import pyrepr
from generator.ir import Api, ErrorModel, Operation, Parameter, PyType, Resource
from generator.reserved_names import RUNTIME_ERRORS, STATUS_ERRORS


def example(param: Parameter) -> str:
    """A Python literal to pass for ``param`` in docs: the spec's example, else a placeholder of its type."""
    if param.example is not None:
        literal = param.example
    else:
        literal = _placeholder(param.name, param.type)
    # a backtick can only occur inside a string literal, where \x60 means the same and cannot end a fence
    return literal.replace("`", "\\x60")


def _placeholder(name: str, type_: PyType) -> str:
    if type_.kind == "union":
        options = [a for a in type_.args if a.kind != "none"]
        return _placeholder(name, options[0]) if options else "None"
    if type_.kind == "list":
        return "[]"
    if type_.kind == "dict":
        return "{}"
    if type_.kind == "literal" and type_.values:
        return repr(type_.values[0])
    if type_.kind == "builtin":
        return {"int": "0", "float": "0.0", "bool": "False", "bytes": "b''"}.get(
            type_.name, repr("<id>" if name == "id" or name.endswith("_id") else "<value>")
        )
    return "None"


def example_arg(param: Parameter) -> tuple[str, str]:
    return param.name, example(param)


def example_args(op: Operation) -> list[tuple[str, str]]:
    """The keyword arguments a docs example passes: every required parameter, and those with an example that are
    not deprecated (an example should not teach what is on its way out)."""
    return [example_arg(p) for p in op.parameters if p.required or (p.example is not None and not p.deprecated)]


def attr_path(resource: Resource, api: Api) -> str:
    """How the SDK reaches a resource: ``sessions``, or ``sessions.transcript`` for a nested one."""
    if resource.access:
        return resource.access
    by_module = {r.module: r for r in api.resources}
    parts = [resource.name]
    seen = {resource.module}
    while resource.parent in by_module and resource.parent not in seen:
        resource = by_module[resource.parent]
        seen.add(resource.module)
        parts.append(resource.name)
    return ".".join(reversed(parts))


def resource_tree(api: Api) -> list[tuple[int, Resource]]:
    """Every resource once, as (depth, resource): each top-level one followed by its nested ones, depth first."""
    by_module = {r.module: r for r in api.resources}
    ordered: list[tuple[int, Resource]] = []
    seen: set[str] = set()

    def visit(resource: Resource, depth: int) -> None:
        if resource.module in seen:
            return
        seen.add(resource.module)
        ordered.append((depth, resource))
        for child in resource.children:
            if child.module in by_module:
                visit(by_module[child.module], depth + 1)

    for resource in api.resources:
        if resource.parent not in by_module:
            visit(resource, 0)
    for resource in api.resources:  # a parent cycle cannot come from dotted tags; never drop a resource anyway
        visit(resource, 0)
    return ordered


def resource_by_module(api: Api, module: str) -> Resource | None:
    return next((r for r in api.resources if r.module == module), None)


def first_op(api: Api, kind: str) -> tuple[Resource, Operation] | None:
    """(resource, operation) of the first operation that is ``paginated``, a ``stream``, ``events``, ``json``, or
    ``secured``."""
    for resource in api.resources:
        for op in resource.operations:
            if kind == "paginated" and op.pagination is not None:
                return resource, op
            if kind in ("stream", "json", "events") and op.success.kind == kind:
                return resource, op
            if kind == "path" and op.success.kind == "json" and any(p.location == "path" for p in op.parameters):
                return resource, op
            if kind == "secured" and op.required_security:
                return resource, op
    return None


def enum_param(op: Operation) -> tuple[Parameter, str, str | int, str] | None:
    """For the docs: an enum parameter of ``op``, a scalar one first, as (parameter, enum class, its first value,
    that value as the argument's literal)."""
    found = []
    for param in op.parameters:
        named = _named_literal(param.type)
        if named is not None:
            value = named[0].values[0]
            assert isinstance(value, (str, int)) and not isinstance(value, bool)
            argument = f"[{pyrepr(value)}]" if named[1] else pyrepr(value)
            found.append((named[1], (param, named[0].name.removesuffix("Literal"), value, argument)))
    return min(found, key=lambda f: f[0])[1] if found else None


def first_enum_param(api: Api) -> tuple[Resource, Operation, Parameter, str, str | int, str] | None:
    """``enum_param`` of the first JSON operation that has one, with its resource and operation."""
    for resource in api.resources:
        for op in resource.operations:
            found = enum_param(op) if op.success.kind == "json" else None
            if found is not None:
                return (resource, op, *found)
    return None


def _named_literal(type_: PyType, in_list: bool = False) -> tuple[PyType, bool] | None:
    if type_.kind == "literal" and type_.name and type_.values:
        return type_, in_list
    for arg in type_.args if type_.kind in ("union", "list") else ():
        named = _named_literal(arg, in_list or type_.kind == "list")
        if named is not None:
            return named
    return None


def runtime_errors(api: Api) -> list[tuple[str, ErrorModel | None]]:
    """Every exception class of ``models.errors``, with the spec's error model for the parsed ones."""
    names: list[tuple[str, ErrorModel | None]] = [(f"{api.sdk_class}Error", None)]
    names += [(name, None) for name in RUNTIME_ERRORS]
    return names + [(name, None) for name in STATUS_ERRORS] + [(e.class_name, e) for e in api.errors]
