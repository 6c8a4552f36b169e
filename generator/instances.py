"""Values for a schema: the spec's example where it fits, else a minimal valid instance (required properties
only, the first of each choice, bounds and formats honoured); for the generated tests' calls and responses."""

from __future__ import annotations

from typing import Any

from generator.pointers import resolve

_DEPTH = 12  # deeper than this, a schema that must contain itself gets no further
_STRINGS = {
    "date-time": "2024-01-02T03:04:05Z",
    "date": "2024-01-02",
    "time": "03:04:05",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "email": "user@example.com",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "byte": "c2FtcGxl",
}
STREAM = b"sample bytes"  # binary content: a string schema of format binary, a stream


class Schemas:
    """The spec's schemas, for making values of them."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def deref(self, schema: Any) -> Any:
        for _ in range(64):
            if not (isinstance(schema, dict) and isinstance(schema.get("$ref"), str)):
                return schema
            try:
                schema = resolve(self.data, schema["$ref"])
            except KeyError:
                return {}
        return {}

    def example(self, media: dict[str, Any], schema: Any) -> Any:
        """The media type's example, else the schema's, else a minimal instance."""
        candidates = [media.get("example"), *examples(media), schema.get("example") if schema else None]
        for candidate in candidates:
            if candidate is not None and fits(self, candidate, schema):
                return candidate
        return self.instance(schema, 0)

    def instance(self, schema: Any, depth: int, *, at_least_one: bool = False) -> Any:
        """A minimal value valid for ``schema``: required properties only, the first of each choice."""
        schema = self.deref(schema)
        if not isinstance(schema, dict) or depth > _DEPTH:
            return None
        if "const" in schema:
            return schema["const"]
        enum = [v for v in schema.get("enum") or [] if v is not None]
        if enum:
            return enum[0]
        for key in ("oneOf", "anyOf"):
            options = [self.deref(s) for s in schema.get(key) or []]
            options = [o for o in options if isinstance(o, dict) and not _is_null(o)]
            if options:
                value = self.instance(options[0], depth + 1)
                tag = _discriminator(schema, (schema.get(key) or [None])[0], self)
                if tag is not None and isinstance(value, dict):
                    value[tag[0]] = tag[1]
                return value
        if isinstance(schema.get("allOf"), list):
            merged: dict[str, Any] = {"type": "object", "properties": {}, "required": []}
            for part in schema["allOf"]:
                part = self.deref(part)
                if isinstance(part, dict):
                    merged["properties"].update(part.get("properties") or {})
                    merged["required"].extend(part.get("required") or [])
            merged["properties"].update(schema.get("properties") or {})
            merged["required"].extend(schema.get("required") or [])
            return self.instance(merged, depth + 1)
        kind = _type(schema)
        if kind == "object" or "properties" in schema:
            props = schema.get("properties") or {}
            value = {name: self.instance(props.get(name, {}), depth + 1) for name in schema.get("required") or []}
            return value
        if kind == "array":
            count = max(int(schema.get("minItems") or 0), 1 if at_least_one else 0)
            return [self.instance(schema.get("items", {}), depth + 1) for _ in range(count)]
        if kind == "string":
            if schema.get("format") == "binary":
                return STREAM
            text = _STRINGS.get(str(schema.get("format")), "sample")
            low, high = int(schema.get("minLength") or 0), schema.get("maxLength")
            text = text.ljust(low, "x")
            return text[: int(high)] if isinstance(high, int) and high > 0 and schema.get("format") is None else text
        if kind in ("integer", "number"):
            return _number(schema, kind)
        if kind == "boolean":
            return True
        if kind == "null":
            return None
        return "sample"


def _number(schema: dict[str, Any], kind: str) -> int | float:
    value: float = 0
    low, high = schema.get("minimum"), schema.get("maximum")
    if isinstance(low, (int, float)) and not isinstance(low, bool):
        value = max(value, low)
    exclusive = schema.get("exclusiveMinimum")
    if isinstance(exclusive, (int, float)) and not isinstance(exclusive, bool):
        value = max(value, exclusive + 1)
    elif exclusive is True and value == low:
        value += 1
    if isinstance(high, (int, float)) and not isinstance(high, bool) and value > high:
        value = high
    return int(value) if kind == "integer" else float(value)


def _type(schema: dict[str, Any]) -> str | None:
    types = schema.get("type")
    if isinstance(types, list):
        return next((str(t) for t in types if t != "null"), None)
    return str(types) if types is not None else None


def _is_null(schema: dict[str, Any]) -> bool:
    return _type(schema) is None and schema.get("type") in ("null", ["null"])


def is_array(schema: Any) -> bool:
    return isinstance(schema, dict) and _type(schema) == "array"


def simple(samples: Schemas, schema: Any) -> bool:
    """A scalar, or a list of scalars: what a query or header parameter can carry unambiguously."""
    schema = samples.deref(schema)
    if not isinstance(schema, dict):
        return False
    if is_array(schema):
        return simple(samples, schema.get("items", {}))
    for key in ("anyOf", "oneOf"):
        options = [samples.deref(o) for o in schema.get(key) or []]
        options = [o for o in options if isinstance(o, dict) and not _is_null(o)]
        if options:
            return simple(samples, options[0])
    return _type(schema) in ("string", "integer", "number", "boolean") and "oneOf" not in schema


def examples(holder: dict[str, Any]) -> list[Any]:
    examples = holder.get("examples")
    if isinstance(examples, list):
        return examples
    if isinstance(examples, dict):  # OpenAPI's map of Example objects
        return [e.get("value") for e in examples.values() if isinstance(e, dict) and "$ref" not in e]
    return []


def fits(samples: Schemas, value: Any, schema: Any, depth: int = 0) -> bool:
    """Whether an example is of the schema's types (enum, const, required properties): enough to trust it."""
    schema = samples.deref(schema)
    if not isinstance(schema, dict) or not schema or depth > _DEPTH:
        return True
    if "const" in schema:
        return bool(value == schema["const"])
    if isinstance(schema.get("enum"), list) and value not in schema["enum"]:
        return False
    for key in ("oneOf", "anyOf"):
        if isinstance(schema.get(key), list):
            return any(fits(samples, value, s, depth + 1) for s in schema[key])
    if isinstance(schema.get("allOf"), list) and not all(fits(samples, value, s, depth + 1) for s in schema["allOf"]):
        return False
    types = schema.get("type")
    allowed = set(types) if isinstance(types, list) else {types} if types else set()
    if schema.get("nullable") is True:
        allowed.add("null")
    if value is None:
        return not allowed or "null" in allowed
    if "string" in allowed and isinstance(value, str):
        return schema.get("format") not in ("date-time", "date", "uuid", "binary", "byte") and "pattern" not in schema
    if allowed & {"integer", "number"} and isinstance(value, (int, float)) and not isinstance(value, bool):
        return "integer" in allowed or "number" in allowed and not schema.keys() & {"minimum", "maximum"}
    if "boolean" in allowed and isinstance(value, bool):
        return True
    if "array" in allowed and isinstance(value, list):
        return all(fits(samples, v, schema.get("items", {}), depth + 1) for v in value)
    if ("object" in allowed or not allowed) and isinstance(value, dict):
        props = schema.get("properties") or {}
        return all(r in value for r in schema.get("required") or []) and all(
            fits(samples, v, props[k], depth + 1) for k, v in value.items() if k in props
        )
    return not allowed


def _discriminator(schema: dict[str, Any], first: Any, samples: Schemas) -> tuple[str, str] | None:
    """(property, value) that picks the first option of a discriminated union."""
    disc = schema.get("discriminator")
    if not isinstance(disc, dict) or not isinstance(disc.get("propertyName"), str):
        return None
    ref = first.get("$ref") if isinstance(first, dict) else None
    if not isinstance(ref, str):
        return None
    for value, target in (disc.get("mapping") or {}).items():
        if target == ref:
            return disc["propertyName"], str(value)
    target_schema = samples.deref(first)
    prop = (target_schema.get("properties") or {}).get(disc["propertyName"], {}) if target_schema else {}
    prop = samples.deref(prop)
    if isinstance(prop, dict) and ("const" in prop or prop.get("enum")):
        return disc["propertyName"], str(prop.get("const", (prop.get("enum") or [""])[0]))
    return disc["propertyName"], ref.rsplit("/", 1)[-1]
