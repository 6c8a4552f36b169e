# Generated from the OpenAPI spec by the SDK generator. Do not edit.

from __future__ import annotations

from syllable_sdk.models._base import OpenEnum


class OrderByDirection(str, OpenEnum):
    """Sort order of a list."""

    ASC = "asc"
    DESC = "desc"
