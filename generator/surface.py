"""The public surface of a generated package as its IR names it: which Python paths belong to which operation,
resource or model, and the changes griffe does not look at (types, renames, additions)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.filters import pytype
from generator.ir import Api, ModelDoc, Operation, PyType, Resource

Level = Literal["major", "minor", "patch"]


@dataclass(frozen=True)
class Subject:
    kind: str  # operation, resource, model, enum, error
    name: str  # the spec's name: operationId, tag, schema
    python: str  # where a user finds it, e.g. sdk.sessions.list

    def __str__(self) -> str:
        return f"{self.kind} `{self.name}`"


def subjects(api: Api) -> dict[str, Subject]:
    """Public Python path -> what it is in the spec's terms (diff maps the private modules' paths to these)."""
    pkg = api.package
    by_module = {r.module: r for r in api.resources}
    where: dict[str, Subject] = {}
    for r in api.resources:
        resource = Subject("resource", r.tag, f"sdk.{r.access or r.name}")
        parent = by_module.get(r.parent)
        owner = f"{pkg}.{parent.module}.{parent.class_name}" if parent else f"{pkg}.sdk.{api.sdk_class}"
        for path in (f"{pkg}.{r.module}", f"{pkg}.{r.module}.{r.class_name}", f"{owner}.{r.name}"):
            where[path] = resource
        for op in r.operations:
            subject = Subject("operation", op.id, f"sdk.{r.access or r.name}.{op.method_name}")
            for name in _methods(op):
                where[f"{pkg}.{r.module}.{r.class_name}.{name}"] = subject
            for name in (op.function_name, f"{op.function_name}_async"):
                where[f"{pkg}.funcs.{name}"] = subject
            where[f"{pkg}.models.operations.{op.request_model}"] = subject
    for model in api.models:
        kind = "enum" if model.kind == "enum" else "model"
        subject = Subject(kind, model.class_name, f"models.components.{model.class_name}")
        where[f"{pkg}.models.components.{model.class_name}"] = subject
    for error in api.errors:
        where[f"{pkg}.models.errors.{error.class_name}"] = Subject(
            "error", error.class_name, f"models.errors.{error.class_name}"
        )
    return where


def ir_changes(old: Api, new: Api) -> list[tuple[Level, str]]:
    """(level, text) for what the IR shows and griffe does not: renamed methods, changed types, additions."""
    found: list[tuple[Level, str]] = []
    old_resources = {r.tag: r for r in old.resources}
    for r in new.resources:
        if r.tag not in old_resources:
            found.append(("minor", f"new resource `{r.tag}` (`sdk.{r.access or r.name}`)"))
    old_ops, new_ops = _operations(old), _operations(new)
    for op_id, (resource, op) in new_ops.items():
        if op_id not in old_ops:
            found.append(
                ("minor", f"new operation `{op_id}` (`sdk.{resource.access or resource.name}.{op.method_name}`)")
            )
            continue
        found += _operation_changes(old_ops[op_id], (resource, op))
    old_models = {m.class_name: m for m in old.models}
    for model in new.models:
        if model.class_name in old_models:
            found += _model_changes(old_models[model.class_name], model)
        else:
            found.append(("minor", f"new model `{model.class_name}`"))
    return found


def _operation_changes(old: tuple[Resource, Operation], new: tuple[Resource, Operation]) -> list[tuple[Level, str]]:
    (old_resource, old_op), (resource, op) = old, new
    name = f"operation `{op.id}`"
    found: list[tuple[Level, str]] = []
    before = f"sdk.{old_resource.access or old_resource.name}.{old_op.method_name}"
    after = f"sdk.{resource.access or resource.name}.{op.method_name}"
    if before != after:
        found.append(("major", f"{name}: method renamed from `{before}` to `{after}`"))
    if old_op.function_name != op.function_name:
        found.append(("major", f"{name}: function renamed from `{old_op.function_name}` to `{op.function_name}`"))
    old_return, new_return = _returns(old_op), _returns(op)
    if old_return != new_return:
        found.append(("major", f"{name}: returns `{new_return}` instead of `{old_return}`"))
    old_params = {p.name: p for p in old_op.parameters}
    for param in op.parameters:
        was = old_params.get(param.name)
        if was is None:
            if not param.required:  # a new required one is griffe's to report
                found.append(("minor", f"{name}: new optional parameter `{param.name}`"))
        elif was.type != param.type:
            found.append(_retyped(f"{name}: parameter `{param.name}`", was.type, param.type))
    return found


def _model_changes(old: ModelDoc, new: ModelDoc) -> list[tuple[Level, str]]:
    name = f"{'enum' if new.kind == 'enum' else 'model'} `{new.class_name}`"
    found: list[tuple[Level, str]] = []
    values = set(old.enum_values)
    found += [("minor", f"{name}: new member {value!r}") for value in new.enum_values if value not in values]
    old_fields = {f[0]: f for f in old.fields}
    for field_name, type_, required, _ in new.fields:
        was = old_fields.get(field_name)
        if was is None:
            level: Level = "major" if required else "minor"
            found.append((level, f"{name}: new {'required' if required else 'optional'} field `{field_name}`"))
        elif was[1] != type_:
            found.append(_retyped(f"{name}: field `{field_name}`", was[1], type_))
    return found


def _retyped(what: str, old: PyType, new: PyType) -> tuple[Level, str]:
    """A widened type accepts everything it did (a minor change); any other change may refuse or return values
    that the old one did not (breaking)."""
    if _widens(old, new):
        return "minor", f"{what}: type widened from `{pytype(old)}` to `{pytype(new)}`"
    return "major", f"{what}: type changed from `{pytype(old)}` to `{pytype(new)}`"


def _widens(old: PyType, new: PyType) -> bool:
    olds = old.args if old.kind == "union" else (old,)
    news = new.args if new.kind == "union" else (new,)
    return all(any(_covers(o, n) for n in news) for o in olds)


def _covers(old: PyType, new: PyType) -> bool:
    if new.kind == "any" or old == new:
        return True
    return old.kind == new.kind == "literal" and set(old.values) <= set(new.values)


def _returns(op: Operation) -> str:
    if op.success.kind == "stream":
        return "BinaryStream"
    if op.success.kind == "events" and op.success.type is not None:
        return f"EventStream[{pytype(op.success.type)}]"
    return "None" if op.success.type is None else pytype(op.success.type)


def _methods(op: Operation) -> tuple[str, ...]:
    names: tuple[str, ...] = (op.method_name, f"{op.method_name}_async")
    if op.pagination is not None:
        names += (op.pagination.method_name, f"{op.pagination.method_name}_async")
    return names


def _operations(api: Api) -> dict[str, tuple[Resource, Operation]]:
    return {op.id: (r, op) for r in api.resources for op in r.operations}
