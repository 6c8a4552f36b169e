"""Models: ``components`` (API schemas), ``operations`` (request parameters) and ``errors``.

As in the official SDK, ``models.<Name>`` is also the component (or, failing that, the request model) of that
name, loaded on first use: ``models.Session is models.components.Session``.
"""

from __future__ import annotations

import importlib
import typing  # not ``from typing import Any``: a component may be called ``Any``

if typing.TYPE_CHECKING:
    from . import components, errors, operations
    from .components import ColourLiteral as ColourLiteral
    from .components._schemas.change import Change as Change
    from .components._schemas.circle import Circle as Circle
    from .components._schemas.colour import Colour as Colour
    from .components._schemas.create_item_body import CreateItemBody as CreateItemBody
    from .components._schemas.item import Item as Item
    from .components._schemas.problem import Problem as Problem
    from .components._schemas.square import Square as Square
    from .components._schemas.upload_file_body import UploadFileBody as UploadFileBody
    from .operations._requests.files_upload_file import UploadFileRequest as UploadFileRequest
    from .operations._requests.items_create_item import CreateItemRequest as CreateItemRequest
    from .operations._requests.items_get_item import GetItemRequest as GetItemRequest
    from .operations._requests.items_watch_item import WatchItemRequest as WatchItemRequest

__all__ = ["components", "errors", "operations"]


if not typing.TYPE_CHECKING:  # hidden from type checkers, so that a misspelt name is an error, not Any

    def __getattr__(name: str) -> typing.Any:
        if name in __all__:
            return importlib.import_module(f".{name}", __name__)
        for package in ("components", "operations"):  # the official SDK's flat names; a component wins a clash
            module = importlib.import_module(f".{package}", __name__)
            if name in module.__all__:
                value = getattr(module, name)
                globals()[name] = value  # later look-ups skip this function
                return value
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
