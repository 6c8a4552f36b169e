"""The sessions spec through load -> validate -> models -> IR, checked against the public API's facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import naming
from generator.build import build_api
from generator.config import load_config
from generator.filters import pytype
from generator.ir import Api, Operation, PyType
from generator.load import load
from generator.models import generate_models
from generator.pipeline import TEMPLATES
from generator.validate import validate

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def api() -> Api:
    document = load(ROOT / "spec" / "openapi.yaml")
    assert validate(document.data) == []
    config = load_config(ROOT / "spec" / "generator.yaml")
    models = generate_models(document.data, config.package, TEMPLATES / "datamodel")
    built, warnings = build_api(document.data, config, models)
    assert warnings == []
    return built


def op(api: Api, operation_id: str) -> Operation:
    return next(o for r in api.resources for o in r.operations if o.id == operation_id)


@pytest.mark.parametrize(
    ("operation_id", "tag", "expected"),
    [
        ("sessions_list", "sessions", "list"),
        ("session_get_by_id", "sessions", "get_by_id"),
        ("generate_session_recording_urls", "sessions", "generate_session_recording_urls"),
        ("session_recording_stream", "sessions", "recording_stream"),
        ("listPets", "pets", "list_pets"),
        ("pets_import", "pets", "import_"),
        ("sessionsList", "sessions", "list"),
    ],
)
def test_method_names_drop_a_prefix_only_where_it_repeats_the_tag(operation_id: str, tag: str, expected: str) -> None:
    assert naming.method_name(operation_id, tag) == expected


@pytest.mark.parametrize(
    ("wire", "expected"),
    [
        ("page", "page"),
        ("pageSize", "page_size"),
        ("class", "class_"),
        ("2fa", "field_2fa"),
        ("model_config", "model_config_"),
    ],
)
def test_field_names_are_valid_identifiers(wire: str, expected: str) -> None:
    assert naming.field_name(wire) == expected
    assert expected.isidentifier()


def test_operations_match_the_public_api(api: Api) -> None:
    (resource,) = api.resources
    assert (resource.name, resource.class_name) == ("sessions", "Sessions")
    table = [(o.method_name, o.function_name, o.http_method, o.path, o.request_model) for o in resource.operations]
    assert table == [
        ("list", "sessions_list", "GET", "/api/v1/sessions/", "SessionsListRequest"),
        ("get_by_id", "sessions_get_by_id", "GET", "/api/v1/sessions/{session_id}", "SessionGetByIdRequest"),
        (
            "generate_session_recording_urls",
            "sessions_generate_session_recording_urls",
            "POST",
            "/api/v1/sessions/recording/{session_id}",
            "GenerateSessionRecordingUrlsRequest",
        ),
        (
            "session_recording_stream",
            "sessions_session_recording_stream",
            "GET",
            "/api/v1/sessions/recording/stream",
            "SessionRecordingStreamRequest",
        ),
    ]
    assert [o.retry_by_default for o in resource.operations] == [True, True, False, True]
    assert all(o.security == (("APIKeyHeader",),) for o in resource.operations)


def test_list_parameters_keep_wire_names_types_and_defaults(api: Api) -> None:
    params = {p.wire_name: p for p in op(api, "sessions_list").parameters}
    assert list(params) == [
        "page", "limit", "search_fields", "search_field_values", "order_by",
        "order_by_direction", "fields", "start_datetime", "end_datetime",
    ]  # fmt: skip
    assert all(p.location == "query" and not p.required and p.explode for p in params.values())
    rendered = {name: (pytype(p.type), p.default) for name, p in params.items()}
    assert rendered == {
        "page": ("int | None", "0"),
        "limit": ("int", "25"),
        # enum parameters take the enum's plain values too (components.<Enum>Literal)
        "search_fields": ("list[components.SessionProperties | components.SessionPropertiesLiteral] | None", "None"),
        "search_field_values": ("list[str] | None", "None"),
        "order_by": ("components.SessionProperties | components.SessionPropertiesLiteral | None", "None"),
        "order_by_direction": ("components.OrderByDirection | components.OrderByDirectionLiteral | None", "None"),
        "fields": ("list[components.SessionProperties | components.SessionPropertiesLiteral] | None", "None"),
        "start_datetime": ("str | None", "None"),
        "end_datetime": ("str | None", "None"),
    }
    assert params["search_fields"].example == "[components.SessionProperties.CONVERSATION_ID]"
    assert params["start_datetime"].example == "'2023-01-01T00:00:00Z'"


def test_responses_and_errors(api: Api) -> None:
    listing = op(api, "sessions_list")
    assert listing.success.kind == "json" and listing.success.type == PyType("model", "ListResponseSession")
    assert [(e.status, e.error_class) for e in listing.errors] == [("422", "HTTPValidationError")]
    stream = op(api, "session_recording_stream")
    assert (stream.success.kind, stream.success.content_type) == ("stream", "application/octet-stream")
    (path_param,) = op(api, "session_get_by_id").parameters
    assert (path_param.location, path_param.required, path_param.default) == ("path", True, None)
    (error,) = api.errors
    assert (error.class_name, error.model) == ("HTTPValidationError", "HTTPValidationError")


def test_pagination_is_detected_only_for_the_page_numbered_list(api: Api) -> None:
    paged = [o.id for r in api.resources for o in r.operations if o.pagination is not None]
    assert paged == ["sessions_list"]
    pagination = op(api, "sessions_list").pagination
    assert pagination is not None
    assert (pagination.page_param, pagination.items_field, pagination.item_type) == (
        "page",
        "items",
        PyType("model", "Session"),
    )


def test_security_and_server(api: Api) -> None:
    (scheme,) = api.security
    assert (scheme.argument, scheme.env_var, scheme.location, scheme.wire_name) == (
        "api_key_header",
        "SYLLABLESDK_API_KEY_HEADER",
        "header",
        "Syllable-API-Key",
    )
    assert [s.url for s in api.servers] == ["https://api.syllable.cloud"]


def test_models_cover_every_schema(api: Api) -> None:
    names = {m.class_name for m in api.models}
    assert names == {
        "Session", "ListResponseSession", "SessionRecordingResponse", "SessionProperties",
        "OrderByDirection", "HTTPValidationError", "ValidationError",
    }  # fmt: skip
    session = next(m for m in api.models if m.class_name == "Session")
    assert len(session.fields) == 24
    assert [f[0] for f in session.fields if f[2]] == ["timestamp"]
