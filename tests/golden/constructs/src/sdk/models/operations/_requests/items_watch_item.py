"""The request model of ``items.watch_item``."""

from __future__ import annotations

from ..._base import Model


class WatchItemRequest(Model):
    """Parameters of ``items.watch_item`` (GET /items/{item_id}/changes)."""

    item_id: int
    """item_id (path parameter ``item_id``)"""
