"""The names generated code already uses, which no name decided by ``naming`` may take: kept apart from the rules so
that each table sits beside the others it must be read with, and a template that adds a name has one place to say so."""

from __future__ import annotations

import builtins

# BaseModel's own attributes: a field of a pydantic model must not take one.
BASE_MODEL_ATTRIBUTES = frozenset(
    {
        "copy",
        "dict",
        "json",
        "schema",
        "schema_json",
        "construct",
        "validate",
        "parse_obj",
        "parse_raw",
        "parse_file",
        "from_orm",
        "update_forward_refs",
    }
)
BUILTINS = frozenset(dir(builtins))
# Names that type annotations in a generated class body refer to: a field of the same name would shadow them.
ANNOTATION_NAMES = frozenset(
    {
        "list",
        "dict",
        "str",
        "int",
        "float",
        "bool",
        "bytes",
        "object",
        "type",
        "components",
        "datetime",
        "Any",
        "Literal",
    }
)

# Attributes of the generated SDK class that a resource must not take.
SDK_ATTRIBUTES = frozenset(
    {
        "server_url",
        "timeout_ms",
        "retry_config",
        "hooks",
        "logger",
        "close",
        "aclose",
        "client",
        "async_client",
        "with_options",
        "max_retries",
        "http_headers",
    }
)
# The exception classes the runtime's ``models.errors`` defines beside the SDK's base error: names no error
# class of the spec may take.
RUNTIME_ERRORS = (
    "SDKError",
    "APIConnectionError",
    "APITimeoutError",
    "ResponseValidationError",
    "ResponseTooLargeError",
    "EventValidationError",
    "EventTooLargeError",
    "RequestValidationError",
    "MissingCredentialError",
    "TokenError",
)
# The classes ``models.errors`` raises per status (when the spec gives it no model), for their doc pages.
STATUS_ERRORS = {
    "BadRequestError": ("400", "the server could not use the request"),
    "AuthenticationError": ("401", "the API key is missing or wrong"),
    "PermissionDeniedError": ("403", "the API key may not do this"),
    "NotFoundError": ("404", "nothing at this path, often no object with this ID"),
    "ConflictError": ("409", "the request conflicts with the current state of the object"),
    "UnprocessableEntityError": ("422", "the request did not validate"),
    "RateLimitError": ("429", "too many requests; the headers may say when to try again"),
    "InternalServerError": ("5XX", "the server failed"),
}

# Names the generated model modules and their index import beside what datamodel-code-generator imports (it keeps its
# own off class names: ``Field`` -> ``FieldModel``): a component schema's class must not take one, or the import
# would shadow the class (an enum named ``openEnum`` made every other enum subclass it).
MODEL_MODULE_NAMES = frozenset({"OpenEnum", "Any", "Literal", "TypeAlias"})
# The package's own modules, and the names its ``__init__`` looks up at run time: a resource module of that name would
# be bound over them on the package once imported (``import sdk.globals`` made ``globals()`` a module).
PACKAGE_MODULES = frozenset(
    {"sdk", "core", "funcs", "models", "utils", "py", "errors", "types", "typing"}
    | {"importlib", "globals", "getattr", "sorted", "annotations"}
)
# Names a resource module imports, which a resource class must not shadow.
RESOURCE_MODULE_NAMES = frozenset(
    {
        "Any",
        "AsyncBinaryStream",
        "AsyncPager",
        "AsyncIterator",
        "BinaryStream",
        "Iterator",
        "Literal",
        "Mapping",
        "Pager",
        "RawResponse",
        "RequestOptions",
        "RetryConfig",
        "TYPE_CHECKING",
        "Model",
        "OpenEnum",
    }
)

# The client constructor's other parameters and the names its body reads: a credential argument must be none of them
# (a scheme called ``server_url`` would also make ``SERVER_URL_ENV`` twice).
CONSTRUCTOR_NAMES = frozenset(
    {
        "self",
        "server_url",
        "timeout_ms",
        "retry_config",
        "max_retries",
        "http_headers",
        "client",
        "async_client",
        "debug_logger",
        "max_response_bytes",
        "max_event_bytes",
        "os",
        "copy",
        "enum",
        "logging",
        "httpx",
        "clean_credential",
        "register",
        "resolve_logger",
        "redact_httpx_logs",
        "basic_authorization",
        "bearer_authorization",
        "TokenSource",
        "cookie_piece",
        "name",
        "limit",
    }
)

# Names the model modules import or the runtime defines beside them: no model class may take one.
MODEL_RESERVED = MODEL_MODULE_NAMES | {"Model", "Field", "Annotated", "Enum", "IntEnum", "RootModel", "ConfigDict"}
# pydantic's BaseModel attributes (and Python's), and the types the models' annotations name: a field of that name
# would shadow them.
FIELD_RESERVED = (
    BASE_MODEL_ATTRIBUTES
    | (ANNOTATION_NAMES - {"type", "object", "components"})
    | {"mro", "register", "model_validate_strings", "model_parametrized_name", "model_post_init"}
    | {f"model_{n}" for n in ("computed_fields", "config", "construct", "copy", "dump", "dump_json", "extra")}
    | {f"model_{n}" for n in ("fields", "fields_set", "json_schema", "rebuild", "validate", "validate_json")}
)
