# Generated from the OpenAPI spec by the SDK generator. Do not edit.

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from sdk.models._base import Model

from .circle import Circle
from .colour import Colour
from .square import Square


class Item(Model):
    id: int
    name: str
    colour: Colour
    note: str | None = None
    """
    optional: absent when unset
    """
    parent_id: int | None
    """
    required but may be null
    """
    sizes: list[float] | None = None
    shape: Annotated[Circle | Square | None, Field(discriminator="kind")] = None
