"""The request model of ``items.get_item``."""

from __future__ import annotations

from ... import components
from ..._base import Model


class GetItemRequest(Model):
    """Parameters of ``items.get_item`` (GET /items/{item_id})."""

    item_id: int
    """item_id (path parameter ``item_id``)"""
    x_trace: str
    """X-Trace (header parameter ``X-Trace``)"""
    colour: components.Colour | components.ColourLiteral | None = None
    """colour (query parameter ``colour``)"""
    tags: list[str] | None = None
    """tags (query parameter ``tags``)"""
    session: str | None = None
    """session (cookie parameter ``session``)"""
