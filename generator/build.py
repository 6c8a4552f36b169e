"""Spec (validated) + config + model names -> the IR. All naming goes through ``naming``."""

from __future__ import annotations

import ast
from typing import Any, Literal

from generator import naming, param_styles
from generator.bodies import BodyKind, media_choice
from generator.config import Config
from generator.errors import Problem
from generator.events import event_media, event_response
from generator.ir import (
    Api,
    ErrorModel,
    ModelDoc,
    Operation,
    Pagination,
    Parameter,
    PyType,
    RequestBody,
    Resource,
    Response,
    RetryPolicy,
    SecurityScheme,
    SubResource,
)
from generator.load import escape, resolve
from generator.models import Models
from generator.naming import RUNTIME_ERRORS, STATUS_ERRORS
from generator.render import pyrepr
from generator.samples import with_samples
from generator.servers import servers
from generator.validate import HTTP_METHODS

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
_IDEMPOTENT = frozenset({"get", "head", "put", "delete", "options"})  # as documented; TRACE is never retried
_PRIMITIVES = {"integer": "int", "number": "float", "boolean": "bool", "string": "str"}
_FORMATS = {"date-time": "datetime.datetime", "date": "datetime.date", "binary": "bytes"}
NONE = PyType("none")
ANY = PyType("any")


class Builder:
    def __init__(self, data: dict[str, Any], config: Config, models: Models) -> None:
        self.data = data
        self.config = config
        self.models = models
        self.warnings: list[Problem] = []
        self._request_models: set[str] = set()  # operations.<name>, unique across the API
        self._expanding: set[str] = set()  # the $refs py_type is inside of, which must not recurse forever
        self.literals = self.enum_literals()

    # -- types ---------------------------------------------------------------

    def deref(self, schema: Any) -> Any:
        seen = 0
        while isinstance(schema, dict) and "$ref" in schema and seen < 64:
            schema = resolve(self.data, schema["$ref"])
            seen += 1
        return schema

    def py_type(self, schema: Any, pointer: str) -> PyType:
        if not isinstance(schema, dict) or not schema:
            return ANY
        ref = schema.get("$ref")
        if isinstance(ref, str):
            cls = self.models.classes.get(ref)
            target = resolve(self.data, ref)
            if cls is not None and isinstance(target, dict) and (target.get("enum") or _is_object(target)):
                return PyType("model", cls)
            if ref in self._expanding:  # a schema made of itself through arrays or unions (``Tree: [Tree]``)
                return PyType("model", cls) if cls is not None else ANY
            self._expanding.add(ref)
            try:
                return self.py_type(target, pointer)
            finally:
                self._expanding.discard(ref)
        for key in ("anyOf", "oneOf"):
            if isinstance(schema.get(key), list):
                return _union([self.py_type(s, f"{pointer}/{key}/{i}") for i, s in enumerate(schema[key])])
        if isinstance(schema.get("allOf"), list) and len(schema["allOf"]) == 1:
            return self.py_type(schema["allOf"][0], f"{pointer}/allOf/0")
        if "const" in schema:
            return PyType("literal", values=(schema["const"],))
        types = schema.get("type")
        type_list = types if isinstance(types, list) else [types] if types else []
        nullable = schema.get("nullable") is True or "null" in type_list
        options = [self._single(schema, t, pointer) for t in type_list if t != "null"] or (
            [ANY] if not nullable else []
        )
        if nullable:
            options.append(NONE)
        return _union(options)

    def _single(self, schema: dict[str, Any], type_: str, pointer: str) -> PyType:
        if isinstance(schema.get("enum"), list) and type_ in ("string", "integer"):
            return PyType("literal", values=tuple(v for v in schema["enum"] if v is not None))
        if type_ == "array":
            return PyType("list", args=(self.py_type(schema.get("items", {}), f"{pointer}/items"),))
        if type_ == "object":
            extra = schema.get("additionalProperties")
            value = self.py_type(extra, f"{pointer}/additionalProperties") if isinstance(extra, dict) else ANY
            return PyType("dict", args=(PyType("builtin", "str"), value))
        if type_ == "string" and schema.get("format") in _FORMATS:
            return PyType("builtin", _FORMATS[schema["format"]])
        if type_ in _PRIMITIVES:
            return PyType("builtin", _PRIMITIVES[type_])
        return ANY

    def literal(self, value: Any, type_: PyType) -> str:
        """A JSON value as a Python expression of ``type_``; only repr() of data reaches the output."""
        if value is None:
            return "None"
        if type_.kind == "union":
            non_null = [a for a in type_.args if a.kind != "none"]
            fits = [a for a in non_null if _fits(value, a)]
            return self.literal(value, (fits or non_null or [ANY])[0])
        if type_.kind == "list" and isinstance(value, list):
            return "[" + ", ".join(self.literal(v, type_.args[0]) for v in value) + "]"
        if type_.kind == "model" and not isinstance(value, (dict, list)):
            member = self.enum_member(type_.name, value)
            if member is not None:
                return f"components.{type_.name}.{member}"
            return f"components.{type_.name}({value!r})"
        if type_.kind == "builtin" and type_.name.startswith("datetime.") and isinstance(value, str):
            return f"{type_.name}.fromisoformat({value!r})"
        if isinstance(value, (str, int, float, bool, list, dict)):
            return pyrepr(value)
        return repr(str(value))

    def enum_literals(self) -> dict[str, tuple[str, tuple[str | int, ...]]]:
        """Enum class -> the ``<Enum>Literal`` alias of its values (skipped when a model already has that name)."""
        taken = set(self.models.classes.values()) | set(self.models.locations)
        out: dict[str, tuple[str, tuple[str | int, ...]]] = {}
        for cls, members in sorted(self.models.members.items()):
            values = [ast.literal_eval(value) for value in members]
            if values and f"{cls}Literal" not in taken and all(type(v) in (str, int) for v in values):
                out[cls] = (f"{cls}Literal", tuple(values))
        return out

    def accepting_values(self, type_: PyType) -> PyType:
        """A parameter's type that takes an enum's plain values as well as its members (``order_by="timestamp"``)."""
        if type_.kind == "model" and type_.name in self.literals:
            alias, values = self.literals[type_.name]
            return PyType("union", args=(type_, PyType("literal", alias, values=values)))
        if type_.kind in ("list", "union"):
            args = tuple(self.accepting_values(a) for a in type_.args)
            return _union(list(args)) if type_.kind == "union" else PyType("list", args=args)
        return type_

    def enum_member(self, class_name: str, value: Any) -> str | None:
        """The member name datamodel-code-generator gave ``value``."""
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            return None
        return self.models.members.get(class_name, {}).get(repr(value))

    # -- the API -------------------------------------------------------------

    def build(self) -> Api:
        info = self.data.get("info", {})
        resources: dict[str, list[Operation]] = {}
        tag_docs = {t.get("name"): t.get("description", "") for t in self.data.get("tags", []) if isinstance(t, dict)}
        error_classes: dict[str, ErrorModel] = {}
        taken_functions: set[str] = set()
        for path, item in self.data.get("paths", {}).items():
            for method in HTTP_METHODS:
                op = item.get(method)
                if not isinstance(op, dict):
                    continue
                pointer = f"/paths/{escape(path)}/{method}"
                tag = naming.resource_tag(op)
                operation = self.operation(
                    path, method, item, op, tag, pointer, error_classes, taken_functions, resources.get(tag, [])
                )
                resources.setdefault(tag, []).append(operation)
        return Api(
            title=self.config.title,
            description=str(info.get("description", "")).strip(),
            package=self.config.package,
            distribution=self.config.distribution,
            version=self.config.version,
            sdk_class=self.config.sdk_class,
            core_class=self.config.core_class,
            env_prefix=self.config.env_prefix,
            default_timeout_ms=self.config.default_timeout_ms,
            retry=self.retry_policy(),
            servers=servers(self.data.get("servers")),
            security=self.security(),
            resources=self.resources(resources, tag_docs),
            errors=tuple(sorted(error_classes.values(), key=lambda e: e.class_name)),
            model_modules=tuple(sorted(self.models.modules.items())),
            model_index=tuple(sorted(self.models.locations.items())),
            models=self.model_docs(),
            literals=tuple(sorted(self.literals.values())),
        )

    def resources(self, by_tag: dict[str, list[Operation]], tag_docs: dict[Any, Any]) -> tuple[Resource, ...]:
        """One resource per tag; a dotted tag (``sessions.transcript``) is an attribute of its parent's resource,
        and a parent without operations of its own (``outbound`` of ``outbound.batches``) still exists."""
        tags = set(by_tag)
        for tag in list(tags):
            parts = tag.split(".")
            tags.update(".".join(parts[:n]) for n in range(1, len(parts)) if all(parts[:n]))

        def parent_of(tag: str) -> str:
            parts = tag.split(".")
            return ".".join(parts[:-1]) if len(parts) > 1 and all(parts) and ".".join(parts[:-1]) in tags else ""

        modules: set[str] = set()
        classes: set[str] = {self.config.sdk_class, self.config.core_class}
        attributes: dict[str, set[str]] = {}  # parent tag ("" = the SDK) -> attribute names taken there
        named: dict[str, tuple[str, str, str]] = {}  # tag -> (attribute, class, module)
        for tag in sorted(tags, key=lambda t: (t.count("."), t)):
            parent = parent_of(tag)
            if parent not in attributes:
                taken = set(naming.SDK_ATTRIBUTES) if not parent else {"with_raw_response"}
                for op in by_tag.get(parent, []) if parent else []:
                    taken |= {op.method_name, f"{op.method_name}_async"}
                    if op.pagination:
                        taken |= {op.pagination.method_name, f"{op.pagination.method_name}_async"}
                attributes[parent] = taken
            leaf = tag[len(parent) + 1 :] if parent else tag
            named[tag] = (
                naming.attribute(leaf, attributes[parent]),
                naming.class_name(tag, classes, reserved=naming.RESOURCE_MODULE_NAMES),
                naming.module(tag, modules, reserved=naming.PACKAGE_MODULES),
            )
            classes.add(f"{named[tag][1]}WithRawResponse")  # its module's raw twin, which no sub-resource may shadow

        def access(tag: str) -> str:
            parent = parent_of(tag)
            return f"{access(parent)}.{named[tag][0]}" if parent else named[tag][0]

        result = []
        for tag in sorted(tags, key=lambda t: named[t][2]):
            attribute, class_name, module = named[tag]
            children = tuple(
                SubResource(
                    name=named[child][0],
                    class_name=named[child][1],
                    module=named[child][2],
                    description=str(tag_docs.get(child, "")).strip(),
                )
                for child in sorted(t for t in tags if parent_of(t) == tag)
            )
            result.append(
                Resource(
                    tag=tag,
                    name=attribute,
                    class_name=class_name,
                    module=module,
                    description=str(tag_docs.get(tag, "")).strip(),
                    operations=tuple(by_tag.get(tag, [])),
                    parent=named[parent_of(tag)][2] if parent_of(tag) else "",
                    access=access(tag),
                    children=children,
                )
            )
        return tuple(result)

    def retry_policy(self) -> RetryPolicy:
        known = set(RetryPolicy.__dataclass_fields__)
        overrides = {k: v for k, v in self.config.retry.items() if k in known}
        for key in sorted(set(self.config.retry) - known):
            self.warnings.append(Problem("", f"generator config: unknown retry setting {key!r} is ignored", True))
        if "statuses" in overrides:
            overrides["statuses"] = tuple(int(s) for s in overrides["statuses"])
        return RetryPolicy(**overrides)

    def security(self) -> tuple[SecurityScheme, ...]:
        schemes = self.data.get("components", {}).get("securitySchemes", {})
        result = []
        arguments = dict(zip(sorted(schemes), naming.credential_arguments(sorted(schemes)), strict=True))
        for key, scheme in sorted(schemes.items()):
            scheme = self.deref(scheme)
            if scheme.get("type") == "apiKey" and _supported_scheme(scheme):
                location, wire = scheme["in"], str(scheme.get("name", key))
            elif _supported_scheme(scheme):
                location, wire = "bearer", "Authorization"
            else:
                self.warnings.append(
                    Problem(
                        f"/components/securitySchemes/{escape(key)}", "unsupported security scheme; it is ignored", True
                    )
                )
                continue
            argument = arguments[key]
            result.append(
                SecurityScheme(
                    name=key,
                    argument=argument,
                    env_var=f"{self.config.env_prefix}_{argument.upper()}",
                    location=location,
                    wire_name=wire,
                )
            )
        return tuple(result)

    def required_security(self, requirements: Any) -> tuple[tuple[str, ...], ...]:
        """The alternatives of schemes a call needs credentials of, for the SDK to refuse it before sending.

        () when the call may go without (no requirement, or an empty one ``{}``), and when an alternative
        uses a scheme the SDK ignores: the caller may supply that one by other means.
        """
        if not isinstance(requirements, list) or not requirements:
            return ()
        schemes = self.data.get("components", {}).get("securitySchemes", {})
        supported = {key for key, scheme in schemes.items() if _supported_scheme(self.deref(scheme))}
        alternatives: set[tuple[str, ...]] = set()
        for requirement in requirements:
            if not isinstance(requirement, dict) or not requirement or not set(requirement) <= supported:
                return ()
            alternatives.add(tuple(sorted(requirement)))
        return tuple(sorted(alternatives))

    def operation(
        self,
        path: str,
        method: str,
        item: dict[str, Any],
        op: dict[str, Any],
        tag: str,
        pointer: str,
        error_classes: dict[str, ErrorModel],
        taken_functions: set[str],
        siblings: list[Operation],
    ) -> Operation:
        op_id = str(op.get("operationId") or f"{method}_{path}")
        name = self.config.method_names.get(op_id) or naming.method_name(op_id, tag)
        name = _free_method(name, siblings)
        function = naming.unique(f"{naming.snake(tag)}_{name}", taken_functions)
        params = self.parameters(item, op, pointer)
        body = self.request_body(op, pointer, {p.name for p in params})
        if body is not None:
            params = tuple(sorted((*params, body[0]), key=lambda p: not p.required))
        responses = op.get("responses", {})
        successes: list[Response] = []
        errors: list[Response] = []
        for status in sorted(responses, key=str):  # exact codes sort before ranges: "200" < "201" < "2XX"
            response = self.response(
                str(status), responses[status], f"{pointer}/responses/{escape(str(status))}", error_classes
            )
            if str(status).startswith("2"):
                successes.append(response)
            elif not str(status).startswith(("1", "2", "3")):
                errors.append(response)
        success, by_status = self.success(successes, f"{pointer}/responses")
        op_security = op.get("security", self.data.get("security", []))
        operation = Operation(
            id=op_id,
            method_name=name,
            function_name=function,
            module=naming.file_stem(function),
            request_model=naming.class_name(f"{op_id} Request", self._request_models),
            http_method=method.upper(),
            path=path,
            summary=str(op.get("summary", "")).strip(),
            description=str(op.get("description", "")).strip(),
            parameters=params,
            success=success,
            errors=tuple(errors),
            retry_by_default=method in _IDEMPOTENT,
            deprecated=op.get("deprecated") is True,
            pagination=None,
            security=tuple(sorted({k for req in op_security or [] if isinstance(req, dict) for k in req})),
            body=body[1] if body is not None else None,
            success_by_status=by_status,
            required_security=self.required_security(op_security),
            servers=servers(op.get("servers")) or servers(item.get("servers")),
        )
        pagination = self.pagination(operation)
        if pagination is None:
            return operation
        from dataclasses import replace

        iterate = _free_method("list_all" if name == "list" else f"{name}_all", siblings, also=name)
        return replace(operation, pagination=replace(pagination, method_name=iterate))

    def success(self, responses: list[Response], pointer: str) -> tuple[Response, tuple[Response, ...]]:
        """What a call returns, and the 2XX responses to parse by status when they differ."""
        if not responses:
            return Response("2XX", "empty", "", None, "", None), ()
        first = responses[0]
        if all((r.kind, r.type) == (first.kind, first.type) for r in responses[1:]):
            return first, ()
        statuses = ", ".join(r.status for r in responses)
        if any(r.kind in ("stream", "events") for r in responses):
            self.warnings.append(
                Problem(
                    pointer,
                    f"success responses {statuses} differ and one is a binary stream; "
                    f"every 2XX response is read as the {first.status} one ({first.kind})",
                    True,
                )
            )
            return first, ()
        union = Response(
            "2XX",
            "json" if any(r.kind == "json" for r in responses) else "text",
            ", ".join(dict.fromkeys(r.content_type for r in responses if r.content_type)),
            _union([r.type if r.type is not None else NONE for r in responses]),
            "; ".join(f"{r.status}: {r.description}" if r.description else r.status for r in responses),
            None,
        )
        return union, tuple(responses)

    def request_body(self, op: dict[str, Any], pointer: str, taken: set[str]) -> tuple[Parameter, RequestBody] | None:
        """The request body as a keyword parameter, and how to encode it."""
        raw = op.get("requestBody")
        if raw is None:
            return None
        here = f"{pointer}/requestBody"
        body = self.deref(raw)
        content = body.get("content") or {} if isinstance(body, dict) else {}
        if not content:
            self.warnings.append(Problem(here, "a request body without content is left out", True))
            return None
        media = _pick_body_media(content)
        choice = media_choice(_ranked_media(content), taken, lambda m: self.body_media(content, m, here))
        kind, type_ = choice.media[0][1], _union(list(choice.types))  # several media types: any of their types
        required = body.get("required") is True
        if not required:
            type_ = _union([type_, NONE])
        name = naming.unique("body", taken)
        param = Parameter(
            name=name,
            wire_name="body",
            location="body",
            type=type_,
            required=required,
            default=None if required else "None",
            description=str(body.get("description", "")).strip() or f"The request body ({media}).",
            example=None,
            explode=False,
            deprecated=False,
        )
        many = choice.media if len(choice.media) > 1 else ()
        return param, RequestBody(name, kind, media, many, choice.param if many else "")

    def body_media(self, content: dict[str, Any], media: str, here: str) -> tuple[BodyKind, PyType]:
        """How a body of one media type is encoded, and what the body parameter takes for it."""
        kind = _body_kind(media, self.deref((content[media] or {}).get("schema", {})))
        where = f"{here}/content/{escape(media)}/schema"
        schema = (content[media] or {}).get("schema", {})
        if kind == "binary":
            type_: PyType = PyType("builtin", "bytes")
        elif kind == "text":
            type_ = PyType("builtin", "str")
        else:
            type_ = self.py_type(schema, where)
        if kind == "multipart":
            type_ = _file_type(type_)  # its model's binary fields are typed so too (``hoist``)
        if kind in ("multipart", "form") and _unwrap(type_).kind not in ("model", "dict", "any"):
            self.warnings.append(Problem(where, f"a {media} body that is not an object is sent as one field", True))
        return kind, type_

    def parameters(self, item: dict[str, Any], op: dict[str, Any], pointer: str) -> tuple[Parameter, ...]:
        merged: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
        for where, params in (
            (pointer.rsplit("/", 1)[0], item.get("parameters", [])),
            (pointer, op.get("parameters", [])),
        ):
            for index, raw in enumerate(params or []):
                param = self.deref(raw)
                merged[(str(param.get("in")), str(param.get("name")))] = (param, f"{where}/parameters/{index}")
        taken: set[str] = {"self", "retries", "server_url", "timeout_ms", "http_headers", "client", "request", "body"}
        result = []
        for (location, wire), (param, here) in merged.items():
            if location not in ("path", "query", "header", "cookie"):
                self.warnings.append(
                    Problem(here, f"{location} parameters are not supported; {wire!r} is left out", True)
                )
                continue
            schema = param.get("schema", {})
            type_ = self.py_type(schema, f"{here}/schema")
            resolved = self.deref(schema)
            required = param.get("required") is True
            default_value = resolved.get("default") if isinstance(resolved, dict) else None
            default: str | None = None
            if not required:
                if isinstance(default_value, (str, int, float, bool)):
                    default = self.literal(default_value, type_)
                else:
                    default = "None"
                    type_ = _union([type_, NONE]) if not type_.nullable else type_
            example_values = [
                param.get("example"),
                *(resolved.get("examples") or [None] if isinstance(resolved, dict) else [None]),
            ]
            wire_form = param_styles.decide(param, location, self.deref, here, self.warnings)
            example = next((v for v in example_values if v is not None), None)
            if example is not None and _unwrap(type_).kind == "list" and not isinstance(example, list):
                example = [example]
            result.append(
                Parameter(
                    name=naming.unique(naming.field_name(wire), taken),
                    wire_name=wire,
                    location=location,  # type: ignore[arg-type]
                    type=self.accepting_values(type_),
                    required=required,
                    default=default,
                    description=str(param.get("description") or resolved.get("description", "")).strip(),
                    example=self.literal(example, type_) if example is not None else None,
                    explode=wire_form.explode,
                    deprecated=param.get("deprecated") is True,
                    style=wire_form.style,
                    allow_reserved=wire_form.allow_reserved,
                    kind=wire_form.kind,
                    styled=wire_form.styled,
                )
            )
        result.sort(key=lambda p: (not p.required, 0))
        return tuple(result)

    def response(self, status: str, raw: Any, pointer: str, error_classes: dict[str, ErrorModel]) -> Response:
        response = self.deref(raw)
        description = str(response.get("description", "")).strip()
        content = response.get("content") or {}
        if not content:
            return Response(status, "empty", "", None, description, None)
        media = next((m for m in content if _is_json(m)), None)
        if media is not None:
            schema = (content[media] or {}).get("schema", {})
            type_ = self.py_type(schema, f"{pointer}/content/{escape(media)}/schema")
            # an enum component is a class too, but no pydantic model: it has no model_validate_json
            model = type_.kind == "model" and type_.name not in self.models.members
            error_class = None
            if not status.startswith("2") and model:
                error_class = self.error_class(type_.name, error_classes)
            return Response(status, "json", media, type_, description, error_class, model)
        events = event_media(content)  # server-sent events: generator/events.py
        if events is not None:
            return event_response(self, status, events, content[events], pointer, description)
        media = sorted(content)[0]
        schema = self.deref((content[media] or {}).get("schema", {}))
        if media.startswith("text/") and schema.get("format") != "binary":
            return Response(status, "text", media, PyType("builtin", "str"), description, None)
        return Response(status, "stream", media, None, description, None)

    def error_class(self, model: str, error_classes: dict[str, ErrorModel]) -> str:
        if model not in error_classes:
            ref = next(r for r, c in self.models.classes.items() if c == model)
            schema = self.deref({"$ref": ref})
            reserved = _RESERVED_ERRORS | {
                f"{self.config.sdk_class}Error",
                self.config.sdk_class,
                self.config.core_class,
            }
            # by case too: the class names a doc page, and SdkError's would be SDKError's on macOS
            name = model if model.casefold() not in {r.casefold() for r in reserved} else f"{model}Response"
            fields = (
                (
                    self.models.fields.get(model, {}).get(wire, naming.field_name(wire)),
                    self.field_type(schema, wire, prop, ref),
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

    def pagination(self, operation: Operation) -> Pagination | None:
        enabled = self.config.pagination.get(operation.id)
        if operation.success.kind != "json":  # events: a stream of models, no pages
            return None
        if enabled is False or operation.success.type is None or operation.success.type.kind != "model":
            return None
        page = next((p for p in operation.parameters if p.wire_name == "page" and p.location == "query"), None)
        ref = next((r for r, c in self.models.classes.items() if c == operation.success.type.name), None)
        schema = self.deref({"$ref": ref}) if ref else {}
        props = schema.get("properties", {}) if isinstance(schema, dict) else {}
        items = props.get("items")
        looks_paged = (
            page is not None and isinstance(items, dict) and ("total_pages" in props or "total_count" in props)
        )
        if not (looks_paged or enabled) or page is None or not isinstance(items, dict):
            return None
        fields = self.models.fields.get(operation.success.type.name, {})
        item_type = self.py_type(items, "")
        return Pagination(
            page_param=page.name,
            items_field=fields.get("items", "items"),
            item_type=item_type.args[0] if item_type.kind == "list" else ANY,
            total_pages_field=fields.get("total_pages"),
            total_count_field=fields.get("total_count"),
            page_size_field=fields.get("page_size"),
        )

    def field_type(self, schema: dict[str, Any], wire: str, prop: Any, ref: str) -> PyType:
        """A property's type as the model declares it: optional properties may be None."""
        type_ = self.py_type(prop, f"{ref[1:]}/properties/{escape(wire)}")
        return type_ if wire in schema.get("required", []) else _union([type_, NONE])

    def model_docs(self) -> tuple[ModelDoc, ...]:
        docs = []
        for ref, cls in sorted(self.models.classes.items(), key=lambda rc: rc[1]):
            schema = self.deref({"$ref": ref})
            if not isinstance(schema, dict):
                continue
            description = str(schema.get("description", "")).strip()
            if isinstance(schema.get("enum"), list):
                docs.append(ModelDoc(cls, description, "enum", (), tuple(str(v) for v in schema["enum"])))
                continue
            required = set(schema.get("required", []))
            names = self.models.fields.get(cls, {})
            fields = tuple(
                (
                    names.get(wire, naming.field_name(wire)),
                    self.field_type(schema, wire, prop, ref),
                    wire in required,
                    str(self.deref(prop).get("description", "") if isinstance(prop, dict) else "").strip(),
                )
                for wire, prop in (schema.get("properties") or {}).items()
            )
            examples = tuple(
                self.field_example(prop, field[1])
                for field, prop in zip(fields, (schema.get("properties") or {}).values(), strict=True)
            )
            deprecated = tuple(
                isinstance(prop, dict) and prop.get("deprecated") is True
                for prop in (schema.get("properties") or {}).values()
            )
            kind: Literal["object", "other"] = "object" if _is_object(schema) else "other"
            docs.append(ModelDoc(cls, description, kind, fields, (), examples, deprecated))
        return tuple(docs)

    def field_example(self, prop: Any, type_: PyType) -> str | None:
        """A property's first example (or its default) as a Python literal, for the model docs."""
        prop = self.deref(prop)
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
        return None if value is None else self.literal(value, type_)


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


def _free_method(name: str, siblings: list[Operation], also: str = "") -> str:
    """``name`` (or ``name_2``...) such that it and its ``_async`` twin are free among the siblings' methods."""
    taken = {also, f"{also}_async"} if also else set()
    taken.add("with_raw_response")  # every resource's attribute for the raw-response twins of its methods
    for o in siblings:
        for method in (o.method_name, o.pagination.method_name if o.pagination else ""):
            taken |= {method, f"{method}_async"}
    candidate, n = name, 2
    while candidate in taken or f"{candidate}_async" in taken:
        candidate = f"{name}_{n}"
        n += 1
    return candidate


def _pick_body_media(content: dict[str, Any]) -> str:
    return _ranked_media(content)[0]


def _ranked_media(content: dict[str, Any]) -> list[str]:
    return sorted(
        content,
        key=lambda m: (
            0
            if _is_json(m)
            else 1
            if m.startswith("multipart/")
            else 2
            if m == "application/x-www-form-urlencoded"
            else 3,
            m,
        ),
    )


def _body_kind(media: str, schema: Any) -> Literal["json", "multipart", "form", "binary", "text"]:
    base = media.split(";")[0].strip().lower()
    if _is_json(base):
        return "json"
    if base.startswith("multipart/"):
        return "multipart"
    if base == "application/x-www-form-urlencoded":
        return "form"
    if base.startswith("text/") and not (isinstance(schema, dict) and schema.get("format") == "binary"):
        return "text"
    return "binary"


def _is_json(media: str) -> bool:
    media = media.split(";")[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


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


def build_api(data: dict[str, Any], config: Config, models: Models) -> tuple[Api, list[Problem]]:
    builder = Builder(data, config, models)
    return with_samples(builder.build(), data), builder.warnings  # samples: for the generated tests


def _supported_scheme(scheme: Any) -> bool:
    """A scheme the client takes a credential for: an apiKey in a header or the query, or HTTP bearer."""
    if not isinstance(scheme, dict):
        return False
    if scheme.get("type") == "apiKey":
        return scheme.get("in") in ("header", "query")
    return scheme.get("type") == "http" and str(scheme.get("scheme", "")).lower() == "bearer"
