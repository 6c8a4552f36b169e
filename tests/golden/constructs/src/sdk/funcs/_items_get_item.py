"""``items_get_item``: Get one item. (standalone function; errors as values)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..models import components, operations
from ..models.errors import ClientError, Problem
from ..utils._http import Operation, Param, RequestOptions
from ..utils._raw import invoke_raw, invoke_raw_async
from ..utils._validate import request_model
from ..utils.result import Err, Ok, Result
from ..utils.retries import RetryConfig

if TYPE_CHECKING:
    from ..core import ClientCore

OPERATION: Operation[components.Item] = Operation(
    id="get_item",
    method="GET",
    path="/items/{item_id}",
    parse=components.Item.model_validate_json,
    kind="json",
    accept="application/json",
    path_params=(Param("item_id", "item_id"),),
    query_params=(
        Param("colour", "colour"),
        Param("tags", "tags", explode=False, style="pipeDelimited"),
    ),
    header_params=(Param("x_trace", "X-Trace"),),
    cookie_params=(Param("session", "session", style="form"),),
    errors=(("4XX", Problem.from_response),),
    idempotent=True,
    security=(),
)


def items_get_item(
    client: ClientCore,
    *,
    item_id: int,
    x_trace: str,
    colour: components.Colour | components.ColourLiteral | None = None,
    tags: list[str] | None = None,
    session: str | None = None,
    retries: RetryConfig | None = None,
    server_url: str | None = None,
    timeout_ms: int | None = None,
    http_headers: Mapping[str, str] | None = None,
) -> Result[components.Item, ClientError]:
    """Get one item.

    Args:
        item_id: item_id
        x_trace: X-Trace
        colour: colour
        tags: tags
        session: session
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
                operations.GetItemRequest,
                item_id=item_id,
                x_trace=x_trace,
                colour=colour,
                tags=tags,
                session=session,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )
        return Ok(_raw.parse(), _raw.headers)  # _raw: no parameter name starts with "_"
    except ClientError as error:
        return Err(error)


async def items_get_item_async(
    client: ClientCore,
    *,
    item_id: int,
    x_trace: str,
    colour: components.Colour | components.ColourLiteral | None = None,
    tags: list[str] | None = None,
    session: str | None = None,
    retries: RetryConfig | None = None,
    server_url: str | None = None,
    timeout_ms: int | None = None,
    http_headers: Mapping[str, str] | None = None,
) -> Result[components.Item, ClientError]:
    """Get one item.

    Args:
        item_id: item_id
        x_trace: X-Trace
        colour: colour
        tags: tags
        session: session
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
                operations.GetItemRequest,
                item_id=item_id,
                x_trace=x_trace,
                colour=colour,
                tags=tags,
                session=session,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )
        return Ok(_raw.parse(), _raw.headers)  # _raw: no parameter name starts with "_"
    except ClientError as error:
        return Err(error)
