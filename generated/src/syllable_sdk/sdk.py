"""``SyllableSDK``: the client, with one attribute per resource, each loaded on first use."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from .core import SyllableSDKCore

if TYPE_CHECKING:
    from .sessions import Sessions


class SyllableSDK(SyllableSDKCore):
    """Syllable SDK client. Takes the same arguments as ``SyllableSDKCore``.

    Use it as a context manager (``with`` / ``async with``) to close the HTTP clients it creates.
    """

    @cached_property
    def sessions(self) -> Sessions:
        """Browse sessions, the individual interactions that make up a conversation, and fetch their call recordings."""
        from .sessions import Sessions

        return Sessions(self)
