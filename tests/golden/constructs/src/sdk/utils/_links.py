"""Pages linked by the ``Link`` header (RFC 8288): a page with the URL of the next, as its response gives it.

The next URL is followed only to the origin (scheme, host, port) the call was built for, where its credentials are
meant to go; a link elsewhere is never requested, and the listing raises ``ResponseValidationError`` when it gets
there rather than end as if it were complete. Query credentials the client adds are added to the next URL too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar

import httpx
import pydantic

from ..models.errors import ResponseValidationError
from ._http import Operation, RequestOptions, _Call, _same_origin, build_request, parse_response, send, send_async

if TYPE_CHECKING:
    from ..core import ClientCore

T = TypeVar("T")


class Linked(Generic[T]):
    """A page and the next page's URL (None: the last page), or why its next link is not followed (``refused``)."""

    __slots__ = ("page", "next", "refused")

    def __init__(self, page: T, next_url: str | None, refused: ResponseValidationError | None = None) -> None:
        self.page = page
        self.next = next_url
        self.refused = refused


def _at(core: ClientCore, built: httpx.Request, url: str | None) -> httpx.Request:
    """``built`` sent to ``url`` instead (a next link already checked to be of the same origin)."""
    if url is None:
        return built
    target = httpx.URL(url)
    if not _same_origin(target, built.url):  # checked when the link was read; never send credentials elsewhere
        raise ValueError("a next link to another origin is not followed")
    secret = core._secret_query  # noqa: SLF001
    for name, value in built.url.params.multi_items():
        if name.lower() in secret and name not in target.params:
            target = target.copy_add_param(name, value)
    built.url = target
    return built


def _linked(page: T, origin: httpx.URL, response: httpx.Response) -> Linked[T]:
    """``page`` with the ``rel="next"`` URL of ``response``, resolved against it, if it stays on the call's origin."""
    link = response.links.get("next", {}).get("url")
    if not link:
        return Linked(page, None)
    try:
        target = response.url.join(link)
    except httpx.InvalidURL:
        return Linked(
            page, None, ResponseValidationError('the next page\'s link (rel="next") is not a URL', response, body="")
        )
    if target.scheme not in ("http", "https") or not _same_origin(target, origin):
        message = f"the next page's link (rel=\"next\") leads to another origin than the call's ({target.host or target.scheme}); not followed"
        return Linked(page, None, ResponseValidationError(message, response, body=""))
    return Linked(page, str(target))


def fetch_linked(
    core: ClientCore, op: Operation[T], request: pydantic.BaseModel | None, options: RequestOptions, url: str | None
) -> Linked[T]:
    """The page at ``url`` (None: the call's own URL) and the link to the next."""
    client = core._sync_client()  # noqa: SLF001
    built = build_request(client, core, op, request, options)
    origin = built.url  # before _at: the origin the call was built for, its credentials with it
    response = send(client, _Call(core, op, _at(core, built, url), options))
    return _linked(parse_response(op, response), origin, response)


async def fetch_linked_async(
    core: ClientCore, op: Operation[T], request: pydantic.BaseModel | None, options: RequestOptions, url: str | None
) -> Linked[T]:
    client = core._async_client()  # noqa: SLF001
    built = build_request(client, core, op, request, options)
    origin = built.url  # before _at: the origin the call was built for, its credentials with it
    response = await send_async(client, _Call(core, op, _at(core, built, url), options))
    return _linked(parse_response(op, response), origin, response)
