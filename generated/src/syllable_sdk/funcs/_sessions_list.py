"""``sessions_list``: List sessions (standalone function; errors as values)."""

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

OPERATION: Operation[components.ListResponseSession] = Operation(
    id="sessions_list",
    method="GET",
    path="/api/v1/sessions/",
    parse=components.ListResponseSession.model_validate_json,
    kind="json",
    accept="application/json",
    query_params=(
        Param("page", "page"),
        Param("limit", "limit"),
        Param("search_fields", "search_fields", style="form"),
        Param("search_field_values", "search_field_values", style="form"),
        Param("order_by", "order_by"),
        Param("order_by_direction", "order_by_direction"),
        Param("fields", "fields", style="form"),
        Param("start_datetime", "start_datetime"),
        Param("end_datetime", "end_datetime"),
    ),
    errors=(("422", HTTPValidationError.from_response),),
    idempotent=True,
    security=(("APIKeyHeader",),),
    required_security=(("APIKeyHeader",),),
)


def sessions_list(
    client: SyllableSDKCore,
    *,
    page: int | None = 0,
    limit: int = 25,
    search_fields: list[components.SessionProperties | components.SessionPropertiesLiteral] | None = None,
    search_field_values: list[str] | None = None,
    order_by: components.SessionProperties | components.SessionPropertiesLiteral | None = None,
    order_by_direction: components.OrderByDirection | components.OrderByDirectionLiteral | None = None,
    fields: list[components.SessionProperties | components.SessionPropertiesLiteral] | None = None,
    start_datetime: str | None = None,
    end_datetime: str | None = None,
    retries: RetryConfig | None = None,
    server_url: str | None = None,
    timeout_ms: int | None = None,
    http_headers: Mapping[str, str] | None = None,
) -> Result[components.ListResponseSession, SyllableSDKError]:
    """List sessions

    Returns one page of sessions, optionally filtered, searched and ordered.

    Args:
        page: Zero-based number of the page to return.
        limit: Largest number of sessions to return on the page.
        search_fields: Fields to search in; each pairs with the value at the same position in search_field_values.
        search_field_values: Values to search for; each pairs with the field at the same position in search_fields. A single value is never a list unless the field's name says it holds one.
        order_by: Field to sort the sessions by.
        order_by_direction: Whether to sort ascending or descending.
        fields: Fields to include in each returned session; all fields when empty.
        start_datetime: Only sessions at or after this ISO 8601 date-time.
        end_datetime: Only sessions before this ISO 8601 date-time.
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
                operations.SessionsListRequest,
                page=page,
                limit=limit,
                search_fields=search_fields,
                search_field_values=search_field_values,
                order_by=order_by,
                order_by_direction=order_by_direction,
                fields=fields,
                start_datetime=start_datetime,
                end_datetime=end_datetime,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )
        return Ok(_raw.parse(), _raw.headers)  # _raw: no parameter name starts with "_"
    except SyllableSDKError as error:
        return Err(error)


async def sessions_list_async(
    client: SyllableSDKCore,
    *,
    page: int | None = 0,
    limit: int = 25,
    search_fields: list[components.SessionProperties | components.SessionPropertiesLiteral] | None = None,
    search_field_values: list[str] | None = None,
    order_by: components.SessionProperties | components.SessionPropertiesLiteral | None = None,
    order_by_direction: components.OrderByDirection | components.OrderByDirectionLiteral | None = None,
    fields: list[components.SessionProperties | components.SessionPropertiesLiteral] | None = None,
    start_datetime: str | None = None,
    end_datetime: str | None = None,
    retries: RetryConfig | None = None,
    server_url: str | None = None,
    timeout_ms: int | None = None,
    http_headers: Mapping[str, str] | None = None,
) -> Result[components.ListResponseSession, SyllableSDKError]:
    """List sessions

    Returns one page of sessions, optionally filtered, searched and ordered.

    Args:
        page: Zero-based number of the page to return.
        limit: Largest number of sessions to return on the page.
        search_fields: Fields to search in; each pairs with the value at the same position in search_field_values.
        search_field_values: Values to search for; each pairs with the field at the same position in search_fields. A single value is never a list unless the field's name says it holds one.
        order_by: Field to sort the sessions by.
        order_by_direction: Whether to sort ascending or descending.
        fields: Fields to include in each returned session; all fields when empty.
        start_datetime: Only sessions at or after this ISO 8601 date-time.
        end_datetime: Only sessions before this ISO 8601 date-time.
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
                operations.SessionsListRequest,
                page=page,
                limit=limit,
                search_fields=search_fields,
                search_field_values=search_field_values,
                order_by=order_by,
                order_by_direction=order_by_direction,
                fields=fields,
                start_datetime=start_datetime,
                end_datetime=end_datetime,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )
        return Ok(_raw.parse(), _raw.headers)  # _raw: no parameter name starts with "_"
    except SyllableSDKError as error:
        return Err(error)
