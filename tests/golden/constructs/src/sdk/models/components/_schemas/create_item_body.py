# Generated from the OpenAPI spec by the SDK generator. Do not edit.

from __future__ import annotations

from sdk.models._base import Model


class CreateItemBody(Model):
    name: str
    labels: list[str] | None = None
