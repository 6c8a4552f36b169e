"""The models -> what their doc pages say (``ModelDoc``): fields, types, descriptions, examples."""

from __future__ import annotations

from typing import Any, Literal

from generator import naming
from generator.context import Context
from generator.ir import ModelDoc, PyType
from generator.pytypes import _is_object, deref, field_type, literal


def model_docs(ctx: Context) -> tuple[ModelDoc, ...]:
    docs = []
    for ref, cls in sorted(ctx.models.classes.items(), key=lambda rc: rc[1]):
        schema = deref(ctx, {"$ref": ref})
        if not isinstance(schema, dict):
            continue
        description = str(schema.get("description", "")).strip()
        if isinstance(schema.get("enum"), list):
            docs.append(ModelDoc(cls, description, "enum", (), tuple(str(v) for v in schema["enum"])))
            continue
        required = set(schema.get("required", []))
        names = ctx.models.fields.get(cls, {})
        fields = tuple(
            (
                names.get(wire, naming.field_name(wire)),
                field_type(ctx, schema, wire, prop, ref),
                wire in required,
                str(deref(ctx, prop).get("description", "") if isinstance(prop, dict) else "").strip(),
            )
            for wire, prop in (schema.get("properties") or {}).items()
        )
        examples = tuple(
            field_example(ctx, prop, field[1])
            for field, prop in zip(fields, (schema.get("properties") or {}).values(), strict=True)
        )
        deprecated = tuple(
            isinstance(prop, dict) and prop.get("deprecated") is True
            for prop in (schema.get("properties") or {}).values()
        )
        kind: Literal["object", "other"] = "object" if _is_object(schema) else "other"
        docs.append(ModelDoc(cls, description, kind, fields, (), examples, deprecated))
    return tuple(docs)


def field_example(ctx: Context, prop: Any, type_: PyType) -> str | None:
    """A property's first example (or its default) as a Python literal, for the model docs."""
    prop = deref(ctx, prop)
    if not isinstance(prop, dict):
        return None
    examples = prop.get("examples")
    if isinstance(examples, list) and examples:
        value = examples[0]
    elif "example" in prop:
        value = prop["example"]
    elif "default" in prop:
        value = prop["default"]
    else:
        return None
    return None if value is None else literal(ctx, value, type_)
