"""Standalone functions: one per operation, taking a ``ClientCore`` and returning a ``Result``.

Each lives in its own private module (named apart from the function, so that importing the
module can never shadow the function on this package) and is imported on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._files_upload_file import files_upload_file as files_upload_file
    from ._files_upload_file import files_upload_file_async as files_upload_file_async
    from ._items_create_item import items_create_item as items_create_item
    from ._items_create_item import items_create_item_async as items_create_item_async
    from ._items_get_item import items_get_item as items_get_item
    from ._items_get_item import items_get_item_async as items_get_item_async
    from ._items_watch_item import items_watch_item as items_watch_item
    from ._items_watch_item import items_watch_item_async as items_watch_item_async

_MODULES = {
    "files_upload_file": "_files_upload_file",
    "files_upload_file_async": "_files_upload_file",
    "items_get_item": "_items_get_item",
    "items_get_item_async": "_items_get_item",
    "items_create_item": "_items_create_item",
    "items_create_item_async": "_items_create_item",
    "items_watch_item": "_items_watch_item",
    "items_watch_item_async": "_items_watch_item",
}

# Spelled out, not computed: see models/components.
__all__: list[str] = [
    "files_upload_file",
    "files_upload_file_async",
    "items_create_item",
    "items_create_item_async",
    "items_get_item",
    "items_get_item_async",
    "items_watch_item",
    "items_watch_item_async",
]


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return __all__
