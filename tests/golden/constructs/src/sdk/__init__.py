"""SDK: a typed Python client, sync and async.

    from sdk import Client

Names are imported on first use, so ``import sdk`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from . import errors, models
    from .core import ClientCore
    from .sdk import Client
    from .utils import BackoffStrategy, RetryConfig

_LAZY = {
    "Client": ".sdk",
    "ClientCore": ".core",
    "RetryConfig": ".utils",
    "BackoffStrategy": ".utils",
}

__all__ = ["BackoffStrategy", "RetryConfig", "ClientCore", "Client", "__version__", "errors", "models"]


def __getattr__(name: str) -> Any:
    if name in ("errors", "models"):  # ``import sdk; sdk.models.X`` as in the official SDK
        return importlib.import_module(f".{name}", __name__)
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
