"""Error statuses the spec gives no model of raise a class per status, every one an ``SDKError``."""

from __future__ import annotations

from typing import Any

import pytest
from syllable_sdk import SyllableSDK
from syllable_sdk.models import errors
from syllable_sdk.utils import RetryConfig

from generator.build import build_api
from generator.config import load_config
from generator.models import generate_models
from generator.pipeline import TEMPLATES
from tests.conftest import ROOT
from tests.server import API_KEY, Fault, LiveServer

pytestmark = pytest.mark.anyio

NO_RETRIES = RetryConfig("none", None, False)
BY_STATUS = [
    (400, errors.BadRequestError),
    (401, errors.AuthenticationError),
    (403, errors.PermissionDeniedError),
    (404, errors.NotFoundError),
    (409, errors.ConflictError),
    (422, errors.UnprocessableEntityError),  # a 422 body that is not the declared HTTPValidationError
    (429, errors.RateLimitError),
    (500, errors.InternalServerError),
    (503, errors.InternalServerError),
    (418, errors.SDKError),
]


def sdk_for(server: LiveServer, **kwargs: Any) -> SyllableSDK:
    return SyllableSDK(api_key_header=API_KEY, server_url=server.url, **kwargs)


@pytest.mark.parametrize(("status", "cls"), BY_STATUS)
def test_each_status_raises_its_class(server: LiveServer, status: int, cls: type[errors.SDKError]) -> None:
    server.plan.append(Fault(status, {"x-request-id": "req-1", "content-type": "text/plain"}, b"no such thing"))
    with sdk_for(server) as sdk, pytest.raises(errors.SDKError) as caught:
        sdk.sessions.get_by_id(session_id="1001", retries=NO_RETRIES)
    assert type(caught.value) is cls
    assert isinstance(caught.value, errors.SyllableSDKError)
    assert (caught.value.status_code, caught.value.body) == (status, "no such thing")
    assert caught.value.headers["x-request-id"] == "req-1"
    assert caught.value.raw_response.status_code == status


async def test_status_classes_async(server: LiveServer) -> None:
    server.plan.append(Fault(429, {"retry-after": "0"}, b"slow down"))
    async with sdk_for(server) as sdk:
        with pytest.raises(errors.RateLimitError) as caught:
            await sdk.sessions.get_by_id_async(session_id="1001", retries=NO_RETRIES)
        assert caught.value.status_code == 429
        with pytest.raises(errors.NotFoundError):
            await sdk.sessions.get_by_id_async(session_id="does-not-exist")


def test_real_server_statuses(server: LiveServer) -> None:
    with sdk_for(server) as sdk:
        with pytest.raises(errors.NotFoundError) as missing:
            sdk.sessions.get_by_id(session_id="does-not-exist")
        assert "does-not-exist" in missing.value.body
        # the spec's own model for 422 keeps its class, which is also an SDKError
        with pytest.raises(errors.HTTPValidationError) as invalid:
            sdk.sessions.list(page=-1)
        assert isinstance(invalid.value, errors.SDKError) and invalid.value.status_code == 422
    with SyllableSDK(api_key_header="wrong-key", server_url=server.url) as sdk:
        with pytest.raises(errors.AuthenticationError) as denied:
            sdk.sessions.get_by_id(session_id="1001")
        assert "wrong-key" not in str(denied.value)


def test_a_declared_model_named_like_a_status_class_is_renamed() -> None:
    """A component called ``NotFoundError`` used as an error body must not replace the status class."""
    spec: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/things/{id}": {
                "get": {
                    "operationId": "get_thing",
                    "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {
                        "200": {"description": "ok", "content": {"application/json": {"schema": {"type": "string"}}}},
                        "404": {
                            "description": "missing",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NotFoundError"}}},
                        },
                    },
                }
            }
        },
        "components": {"schemas": {"NotFoundError": {"type": "object", "properties": {"reason": {"type": "string"}}}}},
    }
    config = load_config(ROOT / "spec" / "generator.yaml")
    api, _ = build_api(spec, config, generate_models(spec, config.package, TEMPLATES / "datamodel"))
    assert [(e.class_name, e.model) for e in api.errors] == [("NotFoundErrorResponse", "NotFoundError")]
