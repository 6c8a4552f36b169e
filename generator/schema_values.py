"""Values in a schema made to mean what its type says, before the models library reads them (it writes them as given).

- ``nullable: false`` is the default: the library read it as a wish for ``x: int = None`` on an optional property.
- ``type: string`` with ``enum: [2, 3]`` (unquoted YAML): the values are the strings ``"2"`` and ``"3"``.
- A default of the wrong type is converted where the conversion is exact (``"true"`` for a boolean, ``"4"`` for an
  integer, ``6`` for a string); where it is not, it is dropped with a warning naming the place, so that no spec can
  make a module fail ``mypy`` or every call fail.
- A string default of a format pydantic types otherwise (``date``, ``date-time``, ``uuid``, ...) is checked here with
  that type, then marked ``VALIDATE_DEFAULT`` so that the models write it as ``Field(default=..., validate_default=True)``
  (templates/datamodel/pydantic_v2): the field's default is then a ``date``, not a string. A spec's own mark is removed.
- ``prefixItems`` (3.1) with no schema for further items is a tuple of those positions (the library makes one when the
  length is fixed, else ``list[Any]``): its length is fixed to theirs.
"""

from __future__ import annotations

import re
from typing import Any

from generator.errors import Problem

_INTEGER = re.compile(r"^[-+]?[0-9]+$")
_NUMBER = re.compile(r"^[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
_MISSING = object()
VALIDATE_DEFAULT = "x-validate_default"  # the models library writes it as the field's ``validate_default=``
_FORMATS = ("date", "date-time", "time", "duration", "uuid", "uuid1", "uuid3", "uuid4", "uuid5")


def fix_values(pointer: str, schema: dict[str, Any]) -> list[Problem]:
    """Fix ``schema``'s own values in place (not its subschemas'); a warning for each default dropped."""
    if schema.get("nullable") is False:
        del schema["nullable"]
    schema.pop(VALIDATE_DEFAULT, None)
    _tuple(schema)
    type_ = _single_type(schema)
    enum = schema.get("enum")
    if type_ == "string" and isinstance(enum, list):
        schema["enum"] = [_string(v) if _is_number(v) else v for v in enum]
    if "default" not in schema or type_ is None:
        return []
    value = schema["default"]
    types = schema.get("type")
    if value is None and schema.get("nullable") is not True and not (isinstance(types, list) and "null" in types):
        del schema["default"]  # the library wrote ``description: str = None``, which mypy refuses
        return [Problem(f"{pointer}/default", f"default null is not of type {type_!r}; it is ignored", level="warning")]
    fixed = _converted(value, type_)
    if fixed is _MISSING:
        del schema["default"]
        return [
            Problem(f"{pointer}/default", f"default {value!r} is not of type {type_!r}; it is ignored", level="warning")
        ]
    schema["default"] = fixed
    format_ = schema.get("format")
    if type_ == "string" and isinstance(fixed, str) and format_ in _FORMATS:
        if not _parses(fixed, str(format_)):
            del schema["default"]
            return [
                Problem(f"{pointer}/default", f"default {value!r} is not a {format_!r}; it is ignored", level="warning")
            ]
        schema[VALIDATE_DEFAULT] = True
    return []


def _tuple(schema: dict[str, Any]) -> None:
    positions = schema.get("prefixItems")
    if not isinstance(positions, list) or not positions or schema.get("items", {"not": {}}) != {"not": {}}:
        return
    if schema.get("minItems", len(positions)) == schema.get("maxItems", len(positions)) == len(positions):
        schema.pop("items", None)
        schema["minItems"] = schema["maxItems"] = len(positions)


def _parses(value: str, format_: str) -> bool:
    """Whether pydantic takes ``value`` as the type of ``format_`` (what it does with the default at runtime)."""
    import datetime
    import uuid

    import pydantic

    types: dict[str, Any] = {
        "date": datetime.date,
        "date-time": datetime.datetime,
        "time": datetime.time,
        "duration": datetime.timedelta,
        "uuid": uuid.UUID,
        "uuid1": pydantic.UUID1,
        "uuid3": pydantic.UUID3,
        "uuid4": pydantic.UUID4,
        "uuid5": pydantic.UUID5,
    }
    try:
        pydantic.TypeAdapter(types[format_]).validate_python(value)
    except pydantic.ValidationError:
        return False
    return True


def _single_type(schema: dict[str, Any]) -> str | None:
    """The one JSON type a schema has (``null`` aside), or None."""
    types = schema.get("type")
    listed = [t for t in types if t != "null"] if isinstance(types, list) else [types]
    return listed[0] if len(listed) == 1 and isinstance(listed[0], str) else None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _string(value: int | float) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _converted(value: Any, type_: str) -> Any:
    """``value`` as ``type_``, exactly, or ``_MISSING``; None stays (a nullable field's default)."""
    if value is None:
        return value
    if type_ == "boolean":
        if isinstance(value, bool):
            return value
        text = value.strip().lower() if isinstance(value, str) else None
        return {"true": True, "false": False}.get(text, _MISSING) if text is not None else _MISSING
    if type_ == "integer":
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return int(value) if isinstance(value, str) and _INTEGER.match(value.strip()) else _MISSING
    if type_ == "number":
        if _is_number(value):
            return value
        if isinstance(value, str) and _NUMBER.match(value.strip()):
            number = float(value)
            return int(number) if _INTEGER.match(value.strip()) else number
        return _MISSING
    if type_ == "string":
        if isinstance(value, str):
            return value
        return _string(value) if _is_number(value) else _MISSING
    if type_ == "array":
        return value if isinstance(value, list) else _MISSING
    if type_ == "object":
        return value if isinstance(value, dict) else _MISSING
    return value
