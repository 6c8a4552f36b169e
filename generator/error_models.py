"""A model an error response carries -> the exception class raised for it (``ErrorModel``)."""

from __future__ import annotations

from generator import naming
from generator.context import Context
from generator.ir import ErrorModel
from generator.pytypes import deref, field_type
from generator.reserved_names import RUNTIME_ERRORS, STATUS_ERRORS

_RESERVED_ERRORS = (
    frozenset({"SyllableSDKError", *RUNTIME_ERRORS})
    | frozenset(STATUS_ERRORS)  # the classes raised per status
    | {"Any", "TYPE_CHECKING"}  # names the errors module imports
)
_ERROR_ATTRIBUTES = frozenset(dir(Exception)) | {
    "message",
    "status_code",
    "headers",
    "body",
    "raw_response",
    "data",
    "from_response",
}


def error_class(ctx: Context, model: str, error_classes: dict[str, ErrorModel]) -> str:
    if model not in error_classes:
        ref = next(r for r, c in ctx.models.classes.items() if c == model)
        schema = deref(ctx, {"$ref": ref})
        reserved = _RESERVED_ERRORS | {
            f"{ctx.config.sdk_class}Error",
            ctx.config.sdk_class,
            ctx.config.core_class,
        }
        # by case too: the class names a doc page, and SdkError's would be SDKError's on macOS
        name = model if model.casefold() not in {r.casefold() for r in reserved} else f"{model}Response"
        fields = (
            (
                ctx.models.fields.get(model, {}).get(wire, naming.field_name(wire)),
                field_type(ctx, schema, wire, prop, ref),
            )
            for wire, prop in sorted((schema.get("properties") or {}).items())
        )
        error_classes[model] = ErrorModel(
            class_name=name,
            model=model,
            # a field named like an attribute every error has (message, status_code...) stays on .data only
            fields=tuple((f, t) for f, t in fields if f not in _ERROR_ATTRIBUTES),
            description=str(schema.get("description", "")).strip(),
        )
    return error_classes[model].class_name
