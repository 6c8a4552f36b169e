"""A request body declared with several media types: every one can be sent, the caller picks with a keyword.

``application/json`` (or the first ``+json``) is the default, then multipart, then form, then the rest by name
(the order ``build._pick_body_media`` ranks them in). The keyword is ``content_type`` (``content_type_2`` when
a parameter already has that name), typed as the ``Literal`` of the declared media types; the body parameter's
type is the union of what each media type takes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from generator import naming
from generator.ir import PyType

_OPTIONS = {"self", "retries", "server_url", "timeout_ms", "http_headers", "client", "request", "body"}
BodyKind = Literal["json", "multipart", "form", "binary", "text"]


@dataclass(frozen=True)
class MediaChoice:
    media: tuple[tuple[str, BodyKind], ...]  # (content type, how it is encoded), the default first
    param: str  # the keyword that picks one
    types: tuple[PyType, ...]  # what the body takes for each, same order


def media_choice(
    ranked: list[str], taken: set[str], kind_and_type: Callable[[str], tuple[BodyKind, PyType]]
) -> MediaChoice:
    """Every declared media type of a body (``ranked``: the default first), how each is encoded, and the name of
    the keyword that picks one (not among ``taken``, the operation's parameter names)."""
    pairs = [(media, *kind_and_type(media)) for media in ranked]
    param = naming.unique("content_type", set(taken) | _OPTIONS)
    return MediaChoice(tuple((m, k) for m, k, _ in pairs), param, tuple(t for _, _, t in pairs))
