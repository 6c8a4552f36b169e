"""The intermediate representation: everything templates may read, and nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

TypeKind = Literal["builtin", "model", "list", "dict", "union", "literal", "none", "any"]


@dataclass(frozen=True)
class PyType:
    """A Python type expression; ``model`` names a class in ``models.components``."""

    kind: TypeKind
    name: str = ""
    args: tuple[PyType, ...] = ()
    values: tuple[str | int | float | bool, ...] = ()

    @property
    def nullable(self) -> bool:
        return self.kind == "none" or (self.kind == "union" and any(a.kind == "none" for a in self.args))


@dataclass(frozen=True)
class ServerVariable:
    name: str
    default: str
    enum: tuple[str, ...]  # () when any value goes
    description: str


@dataclass(frozen=True)
class Server:
    url: str  # every variable at its default
    description: str
    template: str = ""  # as the spec writes it, ``{variable}`` and all
    variables: tuple[ServerVariable, ...] = ()


@dataclass(frozen=True)
class SecurityScheme:
    name: str  # the spec's key, e.g. APIKeyHeader
    argument: str  # constructor keyword, e.g. api_key_header; basic: the username, oauth2: the client ID
    env_var: str
    # an API key in a header, the query or a cookie; HTTP bearer or basic; OAuth2's client credentials flow
    location: Literal["header", "query", "cookie", "bearer", "basic", "oauth2"]
    wire_name: str  # header, query or cookie name; Authorization for bearer, basic and oauth2
    secret_argument: str = ""  # the second keyword of basic (password) and oauth2 (client_secret); "" for the others
    secret_env_var: str = ""
    token_url: str = ""  # oauth2: as the spec writes it (relative: against the client's server URL)
    scopes: tuple[str, ...] = ()  # oauth2: requested with every token

    @property
    def arguments(self) -> tuple[tuple[str, str], ...]:
        """(constructor keyword, environment variable) of each credential the scheme takes."""
        pairs = ((self.argument, self.env_var), (self.secret_argument, self.secret_env_var))
        return pairs if self.secret_argument else pairs[:1]


@dataclass(frozen=True)
class Parameter:
    name: str  # Python identifier
    wire_name: str
    location: Literal["path", "query", "header", "cookie", "body"]  # "body": the request body (Operation.body says how)
    type: PyType
    required: bool
    default: str | None  # a Python literal, already safe to emit; None = no default
    description: str
    example: str | None  # a Python literal for docs
    explode: bool
    deprecated: bool
    # how the value goes on the wire, decided by generator/param_styles.py from OpenAPI's style table
    style: str = "simple"  # simple, label, matrix (path); form, spaceDelimited, pipeDelimited, deepObject (query)
    allow_reserved: bool = False  # a query value's reserved characters (RFC 3986) sent as they are
    kind: Literal["primitive", "array", "object", "any"] = "primitive"  # what the schema holds
    styled: bool = False  # sent by the runtime serializer (utils/_params.py); False: the plain fast path


@dataclass(frozen=True)
class RequestBody:
    """How the ``body`` parameter (``Parameter.location == "body"``) goes on the wire."""

    param: str  # the Parameter's Python name
    kind: Literal["json", "multipart", "form", "binary", "text"]
    content_type: str
    # several declared media types: (content type, kind) of each, the default first; () when there is one
    media: tuple[tuple[str, Literal["json", "multipart", "form", "binary", "text"]], ...] = ()
    media_param: str = ""  # the keyword that picks one of ``media`` (content_type), "" when there is one


@dataclass(frozen=True)
class Response:
    status: str  # "200", "4XX", "default"
    kind: Literal["json", "stream", "text", "empty", "events"]  # events: text/event-stream, ``type`` each one's data
    content_type: str
    type: PyType | None
    description: str
    error_class: str | None  # errors.<name> raised for this response
    model_parser: bool = False  # type is a pydantic model class: parsed by its model_validate_json, else a TypeAdapter


@dataclass(frozen=True)
class Pagination:
    """How ``list_all`` walks the pages (``generator/pagination.py``): by page number, by offset, by a cursor read from
    each page, or by the ``Link: rel="next"`` header of each response."""

    style: Literal["page", "offset", "cursor", "link"]
    page_param: str | None  # the argument advanced: page number, offset or cursor (Python name); None for link
    items_field: str | None  # the page model's attribute holding the items; None: the page is the list itself
    item_type: PyType
    total_pages_field: str | None = None  # page
    total_count_field: str | None = None  # page, offset
    page_size_field: str | None = None  # page
    limit_param: str | None = None  # offset: the argument of the page size (a shorter page is the last)
    next_cursor: tuple[str, ...] = ()  # cursor: attribute path of the next cursor in the page model
    method_name: str = "list_all"  # the iterating method: list_all for list, else <method>_all


@dataclass(frozen=True)
class Sample:
    """One call the generated tests make, what the spec says it must send, and the answer it gets: JSON values
    (bytes for binary content), made at generation time by ``generator/samples.py``."""

    arguments: tuple[tuple[str, Any], ...]  # keyword argument -> value passed
    path: str  # the request path, percent-encoded as sent
    query: tuple[tuple[str, str], ...]  # (name, value) pairs that must be in the query, percent-encoded as sent
    headers: tuple[tuple[str, str], ...]  # (wire name, value) pairs that must be among the headers (cookies too)
    body: Any  # json/form: what the body must contain; binary/text: the body itself; None: no body
    status: int  # the response the mock server gives
    kind: str  # the response's kind: json, stream, text, empty or events
    content_type: str
    response: Any  # json: the JSON value; text: str; stream: bytes; empty: None; events: one event's data (JSON or str)


@dataclass(frozen=True)
class Operation:
    id: str
    method_name: str
    function_name: str  # standalone function, e.g. sessions_list
    module: str  # file stem of its funcs and request-model modules (function_name, bounded in length)
    request_model: str  # operations.<name>
    http_method: str
    path: str
    summary: str
    description: str
    parameters: tuple[Parameter, ...]
    success: Response
    errors: tuple[Response, ...]
    retry_by_default: bool
    deprecated: bool
    pagination: Pagination | None
    # the alternatives of schemes the SDK can send, in the spec's order (OR of ANDs): the first the client has every
    # credential of is sent, and only it; an empty requirement and those using a scheme the SDK ignores are left out
    security: tuple[tuple[str, ...], ...]
    body: RequestBody | None = None
    # ``security`` when the call may not go without credentials (no ``{}``, no alternative the SDK ignores), else ()
    required_security: tuple[tuple[str, ...], ...] = ()
    # several 2XX responses that differ: each one, parsed by the status that arrives (exact codes before 2XX);
    # ``success`` is then their union (its type a union, its kind json or text) and parses any other 2XX
    success_by_status: tuple[Response, ...] = ()
    sample: Sample | None = None  # for the generated tests
    servers: tuple[Server, ...] = ()  # the operation's own servers, else its path's; () for the client's


@dataclass(frozen=True)
class Resource:
    tag: str
    name: str  # attribute on the SDK, e.g. sessions
    class_name: str
    module: str
    description: str
    operations: tuple[Operation, ...]
    parent: str = ""  # the module of the resource this one is an attribute of; "" for the SDK itself
    access: str = ""  # attribute path from the SDK, e.g. sessions.transcript (sdk.sessions.transcript)
    children: tuple[SubResource, ...] = ()


@dataclass(frozen=True)
class SubResource:
    """A nested resource (from a dotted tag such as ``sessions.transcript``), as its parent sees it."""

    name: str  # attribute on the parent, e.g. transcript
    class_name: str
    module: str
    description: str


@dataclass(frozen=True)
class ErrorModel:
    class_name: str
    model: str  # components class carried as .data
    fields: tuple[tuple[str, PyType], ...]  # top-level fields exposed as properties
    description: str


@dataclass(frozen=True)
class ModelDoc:
    class_name: str
    description: str
    kind: Literal["object", "enum", "other"]
    fields: tuple[tuple[str, PyType, bool, str], ...]  # name, type, required, description
    enum_values: tuple[str, ...]
    examples: tuple[str | None, ...] = ()  # per field (same order): a Python literal for docs, or None
    deprecated: tuple[bool, ...] = ()  # per field (same order): the property says ``deprecated: true``


@dataclass(frozen=True)
class RetryPolicy:
    """The generated client's default retry behaviour; the runtime and the docs both render it."""

    initial_interval: int = 500  # milliseconds
    max_interval: int = 8_000
    exponent: float = 2.0
    max_elapsed_time: int = 20_000
    max_retries: int = 2  # tries after the first, whatever the time left: bounds a call that time alone would not
    statuses: tuple[int, ...] = (429, 500, 502, 503, 504)


@dataclass(frozen=True)
class Api:
    title: str
    description: str
    package: str
    distribution: str
    version: str
    sdk_class: str
    core_class: str
    env_prefix: str
    default_timeout_ms: int
    retry: RetryPolicy
    servers: tuple[Server, ...]
    security: tuple[SecurityScheme, ...]
    resources: tuple[Resource, ...]
    errors: tuple[ErrorModel, ...]
    model_modules: tuple[tuple[str, str], ...]  # (module, source) from datamodel-code-generator
    model_index: tuple[tuple[str, str], ...]  # (class, module), sorted by class
    models: tuple[ModelDoc, ...]
    # (alias, values): ``components.<alias>`` is the Literal of an enum's known values, which enum parameters accept too
    literals: tuple[tuple[str, tuple[str | int, ...]], ...] = ()
