"""Public helpers: retry settings and the Result type of the standalone functions."""

from .result import Err, Ok, Result
from .retries import BackoffStrategy, RetryConfig

__all__ = ["BackoffStrategy", "Err", "Ok", "Result", "RetryConfig"]
