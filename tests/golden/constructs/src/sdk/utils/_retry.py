"""When to try a call again and how long to wait; shared by the sync and async send loops."""

from __future__ import annotations

import email.utils
import math
import random
import time

import httpx

from .retries import MAX_SERVER_DELAY, RETRYABLE_STATUS, BackoffStrategy, RetryConfig

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
    """One call's retry state: attempts made, the retries allowed and the overall deadline."""

    __slots__ = ("_config", "attempts", "_max_retries", "_deadline", "enabled")

    def __init__(self, config: RetryConfig, max_retries: int) -> None:
        self._config = config
        self.attempts = 1  # requests sent (or being sent) so far, the first included
        self._max_retries = config.max_retries if config.max_retries is not None else max_retries
        backoff = config.backoff
        self._deadline = (
            time.monotonic() + backoff.max_elapsed_time / 1000
            if backoff is not None and config.strategy == "backoff"
            else 0.0
        )
        # fixed for the call (the config is frozen): worked out once, not on every check
        self.enabled = config.strategy == "backoff" and backoff is not None and self._max_retries > 0

    def remaining(self, now: float) -> float | None:
        """Seconds left at ``now`` (``time.monotonic()``) before the overall deadline (0 when passed), or None when there is none."""
        if not self.enabled:
            return None
        return max(0.0, self._deadline - now)

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
        if self.attempts > self._max_retries:
            return None  # bounded by count as well as by time: no server answer can make a storm
        delay = _backoff_interval(backoff, self.attempts - 1) * random.uniform(0.5, 1.0)
        if server_delay is not None:
            # The server's wait is honoured within [the backoff's own wait, MAX_SERVER_DELAY]: "0", a past
            # date or a negative number cannot hurry the next try, and a huge one is cut to the cap.
            delay = max(delay, min(server_delay, MAX_SERVER_DELAY))
        if time.monotonic() + delay >= self._deadline:
            return None
        self.attempts += 1
        return delay


def _backoff_interval(backoff: BackoffStrategy, retry: int) -> float:
    """The backoff's wait before retry ``retry`` (from 0), in seconds, before jitter."""
    try:
        interval = backoff.initial_interval * backoff.exponent**retry
    except OverflowError:
        interval = backoff.max_interval
    return min(backoff.max_interval, interval) / 1000


def _retry_after(headers: httpx.Headers) -> float | None:
    """The server's requested wait: ``retry-after-ms``, or ``Retry-After`` in seconds or as an HTTP date."""
    millis = headers.get("retry-after-ms")
    if millis is not None:
        try:
            return _finite(float(millis) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return _finite(float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _finite(seconds: float) -> float | None:
    """``nan`` and ``inf`` say nothing usable: the backoff decides instead."""
    return max(0.0, seconds) if math.isfinite(seconds) else None
