# Generated from the OpenAPI spec by the SDK generator. Do not edit.

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from syllable_sdk.models._base import Model

from .session import Session


class ListResponseSession(Model):
    """
    One page of sessions with the counts needed to fetch the rest.
    """

    items: Annotated[list[Session], Field(examples=[], title="Items")]
    """
    The sessions on this page.
    """
    page: Annotated[int, Field(examples=[0], title="Page")]
    """
    Zero-based number of this page.
    """
    page_size: Annotated[int, Field(examples=[25], title="Page Size")]
    """
    Number of items per page.
    """
    total_pages: Annotated[int | None, Field(examples=[4], title="Total Pages")] = None
    """
    How many pages the whole result has at this page size.
    """
    total_count: Annotated[int | None, Field(examples=[100], title="Total Count")] = None
    """
    How many items the whole result has.
    """
