"""The request model of ``items.create_item``."""

from __future__ import annotations

from ... import components
from ..._base import Model


class CreateItemRequest(Model):
    """Parameters of ``items.create_item`` (POST /items)."""

    body: components.CreateItemBody
    """The request body (application/json). (body parameter ``body``)"""
