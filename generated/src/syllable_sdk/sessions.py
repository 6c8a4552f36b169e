"""Sessions: Browse sessions, the individual interactions that make up a conversation, and fetch their call recordings."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING

from .funcs._sessions_generate_session_recording_urls import OPERATION as SESSIONS_GENERATE_SESSION_RECORDING_URLS
from .funcs._sessions_get_by_id import OPERATION as SESSIONS_GET_BY_ID
from .funcs._sessions_list import OPERATION as SESSIONS_LIST
from .funcs._sessions_session_recording_stream import OPERATION as SESSIONS_SESSION_RECORDING_STREAM
from .models import components, operations
from .utils._http import RequestOptions, invoke, invoke_async, open_stream, open_stream_async
from .utils._pagination import AsyncPager, Pager
from .utils._raw import RawResponse, invoke_raw, invoke_raw_async, open_stream_raw, open_stream_raw_async
from .utils._stream import AsyncBinaryStream, BinaryStream
from .utils._validate import request_model
from .utils.retries import RetryConfig

if TYPE_CHECKING:
    from .core import SyllableSDKCore


class Sessions:
    """Browse sessions, the individual interactions that make up a conversation, and fetch their call recordings."""

    def __init__(self, core: SyllableSDKCore) -> None:
        self._core = core

    @cached_property
    def with_raw_response(self) -> SessionsWithRawResponse:
        """The same methods, returning a ``RawResponse`` (``status_code``, ``headers``, ``parse()``)."""
        return SessionsWithRawResponse(self._core)

    def list(
        self,
        *,
        page: int | None = 0,
        limit: int = 25,
        search_fields: builtins.list[components.SessionProperties | components.SessionPropertiesLiteral] | None = None,
        search_field_values: builtins.list[str] | None = None,
        order_by: components.SessionProperties | components.SessionPropertiesLiteral | None = None,
        order_by_direction: components.OrderByDirection | components.OrderByDirectionLiteral | None = None,
        fields: builtins.list[components.SessionProperties | components.SessionPropertiesLiteral] | None = None,
        start_datetime: str | None = None,
        end_datetime: str | None = None,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> components.ListResponseSession:
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

        Raises:
            errors.HTTPValidationError: 422 The request's parameters did not validate.
            errors.SDKError: Any other error status.
            errors.APIConnectionError: No response arrived (APITimeoutError when it timed out).
        """
        return invoke(
            self._core,
            SESSIONS_LIST,
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

    async def list_async(
        self,
        *,
        page: int | None = 0,
        limit: int = 25,
        search_fields: builtins.list[components.SessionProperties | components.SessionPropertiesLiteral] | None = None,
        search_field_values: builtins.list[str] | None = None,
        order_by: components.SessionProperties | components.SessionPropertiesLiteral | None = None,
        order_by_direction: components.OrderByDirection | components.OrderByDirectionLiteral | None = None,
        fields: builtins.list[components.SessionProperties | components.SessionPropertiesLiteral] | None = None,
        start_datetime: str | None = None,
        end_datetime: str | None = None,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> components.ListResponseSession:
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

        Raises:
            errors.HTTPValidationError: 422 The request's parameters did not validate.
            errors.SDKError: Any other error status.
            errors.APIConnectionError: No response arrived (APITimeoutError when it timed out).
        """
        return await invoke_async(
            self._core,
            SESSIONS_LIST,
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

    def list_all(
        self,
        *,
        page: int | None = 0,
        limit: int = 25,
        search_fields: builtins.list[components.SessionProperties | components.SessionPropertiesLiteral] | None = None,
        search_field_values: builtins.list[str] | None = None,
        order_by: components.SessionProperties | components.SessionPropertiesLiteral | None = None,
        order_by_direction: components.OrderByDirection | components.OrderByDirectionLiteral | None = None,
        fields: builtins.list[components.SessionProperties | components.SessionPropertiesLiteral] | None = None,
        start_datetime: str | None = None,
        end_datetime: str | None = None,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> Pager[components.Session, components.ListResponseSession]:
        """Every item of ``list``, page after page, fetched as you iterate.

        Takes the same arguments as ``list``; ``page`` is the page to start from. Iterating again
        fetches again; ``.pages()`` yields each page instead of its items.
        """
        return Pager(
            lambda page_: self.list(
                page=page_,
                limit=limit,
                search_fields=search_fields,
                search_field_values=search_field_values,
                order_by=order_by,
                order_by_direction=order_by_direction,
                fields=fields,
                start_datetime=start_datetime,
                end_datetime=end_datetime,
                retries=retries,
                server_url=server_url,
                timeout_ms=timeout_ms,
                http_headers=http_headers,
            ),
            start=page,
            items="items",
            total_pages="total_pages",
            total_count="total_count",
            page_size="page_size",
        )

    def list_all_async(
        self,
        *,
        page: int | None = 0,
        limit: int = 25,
        search_fields: builtins.list[components.SessionProperties | components.SessionPropertiesLiteral] | None = None,
        search_field_values: builtins.list[str] | None = None,
        order_by: components.SessionProperties | components.SessionPropertiesLiteral | None = None,
        order_by_direction: components.OrderByDirection | components.OrderByDirectionLiteral | None = None,
        fields: builtins.list[components.SessionProperties | components.SessionPropertiesLiteral] | None = None,
        start_datetime: str | None = None,
        end_datetime: str | None = None,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> AsyncPager[components.Session, components.ListResponseSession]:
        """Every item of ``list_async``, page after page, fetched as you iterate (``async for``).

        Takes the same arguments as ``list``; ``page`` is the page to start from. Iterating again
        fetches again; ``.pages()`` yields each page instead of its items.
        """
        return AsyncPager(
            lambda page_: self.list_async(
                page=page_,
                limit=limit,
                search_fields=search_fields,
                search_field_values=search_field_values,
                order_by=order_by,
                order_by_direction=order_by_direction,
                fields=fields,
                start_datetime=start_datetime,
                end_datetime=end_datetime,
                retries=retries,
                server_url=server_url,
                timeout_ms=timeout_ms,
                http_headers=http_headers,
            ),
            start=page,
            items="items",
            total_pages="total_pages",
            total_count="total_count",
            page_size="page_size",
        )

    def get_by_id(
        self,
        *,
        session_id: str,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> components.Session:
        """Get a session by its ID

        Returns the session with the given internal ID.

        Args:
            session_id: Internal ID of the session.
            retries: Retry settings for this call; overrides the client's.
            server_url: Base URL for this call; overrides the client's.
            timeout_ms: Timeout for this call in milliseconds; overrides the client's.
            http_headers: Extra headers for this call.

        Raises:
            errors.HTTPValidationError: 422 The request's parameters did not validate.
            errors.SDKError: Any other error status.
            errors.APIConnectionError: No response arrived (APITimeoutError when it timed out).
        """
        return invoke(
            self._core,
            SESSIONS_GET_BY_ID,
            request_model(
                operations.SessionGetByIdRequest,
                session_id=session_id,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )

    async def get_by_id_async(
        self,
        *,
        session_id: str,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> components.Session:
        """Get a session by its ID

        Returns the session with the given internal ID.

        Args:
            session_id: Internal ID of the session.
            retries: Retry settings for this call; overrides the client's.
            server_url: Base URL for this call; overrides the client's.
            timeout_ms: Timeout for this call in milliseconds; overrides the client's.
            http_headers: Extra headers for this call.

        Raises:
            errors.HTTPValidationError: 422 The request's parameters did not validate.
            errors.SDKError: Any other error status.
            errors.APIConnectionError: No response arrived (APITimeoutError when it timed out).
        """
        return await invoke_async(
            self._core,
            SESSIONS_GET_BY_ID,
            request_model(
                operations.SessionGetByIdRequest,
                session_id=session_id,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )

    def generate_session_recording_urls(
        self,
        *,
        session_id: str,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> components.SessionRecordingResponse:
        """Generate recording URLs

        Creates short-lived URLs from which the session's call recordings can be streamed.

        Args:
            session_id: Internal ID of the session.
            retries: Retry settings for this call; overrides the client's.
            server_url: Base URL for this call; overrides the client's.
            timeout_ms: Timeout for this call in milliseconds; overrides the client's.
            http_headers: Extra headers for this call.

        Raises:
            errors.HTTPValidationError: 422 The request's parameters did not validate.
            errors.SDKError: Any other error status.
            errors.APIConnectionError: No response arrived (APITimeoutError when it timed out).
        """
        return invoke(
            self._core,
            SESSIONS_GENERATE_SESSION_RECORDING_URLS,
            request_model(
                operations.GenerateSessionRecordingUrlsRequest,
                session_id=session_id,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )

    async def generate_session_recording_urls_async(
        self,
        *,
        session_id: str,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> components.SessionRecordingResponse:
        """Generate recording URLs

        Creates short-lived URLs from which the session's call recordings can be streamed.

        Args:
            session_id: Internal ID of the session.
            retries: Retry settings for this call; overrides the client's.
            server_url: Base URL for this call; overrides the client's.
            timeout_ms: Timeout for this call in milliseconds; overrides the client's.
            http_headers: Extra headers for this call.

        Raises:
            errors.HTTPValidationError: 422 The request's parameters did not validate.
            errors.SDKError: Any other error status.
            errors.APIConnectionError: No response arrived (APITimeoutError when it timed out).
        """
        return await invoke_async(
            self._core,
            SESSIONS_GENERATE_SESSION_RECORDING_URLS,
            request_model(
                operations.GenerateSessionRecordingUrlsRequest,
                session_id=session_id,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )

    def session_recording_stream(
        self,
        *,
        token: str,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> BinaryStream:
        """Stream a recording

        Streams the audio of a session recording, identified by the token from a generated recording URL.

        Args:
            token: Token taken from a generated recording URL.
            retries: Retry settings for this call; overrides the client's.
            server_url: Base URL for this call; overrides the client's.
            timeout_ms: Timeout for this call in milliseconds; overrides the client's.
            http_headers: Extra headers for this call.

        Raises:
            errors.HTTPValidationError: 422 The request's parameters did not validate.
            errors.SDKError: Any other error status.
            errors.APIConnectionError: No response arrived (APITimeoutError when it timed out).
        """
        return open_stream(
            self._core,
            SESSIONS_SESSION_RECORDING_STREAM,
            request_model(
                operations.SessionRecordingStreamRequest,
                token=token,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )

    async def session_recording_stream_async(
        self,
        *,
        token: str,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> AsyncBinaryStream:
        """Stream a recording

        Streams the audio of a session recording, identified by the token from a generated recording URL.

        Args:
            token: Token taken from a generated recording URL.
            retries: Retry settings for this call; overrides the client's.
            server_url: Base URL for this call; overrides the client's.
            timeout_ms: Timeout for this call in milliseconds; overrides the client's.
            http_headers: Extra headers for this call.

        Raises:
            errors.HTTPValidationError: 422 The request's parameters did not validate.
            errors.SDKError: Any other error status.
            errors.APIConnectionError: No response arrived (APITimeoutError when it timed out).
        """
        return await open_stream_async(
            self._core,
            SESSIONS_SESSION_RECORDING_STREAM,
            request_model(
                operations.SessionRecordingStreamRequest,
                token=token,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )


class SessionsWithRawResponse:
    """``sessions``'s methods returning ``RawResponse``: read the status and headers, then ``parse()``."""

    def __init__(self, core: SyllableSDKCore) -> None:
        self._core = core

    def list(
        self,
        *,
        page: int | None = 0,
        limit: int = 25,
        search_fields: builtins.list[components.SessionProperties | components.SessionPropertiesLiteral] | None = None,
        search_field_values: builtins.list[str] | None = None,
        order_by: components.SessionProperties | components.SessionPropertiesLiteral | None = None,
        order_by_direction: components.OrderByDirection | components.OrderByDirectionLiteral | None = None,
        fields: builtins.list[components.SessionProperties | components.SessionPropertiesLiteral] | None = None,
        start_datetime: str | None = None,
        end_datetime: str | None = None,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> RawResponse[components.ListResponseSession]:
        """``list``, returning the raw response; ``parse()`` gives its value."""
        return invoke_raw(
            self._core,
            SESSIONS_LIST,
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

    async def list_async(
        self,
        *,
        page: int | None = 0,
        limit: int = 25,
        search_fields: builtins.list[components.SessionProperties | components.SessionPropertiesLiteral] | None = None,
        search_field_values: builtins.list[str] | None = None,
        order_by: components.SessionProperties | components.SessionPropertiesLiteral | None = None,
        order_by_direction: components.OrderByDirection | components.OrderByDirectionLiteral | None = None,
        fields: builtins.list[components.SessionProperties | components.SessionPropertiesLiteral] | None = None,
        start_datetime: str | None = None,
        end_datetime: str | None = None,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> RawResponse[components.ListResponseSession]:
        """``list_async``, returning the raw response; ``parse()`` gives its value."""
        return await invoke_raw_async(
            self._core,
            SESSIONS_LIST,
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

    def get_by_id(
        self,
        *,
        session_id: str,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> RawResponse[components.Session]:
        """``get_by_id``, returning the raw response; ``parse()`` gives its value."""
        return invoke_raw(
            self._core,
            SESSIONS_GET_BY_ID,
            request_model(
                operations.SessionGetByIdRequest,
                session_id=session_id,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )

    async def get_by_id_async(
        self,
        *,
        session_id: str,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> RawResponse[components.Session]:
        """``get_by_id_async``, returning the raw response; ``parse()`` gives its value."""
        return await invoke_raw_async(
            self._core,
            SESSIONS_GET_BY_ID,
            request_model(
                operations.SessionGetByIdRequest,
                session_id=session_id,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )

    def generate_session_recording_urls(
        self,
        *,
        session_id: str,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> RawResponse[components.SessionRecordingResponse]:
        """``generate_session_recording_urls``, returning the raw response; ``parse()`` gives its value."""
        return invoke_raw(
            self._core,
            SESSIONS_GENERATE_SESSION_RECORDING_URLS,
            request_model(
                operations.GenerateSessionRecordingUrlsRequest,
                session_id=session_id,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )

    async def generate_session_recording_urls_async(
        self,
        *,
        session_id: str,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> RawResponse[components.SessionRecordingResponse]:
        """``generate_session_recording_urls_async``, returning the raw response; ``parse()`` gives its value."""
        return await invoke_raw_async(
            self._core,
            SESSIONS_GENERATE_SESSION_RECORDING_URLS,
            request_model(
                operations.GenerateSessionRecordingUrlsRequest,
                session_id=session_id,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )

    def session_recording_stream(
        self,
        *,
        token: str,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> RawResponse[BinaryStream]:
        """``session_recording_stream``, returning the raw response; ``parse()`` gives its value."""
        return open_stream_raw(
            self._core,
            SESSIONS_SESSION_RECORDING_STREAM,
            request_model(
                operations.SessionRecordingStreamRequest,
                token=token,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )

    async def session_recording_stream_async(
        self,
        *,
        token: str,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> RawResponse[AsyncBinaryStream]:
        """``session_recording_stream_async``, returning the raw response; ``parse()`` gives its value."""
        return await open_stream_raw_async(
            self._core,
            SESSIONS_SESSION_RECORDING_STREAM,
            request_model(
                operations.SessionRecordingStreamRequest,
                token=token,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )
