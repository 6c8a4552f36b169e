"""Request models: the parameters of each operation, validated before anything is sent.

Each lives in its own module and is imported on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._requests.files_upload_file import UploadFileRequest as UploadFileRequest
    from ._requests.items_create_item import CreateItemRequest as CreateItemRequest
    from ._requests.items_get_item import GetItemRequest as GetItemRequest
    from ._requests.items_watch_item import WatchItemRequest as WatchItemRequest

    pass

_MODULES: dict[str, str] = {
    "UploadFileRequest": "files_upload_file",
    "GetItemRequest": "items_get_item",
    "CreateItemRequest": "items_create_item",
    "WatchItemRequest": "items_watch_item",
}

# Spelled out, not computed: see models/components.
__all__: list[str] = [
    "CreateItemRequest",
    "GetItemRequest",
    "UploadFileRequest",
    "WatchItemRequest",
]


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"._requests.{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return __all__
