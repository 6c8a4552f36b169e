"""Retry settings: when a failed call is tried again, and how long to wait between tries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class BackoffStrategy:
    """Exponential backoff with jitter; every interval is in milliseconds.

    The wait before try ``n`` is ``initial_interval * exponent ** n``, at most ``max_interval``,
    scaled by a random factor in [0.5, 1]. ``max_elapsed_time`` is one deadline across all
    tries and waits: no try starts, and no wait is begun, that would end after it.
    """

    initial_interval: int = 500
    max_interval: int = 8000
    exponent: float = 2.0
    max_elapsed_time: int = 20000


@dataclass(frozen=True)
class RetryConfig:
    """``RetryConfig("backoff", BackoffStrategy(...), True)``; ``RetryConfig("none", None, False)`` turns retries off.

    ``max_retries`` bounds the tries after the first, whatever time is left; None takes the client's
    ``max_retries`` (``DEFAULT_MAX_RETRIES`` unless the client was given one).
    """

    strategy: Literal["backoff", "none"]
    backoff: BackoffStrategy | None = None
    retry_connection_errors: bool = True
    max_retries: int | None = None


DEFAULT_RETRY_CONFIG = RetryConfig("backoff", BackoffStrategy(), retry_connection_errors=True)
"""Used for idempotent calls (GET, HEAD, PUT, DELETE, OPTIONS) unless the client or the call says otherwise."""

DEFAULT_MAX_RETRIES = 2
"""Tries after the first one, for a client created without ``max_retries``."""

MAX_SERVER_DELAY = 60.0
"""The longest wait, in seconds, a ``Retry-After`` or ``retry-after-ms`` header can ask for."""

RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})
