"""``items_create_item``: create_item (standalone function; errors as values)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..models import components, operations
from ..models.errors import ClientError, Problem
from ..utils._http import Body, Operation, RequestOptions
from ..utils._raw import invoke_raw, invoke_raw_async
from ..utils._validate import request_model
from ..utils.result import Err, Ok, Result
from ..utils.retries import RetryConfig

if TYPE_CHECKING:
    from ..core import ClientCore

OPERATION: Operation[components.Item] = Operation(
    id="create_item",
    method="POST",
    path="/items",
    parse=components.Item.model_validate_json,
    kind="json",
    accept="application/json",
    errors=(("4XX", Problem.from_response),),
    body=Body("body", "json", "application/json"),
    idempotent=False,
    security=(),
)


def items_create_item(
    client: ClientCore,
    *,
    body: components.CreateItemBody,
    retries: RetryConfig | None = None,
    server_url: str | None = None,
    timeout_ms: int | None = None,
    http_headers: Mapping[str, str] | None = None,
) -> Result[components.Item, ClientError]:
    """create_item

    Args:
        body: The request body (application/json).
        retries: Retry settings for this call; overrides the client's.
        server_url: Base URL for this call; overrides the client's.
        timeout_ms: Timeout for this call in milliseconds; overrides the client's.
        http_headers: Extra headers for this call.

    Returns:
        Ok(value) on success, Err(error) with the error the method would raise.

    Raises:
        errors.Problem: 4XX client error
        errors.SDKError: Any other error status.
        errors.APIConnectionError: No response arrived (APITimeoutError when it timed out).
    """
    try:
        _raw = invoke_raw(
            client,
            OPERATION,
            request_model(
                operations.CreateItemRequest,
                body=body,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )
        return Ok(_raw.parse(), _raw.headers)  # _raw: no parameter name starts with "_"
    except ClientError as error:
        return Err(error)


async def items_create_item_async(
    client: ClientCore,
    *,
    body: components.CreateItemBody,
    retries: RetryConfig | None = None,
    server_url: str | None = None,
    timeout_ms: int | None = None,
    http_headers: Mapping[str, str] | None = None,
) -> Result[components.Item, ClientError]:
    """create_item

    Args:
        body: The request body (application/json).
        retries: Retry settings for this call; overrides the client's.
        server_url: Base URL for this call; overrides the client's.
        timeout_ms: Timeout for this call in milliseconds; overrides the client's.
        http_headers: Extra headers for this call.

    Returns:
        Ok(value) on success, Err(error) with the error the method would raise.

    Raises:
        errors.Problem: 4XX client error
        errors.SDKError: Any other error status.
        errors.APIConnectionError: No response arrived (APITimeoutError when it timed out).
    """
    try:
        _raw = await invoke_raw_async(
            client,
            OPERATION,
            request_model(
                operations.CreateItemRequest,
                body=body,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )
        return Ok(_raw.parse(), _raw.headers)  # _raw: no parameter name starts with "_"
    except ClientError as error:
        return Err(error)
