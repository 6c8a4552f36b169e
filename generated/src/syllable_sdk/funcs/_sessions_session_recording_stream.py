"""``sessions_session_recording_stream``: Stream a recording (standalone function; errors as values)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..models import operations
from ..models.errors import HTTPValidationError, SyllableSDKError
from ..utils._http import Operation, Param, RequestOptions
from ..utils._raw import open_stream_raw, open_stream_raw_async
from ..utils._stream import AsyncBinaryStream, BinaryStream
from ..utils._validate import request_model
from ..utils.result import Err, Ok, Result
from ..utils.retries import RetryConfig

if TYPE_CHECKING:
    from ..core import SyllableSDKCore

OPERATION: Operation[None] = Operation(
    id="session_recording_stream",
    method="GET",
    path="/api/v1/sessions/recording/stream",
    parse=None,
    kind="stream",
    accept="application/octet-stream",
    query_params=(Param("token", "token"),),
    errors=(("422", HTTPValidationError.from_response),),
    idempotent=True,
    security=(("APIKeyHeader",),),
    required_security=(("APIKeyHeader",),),
)


def sessions_session_recording_stream(
    client: SyllableSDKCore,
    *,
    token: str,
    retries: RetryConfig | None = None,
    server_url: str | None = None,
    timeout_ms: int | None = None,
    http_headers: Mapping[str, str] | None = None,
) -> Result[BinaryStream, SyllableSDKError]:
    """Stream a recording

    Streams the audio of a session recording, identified by the token from a generated recording URL.

    Args:
        token: Token taken from a generated recording URL.
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
        _raw = open_stream_raw(
            client,
            OPERATION,
            request_model(
                operations.SessionRecordingStreamRequest,
                token=token,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )
        return Ok(_raw.parse(), _raw.headers)  # _raw: no parameter name starts with "_"
    except SyllableSDKError as error:
        return Err(error)


async def sessions_session_recording_stream_async(
    client: SyllableSDKCore,
    *,
    token: str,
    retries: RetryConfig | None = None,
    server_url: str | None = None,
    timeout_ms: int | None = None,
    http_headers: Mapping[str, str] | None = None,
) -> Result[AsyncBinaryStream, SyllableSDKError]:
    """Stream a recording

    Streams the audio of a session recording, identified by the token from a generated recording URL.

    Args:
        token: Token taken from a generated recording URL.
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
        _raw = await open_stream_raw_async(
            client,
            OPERATION,
            request_model(
                operations.SessionRecordingStreamRequest,
                token=token,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )
        return Ok(_raw.parse(), _raw.headers)  # _raw: no parameter name starts with "_"
    except SyllableSDKError as error:
        return Err(error)
