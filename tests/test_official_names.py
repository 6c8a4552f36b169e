"""Code written against the official ``syllable-sdk`` finds its names: lazy aliases of the same objects."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_runs import generate_ok
from tests.conftest import ROOT
from tests.server import API_KEY, LiveServer
from tests.test_lazy import loaded_after
from tests.typecheck import check_snippet

pytestmark = pytest.mark.anyio


def test_official_paths_are_the_same_objects() -> None:
    import syllable_sdk
    from syllable_sdk import SyllableSDK, errors, models
    from syllable_sdk.models import components, operations
    from syllable_sdk.models import errors as model_errors

    assert SyllableSDK is syllable_sdk.sdk.SyllableSDK
    for name in ("SessionProperties", "ListResponseSession", "Session", "OrderByDirection", "SessionPropertiesLiteral"):
        assert getattr(models, name) is getattr(components, name), name
    assert models.SessionsListRequest is operations.SessionsListRequest  # request models too
    assert errors.SDKError is model_errors.SDKError and errors.HTTPValidationError is model_errors.HTTPValidationError
    assert errors.NotFoundError is model_errors.NotFoundError and errors.__all__ == model_errors.__all__
    # the component of that name is the body; the exception of that name lives in errors
    assert models.HTTPValidationError is components.HTTPValidationError is not errors.HTTPValidationError
    assert syllable_sdk.models is models and syllable_sdk.errors is errors
    with pytest.raises(AttributeError):
        models.NoSuchModel  # noqa: B018
    assert "errors" in dir(syllable_sdk) and "models" in dir(syllable_sdk)


def test_aliases_stay_lazy() -> None:
    assert loaded_after("import syllable_sdk") == ["syllable_sdk", "syllable_sdk._version"]
    loaded = loaded_after("from syllable_sdk import models\nmodels.SessionProperties")
    assert "syllable_sdk.models.components._schemas.session_properties" in loaded
    assert not any(m.endswith(("._schemas.session", "list_response_session")) or "operations" in m for m in loaded)
    loaded = loaded_after("import syllable_sdk\nsyllable_sdk.errors.SDKError")
    assert "syllable_sdk.models.errors" in loaded and "syllable_sdk.sdk" not in loaded


def test_official_sdk_code_runs(server: LiveServer) -> None:
    from syllable_sdk import SyllableSDK, errors, models

    with SyllableSDK(api_key_header=API_KEY, server_url=server.url) as sdk:
        page = sdk.sessions.list(order_by=models.SessionProperties.TIMESTAMP, limit=2)
        assert isinstance(page, models.ListResponseSession)
        assert all(isinstance(s, models.Session) for s in page.items or [])
        with pytest.raises(errors.HTTPValidationError) as invalid:
            sdk.sessions.list(page=-1)
        assert isinstance(invalid.value, errors.SDKError)
        with pytest.raises(errors.SDKError) as missing:
            sdk.sessions.get_by_id(session_id="does-not-exist")
        assert missing.value.status_code == 404


async def test_official_sdk_code_runs_async(server: LiveServer) -> None:
    from syllable_sdk import SyllableSDK, models

    async with SyllableSDK(api_key_header=API_KEY, server_url=server.url) as sdk:
        page = await sdk.sessions.list_async(order_by=models.SessionProperties.SESSION_ID, limit=1)
        assert isinstance(page, models.ListResponseSession)


USER_CODE = """
import syllable_sdk
from syllable_sdk import SyllableSDK, errors, models

page: models.ListResponseSession = SyllableSDK().sessions.list(order_by=models.SessionProperties.TIMESTAMP)
reveal_type(models.Session)
reveal_type(page)
reveal_type(syllable_sdk.models.SessionProperties.TIMESTAMP)
try:
    pass
except errors.HTTPValidationError as e:
    reveal_type(e.data)
except errors.SDKError as e:
    reveal_type(e.status_code)
models.NoSuchModel  # rejected
"""


def test_official_names_are_typed(tmp_path: Path) -> None:
    revealed, errors = check_snippet(USER_CODE, tmp_path)
    assert revealed[0].startswith("def (*, timestamp: datetime.datetime")  # the model class itself
    assert revealed[0].endswith("-> syllable_sdk.models.components._schemas.session.Session"), revealed
    assert revealed[1:] == [
        "syllable_sdk.models.components._schemas.list_response_session.ListResponseSession",
        "Literal[syllable_sdk.models.components._schemas.session_properties.SessionProperties.TIMESTAMP]?",
        "syllable_sdk.models.components._schemas.http_validation_error.HTTPValidationError",
        "int",
    ], revealed
    assert len(errors) == 1 and "NoSuchModel" in errors[0], errors


def test_a_component_wins_a_clash_with_a_request_model(tmp_path: Path) -> None:
    """``models.<Name>`` when a component and an operation's request model share the name: the component."""
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "Clash", "version": "1"},
        "paths": {
            "/things": {
                "get": {
                    "operationId": "thing_get",
                    "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/ThingGetRequest"}}
                            },
                        }
                    },
                }
            }
        },
        "components": {"schemas": {"ThingGetRequest": {"type": "object", "properties": {"a": {"type": "string"}}}}},
    }
    (tmp_path / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    out = tmp_path / "out"
    env = {"PYTHONPATH": str(ROOT), "PATH": str(Path(sys.executable).parent)}
    generate_ok(out, spec=tmp_path / "spec.json")
    check = (
        "from sdk import models\n"
        "from sdk.models import components, operations\n"
        "assert models.ThingGetRequest is components.ThingGetRequest\n"
        "assert operations.ThingGetRequest is not components.ThingGetRequest\n"
        "print('ok')"
    )
    ran = subprocess.run(
        [sys.executable, "-c", check],
        env={**env, "PYTHONPATH": str(out / "src")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ran.stdout.strip() == "ok", ran.stderr
    init = (out / "src" / "sdk" / "models" / "__init__.py").read_text(encoding="utf-8")
    assert init.count("import ThingGetRequest as ThingGetRequest") == 1  # the type checker sees the component only
