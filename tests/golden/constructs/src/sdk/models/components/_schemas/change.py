# Generated from the OpenAPI spec by the SDK generator. Do not edit.

from __future__ import annotations

from sdk.models._base import Model


class Change(Model):
    item_id: int
    field: str
    value: str | None = None
