"""When to try a call again and how long to wait; shared by the sync and async send loops."""

from __future__ import annotations

import email.utils
import random
import time

import httpx

from .retries import RETRYABLE_STATUS, RetryConfig

# Transport failures worth another try: the request may never have reached the server, or the
# connection broke mid-response. Protocol misuse and bad URLs are not.
_RETRYABLE_ERRORS = (
    httpx.ConnectError,
    httpx.ReadError,
    httpx.WriteError,
    httpx.RemoteProtocolError,
    httpx.TimeoutException,
)


class Retrier:
    """One call's retry state: attempts made and the overall deadline."""

    __slots__ = ("_config", "_attempt", "_deadline", "_max_retries")

    def __init__(self, config: RetryConfig, max_retries: int | None = None) -> None:
        self._config = config
        self._max_retries = max_retries
        self._attempt = 0
        backoff = config.backoff
        self._deadline = (
            time.monotonic() + backoff.max_elapsed_time / 1000
            if backoff is not None and config.strategy == "backoff"
            else 0.0
        )

    @property
    def enabled(self) -> bool:
        return self._config.strategy == "backoff" and self._config.backoff is not None

    def after_response(self, response: httpx.Response) -> float | None:
        """Seconds to wait before trying again, or None to keep this response."""
        if response.status_code not in RETRYABLE_STATUS or not self.enabled:
            return None
        return self._next_delay(_retry_after(response.headers))

    def after_error(self, error: Exception) -> float | None:
        """Seconds to wait before trying again, or None to raise this error."""
        if not (self.enabled and self._config.retry_connection_errors and isinstance(error, _RETRYABLE_ERRORS)):
            return None
        return self._next_delay(None)

    def _next_delay(self, server_delay: float | None) -> float | None:
        backoff = self._config.backoff
        assert backoff is not None
        if self._max_retries is not None and self._attempt >= self._max_retries:
            return None
        if server_delay is None:
            interval = min(backoff.max_interval, backoff.initial_interval * backoff.exponent**self._attempt) / 1000
            server_delay = interval * random.uniform(0.5, 1.0)
        self._attempt += 1
        if time.monotonic() + server_delay >= self._deadline:
            return None
        return server_delay


def _retry_after(headers: httpx.Headers) -> float | None:
    """The server's requested wait: ``retry-after-ms``, or ``Retry-After`` in seconds or as an HTTP date."""
    millis = headers.get("retry-after-ms")
    if millis is not None:
        try:
            return max(0.0, float(millis) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
