"""``Client``: the client, with one attribute per resource, each loaded on first use."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from .core import ClientCore

if TYPE_CHECKING:
    from .files import Files
    from .items import Items


class Client(ClientCore):
    """SDK client. Takes the same arguments as ``ClientCore``.

    Use it as a context manager (``with`` / ``async with``) to close the HTTP clients it creates.
    """

    @cached_property
    def files(self) -> Files:
        """Files operations."""
        from .files import Files

        return Files(self)

    @cached_property
    def items(self) -> Items:
        """Items in the store."""
        from .items import Items

        return Items(self)
