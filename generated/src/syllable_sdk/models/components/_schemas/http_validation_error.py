# Generated from the OpenAPI spec by the SDK generator. Do not edit.

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from syllable_sdk.models._base import Model

from .validation_error import ValidationError


class HTTPValidationError(Model):
    """
    The request was well-formed but some of its values were not accepted.
    """

    detail: Annotated[list[ValidationError] | None, Field(title="Detail")] = None
    """
    One entry per value that was not accepted.
    """
