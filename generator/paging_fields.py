"""What a page looks like to ``pagination.py``: the success type's fields, by wire name, and what each one holds.

Kept apart so that the style rules read as rules: "exactly one list", "a string field named like a cursor"."""

from __future__ import annotations

from typing import Any

from generator.context import Context
from generator.ir import PyType
from generator.pytypes import ANY, deref, py_type


class Page:
    """The success type of an operation: a list (the page is its items) or a model and its fields."""

    def __init__(self, ctx: Context, item: PyType | None, model: str | None) -> None:
        self.ctx = ctx
        self.item = item  # the body is a list of these
        self.model = model
        self.fields: dict[str, str] = {}  # wire name -> attribute
        self.types: dict[str, PyType] = {}  # wire name -> its type, None left out of a union
        self.arrays: dict[str, PyType] = {}  # wire name -> item type, for the list fields
        self.integers: set[str] = set()
        if model is not None:
            self._read(model)

    def _read(self, model: str) -> None:
        props = _properties(self.ctx, model)
        names = self.ctx.models.fields.get(model, {})
        for wire, schema in props.items():
            if wire not in names:  # no attribute was named for it: a spec string never stands in for one
                continue
            self.fields[wire] = names[wire]
            kind = _plain(py_type(self.ctx, schema, ""))
            self.types[wire] = kind
            if kind.kind == "list":
                self.arrays[wire] = kind.args[0] if kind.args else ANY
            elif kind == PyType("builtin", "int"):
                self.integers.add(wire)

    def only_list(self) -> tuple[str | None, PyType] | None:
        """(None, item) for a list body; (attribute, item) for a model with exactly one list field; else None."""
        if self.item is not None:
            return None, self.item
        if len(self.arrays) != 1:
            return None
        ((wire, item),) = self.arrays.items()
        return self.fields[wire], item

    def list_named(self, wire: str) -> tuple[str | None, PyType] | None:
        if wire not in self.arrays:
            return None
        return self.fields[wire], self.arrays[wire]

    def strings_named(self, names: tuple[str, ...], nested: bool = True) -> list[tuple[str, ...]]:
        """The attribute paths of the string fields named one of ``names``, at the top or in one object field."""
        found: list[tuple[str, ...]] = [
            (self.fields[w],) for w in names if self.types.get(w) == PyType("builtin", "str")
        ]
        for wire, kind in self.types.items() if nested else ():
            if kind.kind == "model":
                inner = Page(self.ctx, None, kind.name).strings_named(names, nested=False)
                found += [(self.fields[wire], *path) for path in inner]
        return found

    def path(self, dotted: str) -> tuple[str, ...] | None:
        """The attribute path of a dotted wire path (``meta.next_cursor``), None where a part does not exist."""
        head, _, rest = dotted.partition(".")
        if head not in self.fields:
            return None
        if not rest:
            return (self.fields[head],)
        kind = self.types[head]
        if kind.kind != "model":
            return None
        inner = Page(self.ctx, None, kind.name).path(rest)
        return None if inner is None else (self.fields[head], *inner)


def page_of(ctx: Context, type_: PyType) -> Page | None:
    """The page of a success type that can be one: a list, or a model of an object schema."""
    if type_.kind == "list":
        return Page(ctx, type_.args[0] if type_.args else ANY, None)
    if type_.kind == "model":
        return Page(ctx, None, type_.name)
    return None


def _properties(ctx: Context, model: str) -> Any:
    ref = next((r for r, c in ctx.models.classes.items() if c == model), None)
    schema = deref(ctx, {"$ref": ref}) if ref else {}
    props = schema.get("properties") if isinstance(schema, dict) else None
    return props if isinstance(props, dict) else {}


def _plain(type_: PyType) -> PyType:
    """``T`` of ``T | None``; any other type as it is."""
    if type_.kind == "union":
        rest = [a for a in type_.args if a.kind != "none"]
        if len(rest) == 1:
            return rest[0]
    return type_
