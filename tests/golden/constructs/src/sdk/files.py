"""Files: files"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING

from .funcs._files_upload_file import OPERATION as FILES_UPLOAD_FILE
from .models import components, operations
from .utils._http import RequestOptions, invoke, invoke_async
from .utils._raw import RawResponse, invoke_raw, invoke_raw_async
from .utils._validate import request_model
from .utils.retries import RetryConfig

if TYPE_CHECKING:
    from .core import ClientCore


class Files:
    """Files operations."""

    def __init__(self, core: ClientCore) -> None:
        self._core = core

    @cached_property
    def with_raw_response(self) -> FilesWithRawResponse:
        """The same methods, returning a ``RawResponse`` (``status_code``, ``headers``, ``parse()``)."""
        return FilesWithRawResponse(self._core)

    def upload_file(
        self,
        *,
        body: components.UploadFileBody,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> None:
        """upload_file

        Args:
            body: The request body (multipart/form-data).
            retries: Retry settings for this call; overrides the client's.
            server_url: Base URL for this call; overrides the client's.
            timeout_ms: Timeout for this call in milliseconds; overrides the client's.
            http_headers: Extra headers for this call.

        Raises:
            errors.SDKError: Any other error status.
            errors.APIConnectionError: No response arrived (APITimeoutError when it timed out).
        """
        return invoke(
            self._core,
            FILES_UPLOAD_FILE,
            request_model(
                operations.UploadFileRequest,
                body=body,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )

    async def upload_file_async(
        self,
        *,
        body: components.UploadFileBody,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> None:
        """upload_file

        Args:
            body: The request body (multipart/form-data).
            retries: Retry settings for this call; overrides the client's.
            server_url: Base URL for this call; overrides the client's.
            timeout_ms: Timeout for this call in milliseconds; overrides the client's.
            http_headers: Extra headers for this call.

        Raises:
            errors.SDKError: Any other error status.
            errors.APIConnectionError: No response arrived (APITimeoutError when it timed out).
        """
        return await invoke_async(
            self._core,
            FILES_UPLOAD_FILE,
            request_model(
                operations.UploadFileRequest,
                body=body,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )


class FilesWithRawResponse:
    """``files``'s methods returning ``RawResponse``: read the status and headers, then ``parse()``."""

    def __init__(self, core: ClientCore) -> None:
        self._core = core

    def upload_file(
        self,
        *,
        body: components.UploadFileBody,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> RawResponse[None]:
        """``upload_file``, returning the raw response; ``parse()`` gives its value."""
        return invoke_raw(
            self._core,
            FILES_UPLOAD_FILE,
            request_model(
                operations.UploadFileRequest,
                body=body,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )

    async def upload_file_async(
        self,
        *,
        body: components.UploadFileBody,
        retries: RetryConfig | None = None,
        server_url: str | None = None,
        timeout_ms: int | None = None,
        http_headers: Mapping[str, str] | None = None,
    ) -> RawResponse[None]:
        """``upload_file_async``, returning the raw response; ``parse()`` gives its value."""
        return await invoke_raw_async(
            self._core,
            FILES_UPLOAD_FILE,
            request_model(
                operations.UploadFileRequest,
                body=body,
            ),
            RequestOptions(retries, server_url, timeout_ms, http_headers),
        )
