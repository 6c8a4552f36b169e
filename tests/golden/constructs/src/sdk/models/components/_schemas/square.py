# Generated from the OpenAPI spec by the SDK generator. Do not edit.

from __future__ import annotations

from typing import Literal

from sdk.models._base import Model


class Square(Model):
    kind: Literal["square"]
    side: float
