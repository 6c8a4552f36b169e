"""Items: Items in the store."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING

from .funcs._items_create_item import OPERATION as ITEMS_CREATE_ITEM
from .funcs._items_get_item import OPERATION as ITEMS_GET_ITEM
from .funcs._items_watch_item import OPERATION as ITEMS_WATCH_ITEM
from .models import components, operations
from .utils._events import (
    AsyncEventStream,
    EventStream,
    open_events,
    open_events_async,
    open_events_raw,
    open_events_raw_async,
)
from .utils._http import RequestOptions, invoke, invoke_async
from .utils._raw import RawResponse, invoke_raw, invoke_raw_async
from .utils._validate import request_model
from .utils.retries import RetryConfig

if TYPE_CHECKING:
    from .core import ClientCore


class Items:
    """Items in the store."""

    def __init__(self, core: ClientCore) -> None:
        self._core = core

    @cached_property
    def with_raw_response(self) -> ItemsWithRawResponse:
        """The same methods, returning a ``RawResponse`` (``status_code``, ``headers``, ``parse()``)."""
        return ItemsWithRawResponse(self._core)

    def get_item(
        self,
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
    ) -> components.Item:
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

        Raises:
            errors.Problem: 4XX client error
            errors.SDKError: Any other error status.
            errors.APIConnectionError: No response arrived (APITimeoutError when it timed out).
        """
        return invoke(
            self._core,
            ITEMS_GET_ITEM,
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

    async def get_item_async(
        self,
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
    ) -> components.Item:
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

        Raises:
            errors.Problem: 4XX client error
            errors.SDKError: Any other error status.
            errors.APIConnectionError: No response arrived (APITimeoutError when it timed out).
        """
        return await invoke_async(
            self._core,
            ITEMS_GET_ITEM,
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

    def create_item(
        self,
        *,
        body: components.CreateItemBody,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> components.Item:
        """create_item

        Args:
            body: The request body (application/json).
            retries: Retry settings for this call; overrides the client's.
            server_url: Base URL for this call; overrides the client's.
            timeout_ms: Timeout for this call in milliseconds; overrides the client's.
            http_headers: Extra headers for this call.

        Raises:
            errors.Problem: 4XX client error
            errors.SDKError: Any other error status.
            errors.APIConnectionError: No response arrived (APITimeoutError when it timed out).
        """
        return invoke(
            self._core,
            ITEMS_CREATE_ITEM,
            request_model(
                operations.CreateItemRequest,
                body=body,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )

    async def create_item_async(
        self,
        *,
        body: components.CreateItemBody,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> components.Item:
        """create_item

        Args:
            body: The request body (application/json).
            retries: Retry settings for this call; overrides the client's.
            server_url: Base URL for this call; overrides the client's.
            timeout_ms: Timeout for this call in milliseconds; overrides the client's.
            http_headers: Extra headers for this call.

        Raises:
            errors.Problem: 4XX client error
            errors.SDKError: Any other error status.
            errors.APIConnectionError: No response arrived (APITimeoutError when it timed out).
        """
        return await invoke_async(
            self._core,
            ITEMS_CREATE_ITEM,
            request_model(
                operations.CreateItemRequest,
                body=body,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )

    def watch_item(
        self,
        *,
        item_id: int,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> EventStream[components.Change]:
        """Follow the changes of one item, as server-sent events.

        Args:
            item_id: item_id
            retries: Retry settings for this call; overrides the client's.
            server_url: Base URL for this call; overrides the client's.
            timeout_ms: Timeout for this call in milliseconds; overrides the client's.
            http_headers: Extra headers for this call.

        Raises:
            errors.SDKError: Any other error status.
            errors.APIConnectionError: No response arrived (APITimeoutError when it timed out).
        """
        return open_events(
            self._core,
            ITEMS_WATCH_ITEM,
            request_model(
                operations.WatchItemRequest,
                item_id=item_id,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )

    async def watch_item_async(
        self,
        *,
        item_id: int,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> AsyncEventStream[components.Change]:
        """Follow the changes of one item, as server-sent events.

        Args:
            item_id: item_id
            retries: Retry settings for this call; overrides the client's.
            server_url: Base URL for this call; overrides the client's.
            timeout_ms: Timeout for this call in milliseconds; overrides the client's.
            http_headers: Extra headers for this call.

        Raises:
            errors.SDKError: Any other error status.
            errors.APIConnectionError: No response arrived (APITimeoutError when it timed out).
        """
        return await open_events_async(
            self._core,
            ITEMS_WATCH_ITEM,
            request_model(
                operations.WatchItemRequest,
                item_id=item_id,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )


class ItemsWithRawResponse:
    """``items``'s methods returning ``RawResponse``: read the status and headers, then ``parse()``."""

    def __init__(self, core: ClientCore) -> None:
        self._core = core

    def get_item(
        self,
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
    ) -> RawResponse[components.Item]:
        """``get_item``, returning the raw response; ``parse()`` gives its value."""
        return invoke_raw(
            self._core,
            ITEMS_GET_ITEM,
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

    async def get_item_async(
        self,
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
    ) -> RawResponse[components.Item]:
        """``get_item_async``, returning the raw response; ``parse()`` gives its value."""
        return await invoke_raw_async(
            self._core,
            ITEMS_GET_ITEM,
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

    def create_item(
        self,
        *,
        body: components.CreateItemBody,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> RawResponse[components.Item]:
        """``create_item``, returning the raw response; ``parse()`` gives its value."""
        return invoke_raw(
            self._core,
            ITEMS_CREATE_ITEM,
            request_model(
                operations.CreateItemRequest,
                body=body,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )

    async def create_item_async(
        self,
        *,
        body: components.CreateItemBody,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> RawResponse[components.Item]:
        """``create_item_async``, returning the raw response; ``parse()`` gives its value."""
        return await invoke_raw_async(
            self._core,
            ITEMS_CREATE_ITEM,
            request_model(
                operations.CreateItemRequest,
                body=body,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )

    def watch_item(
        self,
        *,
        item_id: int,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> RawResponse[EventStream[components.Change]]:
        """``watch_item``, returning the raw response; ``parse()`` gives its value."""
        return open_events_raw(
            self._core,
            ITEMS_WATCH_ITEM,
            request_model(
                operations.WatchItemRequest,
                item_id=item_id,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )

    async def watch_item_async(
        self,
        *,
        item_id: int,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> RawResponse[AsyncEventStream[components.Change]]:
        """``watch_item_async``, returning the raw response; ``parse()`` gives its value."""
        return await open_events_raw_async(
            self._core,
            ITEMS_WATCH_ITEM,
            request_model(
                operations.WatchItemRequest,
                item_id=item_id,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )
