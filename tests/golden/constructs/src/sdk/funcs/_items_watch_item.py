"""``items_watch_item``: Follow the changes of one item, as server-sent events. (standalone function; errors as values)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..models import components, operations
from ..models.errors import ClientError
from ..utils._events import AsyncEventStream, EventStream, open_events_raw, open_events_raw_async
from ..utils._http import Operation, Param, RequestOptions
from ..utils._validate import request_model
from ..utils.result import Err, Ok, Result
from ..utils.retries import RetryConfig

if TYPE_CHECKING:
    from ..core import ClientCore

OPERATION: Operation[components.Change] = Operation(
    id="watch_item",
    method="GET",
    path="/items/{item_id}/changes",
    parse=None,
    kind="events",
    accept="text/event-stream",
    path_params=(Param("item_id", "item_id"),),
    parse_event=components.Change.model_validate_json,
    idempotent=True,
    security=(),
)


def items_watch_item(
    client: ClientCore,
    *,
    item_id: int,
    retries: RetryConfig | None = None,
    server_url: str | None = None,
    timeout_ms: int | None = None,
    http_headers: Mapping[str, str] | None = None,
) -> Result[EventStream[components.Change], ClientError]:
    """Follow the changes of one item, as server-sent events.

    Args:
        item_id: item_id
        retries: Retry settings for this call; overrides the client's.
        server_url: Base URL for this call; overrides the client's.
        timeout_ms: Timeout for this call in milliseconds; overrides the client's.
        http_headers: Extra headers for this call.

    Returns:
        Ok(value) on success, Err(error) with the error the method would raise.

    Raises:
        errors.SDKError: Any other error status.
        errors.APIConnectionError: No response arrived (APITimeoutError when it timed out).
    """
    try:
        _raw = open_events_raw(
            client,
            OPERATION,
            request_model(
                operations.WatchItemRequest,
                item_id=item_id,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )
        return Ok(_raw.parse(), _raw.headers)  # _raw: no parameter name starts with "_"
    except ClientError as error:
        return Err(error)


async def items_watch_item_async(
    client: ClientCore,
    *,
    item_id: int,
    retries: RetryConfig | None = None,
    server_url: str | None = None,
    timeout_ms: int | None = None,
    http_headers: Mapping[str, str] | None = None,
) -> Result[AsyncEventStream[components.Change], ClientError]:
    """Follow the changes of one item, as server-sent events.

    Args:
        item_id: item_id
        retries: Retry settings for this call; overrides the client's.
        server_url: Base URL for this call; overrides the client's.
        timeout_ms: Timeout for this call in milliseconds; overrides the client's.
        http_headers: Extra headers for this call.

    Returns:
        Ok(value) on success, Err(error) with the error the method would raise.

    Raises:
        errors.SDKError: Any other error status.
        errors.APIConnectionError: No response arrived (APITimeoutError when it timed out).
    """
    try:
        _raw = await open_events_raw_async(
            client,
            OPERATION,
            request_model(
                operations.WatchItemRequest,
                item_id=item_id,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )
        return Ok(_raw.parse(), _raw.headers)  # _raw: no parameter name starts with "_"
    except ClientError as error:
        return Err(error)
