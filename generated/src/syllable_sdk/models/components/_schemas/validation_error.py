# Generated from the OpenAPI spec by the SDK generator. Do not edit.

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from syllable_sdk.models._base import Model


class ValidationError(Model):
    """
    Why one value of the request was not accepted.
    """

    loc: Annotated[list[str | int], Field(title="Location")]
    """
    Path to the value, such as ["query", "page"].
    """
    msg: Annotated[str, Field(title="Message")]
    """
    What is wrong with the value.
    """
    type: Annotated[str, Field(title="Error Type")]
    """
    Machine-readable kind of the error.
    """
