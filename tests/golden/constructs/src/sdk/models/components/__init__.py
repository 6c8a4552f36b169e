"""The API's schemas as pydantic models, one module each, imported on first use.

from sdk.models import components
components.Change
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

if TYPE_CHECKING:
    from ._schemas.change import Change as Change
    from ._schemas.circle import Circle as Circle
    from ._schemas.colour import Colour as Colour
    from ._schemas.create_item_body import CreateItemBody as CreateItemBody
    from ._schemas.item import Item as Item
    from ._schemas.problem import Problem as Problem
    from ._schemas.square import Square as Square
    from ._schemas.upload_file_body import UploadFileBody as UploadFileBody

_MODULES: dict[str, str] = {
    "Change": "change",
    "Circle": "circle",
    "Colour": "colour",
    "CreateItemBody": "create_item_body",
    "Item": "item",
    "Problem": "problem",
    "Square": "square",
    "UploadFileBody": "upload_file_body",
}

# The known values of each enum, which parameters typed by that enum accept as plain strings under a type checker.
ColourLiteral: TypeAlias = Literal["red", "green", "blue"]

# Spelled out, not computed, so that tools reading the source (type checkers, IDEs, griffe in ``sdkgen diff``)
# see what is public.
__all__: list[str] = [
    "Change",
    "Circle",
    "Colour",
    "ColourLiteral",
    "CreateItemBody",
    "Item",
    "Problem",
    "Square",
    "UploadFileBody",
]


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"._schemas.{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return __all__
