# Generated from the OpenAPI spec by the SDK generator. Do not edit.

from __future__ import annotations

from sdk.models._base import OpenEnum


class Colour(str, OpenEnum):
    RED = "red"
    GREEN = "green"
    BLUE = "blue"
