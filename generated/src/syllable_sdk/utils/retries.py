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
    """``RetryConfig("backoff", BackoffStrategy(...), True)``; ``RetryConfig("none", None, False)`` turns retries off."""

    strategy: Literal["backoff", "none"]
    backoff: BackoffStrategy | None = None
    retry_connection_errors: bool = True


DEFAULT_RETRY_CONFIG = RetryConfig("backoff", BackoffStrategy(), retry_connection_errors=True)
"""Used for idempotent calls (GET, HEAD, PUT, DELETE, OPTIONS) unless the client or the call says otherwise."""

RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})
