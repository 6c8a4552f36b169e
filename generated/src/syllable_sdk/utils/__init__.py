"""Public helpers: retry settings, hooks, and the Result type of the standalone functions."""

from .hooks import HookContext, Hooks
from .result import Err, Ok, Result
from .retries import BackoffStrategy, RetryConfig

__all__ = ["BackoffStrategy", "Err", "HookContext", "Hooks", "Ok", "Result", "RetryConfig"]
