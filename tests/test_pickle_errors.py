"""Every SDK error survives pickle (Celery, multiprocessing): type, message, status code, body and headers."""

from __future__ import annotations

import pickle
import subprocess
import sys

import httpx
import pytest
from syllable_sdk import SyllableSDK
from syllable_sdk.models import errors
from syllable_sdk.utils import RetryConfig

from tests.server import API_KEY, Fault, LiveServer

pytestmark = pytest.mark.anyio

NO_RETRIES = RetryConfig("none", None, False)


def caught(server: LiveServer, fault: Fault | None = None, **call: object) -> errors.SyllableSDKError:
    if fault is not None:
        server.plan.append(fault)
    with SyllableSDK(api_key_header=API_KEY, server_url=server.url) as sdk:
        try:
            if "page" in call:
                sdk.sessions.list(page=call["page"], retries=NO_RETRIES)  # type: ignore[arg-type]
            else:
                sdk.sessions.get_by_id(session_id=str(call.get("session_id", "1001")), retries=NO_RETRIES)
        except errors.SyllableSDKError as error:
            return error
    raise AssertionError("no error raised")


def round_trip(error: errors.SyllableSDKError) -> errors.SyllableSDKError:
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error)
    assert str(again) == str(error) and again.message == error.message and again.args == error.args
    return again


def test_status_errors_round_trip(server: LiveServer) -> None:
    for fault, cls in [
        (Fault(404, {"x-request-id": "r-404"}, b"gone"), errors.NotFoundError),
        (Fault(500, {"x-request-id": "r-500"}, b"boom"), errors.InternalServerError),
        (Fault(418, {"x-request-id": "r-418"}, b"teapot"), errors.SDKError),
    ]:
        error = caught(server, fault)
        assert type(error) is cls
        again = round_trip(error)
        assert isinstance(again, errors.SDKError) and isinstance(error, errors.SDKError)
        assert (again.status_code, again.body) == (error.status_code, error.body)
        assert again.headers["x-request-id"] == error.headers["x-request-id"]
        # the raw response comes back as a stand-in with status, headers and body (the request is not kept)
        assert again.raw_response.status_code == error.status_code and again.raw_response.text == error.body


def test_typed_error_keeps_its_parsed_data(server: LiveServer) -> None:
    error = caught(server, page=-1)
    assert isinstance(error, errors.HTTPValidationError)
    again = round_trip(error)
    assert isinstance(again, errors.HTTPValidationError)
    assert again.data == error.data and again.detail == error.detail and again.status_code == 422


def test_connection_and_validation_errors_round_trip(server: LiveServer) -> None:
    with SyllableSDK(api_key_header=API_KEY, server_url="http://127.0.0.1:9") as sdk:
        with pytest.raises(errors.APIConnectionError) as refused:
            sdk.sessions.get_by_id(session_id="1001", retries=NO_RETRIES)
    round_trip(refused.value)
    round_trip(errors.APITimeoutError("ReadTimeout: timed out"))
    bad = caught(server, Fault(200, {"content-type": "application/json"}, b'{"nope": 1}'))
    assert isinstance(bad, errors.ResponseValidationError)
    assert round_trip(bad).status_code == 200  # type: ignore[attr-defined]


def test_errors_cross_a_process_boundary(server: LiveServer) -> None:
    """What multiprocessing does: pickle in one interpreter, unpickle in another."""
    error = caught(server, Fault(409, {}, b"taken"))
    code = (
        "import pickle, sys; e = pickle.loads(sys.stdin.buffer.read()); "
        "print(type(e).__name__, e.status_code, e.body, isinstance(e, Exception))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], input=pickle.dumps(error), capture_output=True, timeout=60, check=True
    )
    assert out.stdout.decode().split() == ["ConflictError", "409", "taken", "True"]


def test_an_error_without_a_response_has_no_stand_in() -> None:
    error = errors.SDKError("API error", httpx.Response(400, content=b"x"))
    del error.raw_response
    assert not hasattr(round_trip(error), "raw_response")
