"""Per operation, the call the generated tests make (``ir.Sample``): arguments, the request the spec says they
give, and a response to answer with (values from ``generator/instances.py``).

The expected request is worked out here, from the spec and the IR's types, apart from the client's runtime: the
generated tests compare the two.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import replace
from typing import Any

from generator import param_styles
from generator.events import item_schema
from generator.instances import STREAM, Schemas, examples, fits, is_array, simple
from generator.ir import Api, Operation, Parameter, PyType, Resource, Response, Sample

TEXT = "sample text"


def with_samples(api: Api, data: dict[str, Any]) -> Api:
    """``api`` with a ``Sample`` on every operation."""
    maker = _Samples(data)
    resources: list[Resource] = []
    for resource in api.resources:
        ops = tuple(replace(op, sample=maker.sample(op)) for op in resource.operations)
        resources.append(replace(resource, operations=ops))
    return replace(api, resources=tuple(resources))


class _Samples(Schemas):
    def sample(self, op: Operation) -> Sample:
        item = self.deref((self.data.get("paths") or {}).get(op.path)) or {}
        raw_op = self.deref(item.get(op.http_method.lower())) or {}
        raw_params: dict[tuple[str, str], dict[str, Any]] = {}
        for raw in [*(item.get("parameters") or []), *(raw_op.get("parameters") or [])]:
            param = self.deref(raw)
            if isinstance(param, dict):
                raw_params[(str(param.get("in")), str(param.get("name")))] = param
        arguments: list[tuple[str, Any]] = []
        path = op.path
        query: list[tuple[str, str]] = []
        headers: list[tuple[str, str]] = []
        body: Any = None
        cookies: list[str] = []
        for param in op.parameters:
            if param.location == "body":
                if op.body is None:
                    continue
                value, body = self.body(raw_op, op)
                arguments.append((param.name, value))
                continue
            raw = raw_params.get((param.location, param.wire_name), {})
            schema = self.deref(raw.get("schema", {}))
            if not param.required and not simple(self, schema):
                continue
            value = self.parameter_value(raw, schema, param)
            arguments.append((param.name, value))
            data = self.texts(value, schema, param)
            if param.location == "path":
                path = path.replace("{" + param.wire_name + "}", param_styles.path_text(param, data))
            elif param.location == "query":
                query.extend(param_styles.query_pairs(param, data))
            elif param.location == "cookie":
                cookies.extend(param_styles.cookie_pieces(param, data))
            elif (text := param_styles.header_text(param, data)) is not None:
                headers.append((param.wire_name, text))
        if cookies:
            headers.append(("cookie", "; ".join(cookies)))
        response = op.success_by_status[0] if op.success_by_status else op.success
        return Sample(
            arguments=tuple(arguments),
            path=path,
            query=tuple(query),
            headers=tuple(headers),
            body=body,
            status=int(response.status) if response.status.isdigit() else 200,
            kind=response.kind,
            content_type=response.content_type or "application/json",
            response=self.response(raw_op, response),
        )

    def parameter_value(self, raw: dict[str, Any], schema: Any, param: Parameter) -> Any:
        """The spec's example if it fits, else a minimal instance; lists get one item and objects every property
        (an empty one is sent as nothing, and as no path segment at all)."""
        for candidate in (raw.get("example"), *examples(raw), schema.get("example") if schema else None):
            if candidate is not None and fits(self, candidate, schema):
                return [candidate] if is_array(schema) and not isinstance(candidate, list) else candidate
        value = self.instance(schema, 0, at_least_one=True)
        properties = (schema.get("properties") if isinstance(schema, dict) else None) or {}
        if isinstance(value, dict) and not value and isinstance(properties, dict):
            value = {k: self.instance(v, 1, at_least_one=True) for k, v in properties.items()}
        return value if value is not None or param.required else "sample"

    def texts(self, value: Any, schema: Any, param: Parameter) -> param_styles.Data:
        """``value`` as the text the client sends: a primitive's, an array's items, an object's fields (by the
        properties' order, defaults filled in as the model has them), anything nested as JSON."""
        if isinstance(value, list):
            return [
                _wire(v, param.type) if not isinstance(v, (list, dict)) else _json(v) for v in value if v is not None
            ]
        if not isinstance(value, dict):
            return _wire(value, param.type)
        properties = (schema.get("properties") if isinstance(schema, dict) else None) or {}
        fields = dict(value)
        for key, prop in properties.items():
            default = (self.deref(prop) or {}).get("default") if isinstance(self.deref(prop), dict) else None
            fields.setdefault(key, default)
        order = [*(k for k in properties if k in fields), *(k for k in fields if k not in properties)]
        return [(k, _field(fields[k], self.deref(properties.get(k)))) for k in order if fields[k] is not None]

    def body(self, raw_op: dict[str, Any], op: Operation) -> tuple[Any, Any]:
        """(the argument, what the request body must hold) for the operation's request body."""
        assert op.body is not None
        content = (self.deref(raw_op.get("requestBody")) or {}).get("content") or {}
        media = content.get(op.body.content_type) or {}
        schema = self.deref(media.get("schema", {}))
        if op.body.kind == "binary":
            return STREAM, STREAM
        if op.body.kind == "text":
            return TEXT, TEXT
        value = self.example(media, schema)
        if op.body.kind in ("form", "multipart") and isinstance(value, dict) and isinstance(schema, dict):
            # every field, not only the required ones: an empty form is no body at all
            props = schema.get("properties") or {}
            value = {**{k: self.instance(v, 1, at_least_one=True) for k, v in props.items()}, **value}
        if op.body.kind == "form" and isinstance(value, dict):
            return value, {k: _form(v) for k, v in value.items() if v is not None and not isinstance(v, dict)}
        if op.body.kind == "multipart":
            return value, sorted(k for k, v in value.items() if v is not None) if isinstance(value, dict) else []
        return value, value

    def response(self, raw_op: dict[str, Any], response: Response) -> Any:
        if response.kind == "stream":
            return STREAM
        if response.kind == "text" or (response.kind == "events" and not response.model_parser):
            return TEXT  # events: one event's data
        if response.kind == "empty":
            return None
        responses = raw_op.get("responses") or {}
        raw = self.deref(next((v for k, v in responses.items() if str(k) == response.status), None)) or {}
        media = (raw.get("content") or {}).get(response.content_type) or {}
        if response.kind == "events":
            return self.example({}, self.deref(item_schema(media)[1]))  # the media's example would be the stream
        return self.example(media, self.deref(media.get("schema", {})))


def _json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _field(value: Any, schema: Any) -> str:
    """An object's field as text, as the model given it dumps it (``mode="json"``)."""
    if isinstance(value, (list, dict)):
        return _json(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(schema, dict) and schema.get("type") == "number" and isinstance(value, int):
        return str(float(value))
    return str(value)


def _scalar_type(type_: PyType) -> PyType:
    while type_.kind in ("union", "list"):
        options = [a for a in type_.args if a.kind != "none"]
        if not options:
            break
        type_ = options[0]
    return type_


def _wire(value: Any, type_: PyType) -> str:
    """How the spec puts a parameter's value in a URL or header (as the Python type the IR gives it holds it)."""
    scalar = _scalar_type(type_)
    if isinstance(value, bool):
        return "true" if value else "false"
    if scalar.kind == "builtin" and scalar.name == "float" and isinstance(value, (int, float)):
        return str(float(value))
    if scalar.kind == "builtin" and scalar.name == "datetime.datetime" and isinstance(value, str):
        return datetime.datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    return str(value)


def _form(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return [_form(v) for v in value]
    return value if isinstance(value, str) else str(value)
