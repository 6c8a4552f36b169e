"""Models: ``components`` (API schemas), ``operations`` (request parameters) and ``errors``."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import components, errors, operations

__all__ = ["components", "errors", "operations"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
