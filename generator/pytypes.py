"""Schema -> the Python type of the IR (``PyType``), and JSON values as Python expressions of such a type."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Any

from generator.filters import pyrepr
from generator.ir import PyType
from generator.models import Models
from generator.pointers import escape, resolve

if TYPE_CHECKING:
    from generator.context import Context


_PRIMITIVES = {"integer": "int", "number": "float", "boolean": "bool", "string": "str"}
_FORMATS = {"date-time": "datetime.datetime", "date": "datetime.date", "binary": "bytes"}
NONE = PyType("none")
ANY = PyType("any")


def deref(ctx: Context, schema: Any) -> Any:
    seen = 0
    while isinstance(schema, dict) and "$ref" in schema and seen < 64:
        schema = resolve(ctx.data, schema["$ref"])
        seen += 1
    return schema


def py_type(ctx: Context, schema: Any, pointer: str) -> PyType:
    if not isinstance(schema, dict) or not schema:
        return ANY
    ref = schema.get("$ref")
    if isinstance(ref, str):
        cls = ctx.models.classes.get(ref)
        target = resolve(ctx.data, ref)
        if cls is not None and isinstance(target, dict) and (target.get("enum") or _is_object(target)):
            return PyType("model", cls)
        if ref in ctx.expanding:  # a schema made of itself through arrays or unions (``Tree: [Tree]``)
            return PyType("model", cls) if cls is not None else ANY
        ctx.expanding.add(ref)
        try:
            return py_type(ctx, target, pointer)
        finally:
            ctx.expanding.discard(ref)
    for key in ("anyOf", "oneOf"):
        if isinstance(schema.get(key), list):
            return _union([py_type(ctx, s, f"{pointer}/{key}/{i}") for i, s in enumerate(schema[key])])
    if isinstance(schema.get("allOf"), list) and len(schema["allOf"]) == 1:
        return py_type(ctx, schema["allOf"][0], f"{pointer}/allOf/0")
    if "const" in schema:
        return PyType("literal", values=(schema["const"],))
    types = schema.get("type")
    type_list = types if isinstance(types, list) else [types] if types else []
    nullable = schema.get("nullable") is True or "null" in type_list
    options = [_single(ctx, schema, t, pointer) for t in type_list if t != "null"] or ([ANY] if not nullable else [])
    if nullable:
        options.append(NONE)
    return _union(options)


def _single(ctx: Context, schema: dict[str, Any], type_: str, pointer: str) -> PyType:
    if isinstance(schema.get("enum"), list) and type_ in ("string", "integer"):
        return PyType("literal", values=tuple(v for v in schema["enum"] if v is not None))
    if type_ == "array":
        return PyType("list", args=(py_type(ctx, schema.get("items", {}), f"{pointer}/items"),))
    if type_ == "object":
        extra = schema.get("additionalProperties")
        value = py_type(ctx, extra, f"{pointer}/additionalProperties") if isinstance(extra, dict) else ANY
        return PyType("dict", args=(PyType("builtin", "str"), value))
    if type_ == "string" and schema.get("format") in _FORMATS:
        return PyType("builtin", _FORMATS[schema["format"]])
    if type_ in _PRIMITIVES:
        return PyType("builtin", _PRIMITIVES[type_])
    return ANY


def literal(ctx: Context, value: Any, type_: PyType) -> str:
    """A JSON value as a Python expression of ``type_``; only repr() of data reaches the output."""
    if value is None:
        return "None"
    if type_.kind == "union":
        non_null = [a for a in type_.args if a.kind != "none"]
        fits = [a for a in non_null if _fits(value, a)]
        return literal(ctx, value, (fits or non_null or [ANY])[0])
    if type_.kind == "list" and isinstance(value, list):
        return "[" + ", ".join(literal(ctx, v, type_.args[0]) for v in value) + "]"
    if type_.kind == "model" and not isinstance(value, (dict, list)):
        member = enum_member(ctx, type_.name, value)
        if member is not None:
            return f"components.{type_.name}.{member}"
        return f"components.{type_.name}({value!r})"
    if type_.kind == "builtin" and type_.name.startswith("datetime.") and isinstance(value, str):
        return f"{type_.name}.fromisoformat({value!r})"
    if isinstance(value, (str, int, float, bool, list, dict)):
        return pyrepr(value)
    return repr(str(value))


def enum_literals(models: Models) -> dict[str, tuple[str, tuple[str | int, ...]]]:
    """Enum class -> the ``<Enum>Literal`` alias of its values (skipped when a model already has that name)."""
    taken = set(models.classes.values()) | set(models.locations)
    out: dict[str, tuple[str, tuple[str | int, ...]]] = {}
    for cls, members in sorted(models.members.items()):
        values = [ast.literal_eval(value) for value in members]
        if values and f"{cls}Literal" not in taken and all(type(v) in (str, int) for v in values):
            out[cls] = (f"{cls}Literal", tuple(values))
    return out


def accepting_values(ctx: Context, type_: PyType) -> PyType:
    """A parameter's type that takes an enum's plain values as well as its members (``order_by="timestamp"``)."""
    if type_.kind == "model" and type_.name in ctx.literals:
        alias, values = ctx.literals[type_.name]
        return PyType("union", args=(type_, PyType("literal", alias, values=values)))
    if type_.kind in ("list", "union"):
        args = tuple(accepting_values(ctx, a) for a in type_.args)
        return _union(list(args)) if type_.kind == "union" else PyType("list", args=args)
    return type_


def enum_member(ctx: Context, class_name: str, value: Any) -> str | None:
    """The member name datamodel-code-generator gave ``value``."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    return ctx.models.members.get(class_name, {}).get(repr(value))


def field_type(ctx: Context, schema: dict[str, Any], wire: str, prop: Any, ref: str) -> PyType:
    """A property's type as the model declares it: optional properties may be None."""
    type_ = py_type(ctx, prop, f"{ref[1:]}/properties/{escape(wire)}")
    return type_ if wire in schema.get("required", []) else _union([type_, NONE])


# what a multipart file field takes: the content, or httpx's (filename, content) / (filename, content, content type)
_FILE_TYPES = ("bytes", "tuple[str, bytes]", "tuple[str, bytes, str]")


def _file_type(type_: PyType) -> PyType:
    """``bytes`` anywhere in a multipart body's type -> bytes or a file tuple."""
    if type_.kind == "builtin" and type_.name == "bytes":
        return PyType("union", args=tuple(PyType("builtin", t) for t in _FILE_TYPES))
    if type_.kind == "union":
        return _union([_file_type(a) for a in type_.args])
    if type_.kind == "list":
        return PyType("list", args=(_file_type(type_.args[0]),))
    return type_


def _is_object(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "object" or "properties" in schema or "allOf" in schema


def _union(options: list[PyType]) -> PyType:
    flat: list[PyType] = []
    for option in options:
        for member in option.args if option.kind == "union" else (option,):
            if member not in flat:
                flat.append(member)
    if any(o.kind == "any" for o in flat):
        return ANY
    flat.sort(key=lambda t: t.kind == "none")
    if len(flat) == 1:
        return flat[0]
    return PyType("union", args=tuple(flat)) if flat else ANY


def _unwrap(type_: PyType) -> PyType:
    if type_.kind == "union":
        non_null = [a for a in type_.args if a.kind != "none"]
        return non_null[0] if len(non_null) == 1 else type_
    return type_


def _fits(value: Any, type_: PyType) -> bool:
    if type_.kind == "list":
        return isinstance(value, list)
    if type_.kind in ("dict",):
        return isinstance(value, dict)
    if type_.kind == "builtin":
        expected = {"int": int, "float": (int, float), "bool": bool, "str": str}.get(type_.name, object)
        return isinstance(value, expected)  # type: ignore[arg-type]
    return True
