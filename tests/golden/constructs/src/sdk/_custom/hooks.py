"""Called by every new client (``Client`` or ``ClientCore``) at the end of its constructor.

Written once by the generator and never changed afterwards: put here what every client should get, such as hooks:

    def register(client: ClientCore) -> None:
        client.hooks.before_request.append(add_trace_header)

Keep it cheap: it runs on each construction, and what it imports is imported with ``sdk.core``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core import ClientCore


def register(client: ClientCore) -> None:
    """Set up a client just built; does nothing until you make it."""
