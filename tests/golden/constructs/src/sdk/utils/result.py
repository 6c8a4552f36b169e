"""Errors as values, for the standalone functions in ``sdk.funcs``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, Literal, TypeAlias, TypeVar

import httpx

T = TypeVar("T")
E = TypeVar("E", bound=BaseException)


@dataclass(frozen=True, slots=True)
class Ok(Generic[T]):
    """The call succeeded; ``value`` is what the method would have returned, ``headers`` the response's."""

    value: T
    headers: httpx.Headers = field(default_factory=httpx.Headers)
    ok: Literal[True] = True
    error: None = None


@dataclass(frozen=True, slots=True)
class Err(Generic[E]):
    """The call failed; ``error`` is what the method would have raised."""

    error: E
    ok: Literal[False] = False
    value: None = None


Result: TypeAlias = Ok[T] | Err[E]
"""Check ``result.ok``, then read ``result.value`` or ``result.error``; type checkers narrow on ``ok``."""
