"""``sessions_generate_session_recording_urls``: Generate recording URLs (standalone function; errors as values)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..models import components, operations
from ..models.errors import HTTPValidationError, SyllableSDKError
from ..utils._http import Operation, Param, RequestOptions
from ..utils._raw import invoke_raw, invoke_raw_async
from ..utils._validate import request_model
from ..utils.result import Err, Ok, Result
from ..utils.retries import RetryConfig

if TYPE_CHECKING:
    from ..core import SyllableSDKCore

OPERATION: Operation[components.SessionRecordingResponse] = Operation(
    id="generate_session_recording_urls",
    method="POST",
    path="/api/v1/sessions/recording/{session_id}",
    parse=components.SessionRecordingResponse.model_validate_json,
    kind="json",
    accept="application/json",
    path_params=(Param("session_id", "session_id"),),
    errors=(("422", HTTPValidationError.from_response),),
    idempotent=False,
    security=(("APIKeyHeader",),),
    required_security=(("APIKeyHeader",),),
)


def sessions_generate_session_recording_urls(
    client: SyllableSDKCore,
    *,
    session_id: str,
    retries: RetryConfig | None = None,
    server_url: str | None = None,
    timeout_ms: int | None = None,
    http_headers: Mapping[str, str] | None = None,
) -> Result[components.SessionRecordingResponse, SyllableSDKError]:
    """Generate recording URLs

    Creates short-lived URLs from which the session's call recordings can be streamed.

    Args:
        session_id: Internal ID of the session.
        retries: Retry settings for this call; overrides the client's.
        server_url: Base URL for this call; overrides the client's.
        timeout_ms: Timeout for this call in milliseconds; overrides the client's.
        http_headers: Extra headers for this call.

    Returns:
        Ok(value) on success, Err(error) with the error the method would raise.

    Raises:
        errors.HTTPValidationError: 422 The request's parameters did not validate.
        errors.SDKError: Any other error status.
        errors.APIConnectionError: No response arrived (APITimeoutError when it timed out).
    """
    try:
        _raw = invoke_raw(
            client,
            OPERATION,
            request_model(
                operations.GenerateSessionRecordingUrlsRequest,
                session_id=session_id,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )
        return Ok(_raw.parse(), _raw.headers)  # _raw: no parameter name starts with "_"
    except SyllableSDKError as error:
        return Err(error)


async def sessions_generate_session_recording_urls_async(
    client: SyllableSDKCore,
    *,
    session_id: str,
    retries: RetryConfig | None = None,
    server_url: str | None = None,
    timeout_ms: int | None = None,
    http_headers: Mapping[str, str] | None = None,
) -> Result[components.SessionRecordingResponse, SyllableSDKError]:
    """Generate recording URLs

    Creates short-lived URLs from which the session's call recordings can be streamed.

    Args:
        session_id: Internal ID of the session.
        retries: Retry settings for this call; overrides the client's.
        server_url: Base URL for this call; overrides the client's.
        timeout_ms: Timeout for this call in milliseconds; overrides the client's.
        http_headers: Extra headers for this call.

    Returns:
        Ok(value) on success, Err(error) with the error the method would raise.

    Raises:
        errors.HTTPValidationError: 422 The request's parameters did not validate.
        errors.SDKError: Any other error status.
        errors.APIConnectionError: No response arrived (APITimeoutError when it timed out).
    """
    try:
        _raw = await invoke_raw_async(
            client,
            OPERATION,
            request_model(
                operations.GenerateSessionRecordingUrlsRequest,
                session_id=session_id,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )
        return Ok(_raw.parse(), _raw.headers)  # _raw: no parameter name starts with "_"
    except SyllableSDKError as error:
        return Err(error)
