"""Pagers over a list operation: each page is fetched only when iteration reaches it.

Four ways to the next page (``style``): the page number + 1 (``page``), the offset + the items received
(``offset``), the cursor a page gives (``cursor``), the ``Link: <...>; rel="next"`` of a response (``link``). A pager
holds the call's arguments, not its pages: iterating it again starts again from the first page.

Bounded: an empty page ends an offset listing (so the offset always advances), a page shorter than the limit or an
offset reaching the total does too; a cursor or next link that is empty, missing, or one this iteration has seen
already ends the listing (a server repeating itself is not followed round in circles); a next link to another origin
is never requested, so credentials never go there: the listing raises ``ResponseValidationError`` instead, after the
pages before it, so that a listing cut short is never taken for a whole one. A server sending new full pages forever is iterated forever.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, Generic, Literal, TypeVar

from ._links import Linked

I = TypeVar("I")  # noqa: E741 - the item type
P = TypeVar("P")  # the page type


def _has_more(
    page: Any, number: int, count: int, total_pages: str | None, total_count: str | None, page_size: str | None
) -> bool:
    if count == 0:
        return False
    pages = getattr(page, total_pages, None) if total_pages else None
    if pages is not None:
        return bool(number + 1 < pages)
    size = getattr(page, page_size, None) if page_size else None
    total = getattr(page, total_count, None) if total_count else None
    if total is not None and size:
        return bool((number + 1) * size < total)
    return not size or count >= size


def _attribute(value: Any, path: tuple[str, ...]) -> Any:
    for name in path:
        value = getattr(value, name, None)
        if value is None:
            return None
    return value


class _Fields:
    """How a listing goes on: its style, where a page keeps its items, and what says there is more."""

    __slots__ = ("style", "start", "items", "limit", "next_cursor", "total_pages", "total_count", "page_size")

    def __init__(
        self,
        style: Literal["page", "offset", "cursor", "link"],
        start: Any,
        items: str | None,
        limit: int | None,
        next_cursor: tuple[str, ...],
        total_pages: str | None,
        total_count: str | None,
        page_size: str | None,
    ) -> None:
        self.style = style
        self.start = start if start is not None or style in ("cursor", "link") else 0
        self.items = items
        self.limit = limit
        self.next_cursor = next_cursor
        self.total_pages = total_pages
        self.total_count = total_count
        self.page_size = page_size

    def found(self, page: Any) -> list[Any]:
        return list((page if self.items is None else getattr(page, self.items)) or [])


class _Walk:
    """One iteration's way through the pages: where it is, and the cursors or links it has been given."""

    __slots__ = ("fields", "at", "seen", "link", "refused")

    def __init__(self, fields: _Fields) -> None:
        self.fields = fields
        self.at: Any = fields.start
        self.seen: set[Any] = {fields.start} if fields.start is not None else set()
        self.link: str | None = None
        self.refused: Exception | None = None

    def took(self, fetched: Any) -> Any:
        """The page of what the fetch gave (a ``Linked`` page carries its next link)."""
        if isinstance(fetched, Linked):
            self.link, self.refused = fetched.next, fetched.refused
            return fetched.page
        return fetched

    def advance(self, page: Any) -> bool:
        """Move to the page after ``page``; False when there is none."""
        fields = self.fields
        if fields.style == "page":
            if not _has_more(
                page, self.at, len(fields.found(page)), fields.total_pages, fields.total_count, fields.page_size
            ):
                return False
            self.at += 1
            return True
        if fields.style == "offset":
            count = len(fields.found(page))
            total = getattr(page, fields.total_count, None) if fields.total_count else None
            if (
                count == 0
                or (fields.limit and count < fields.limit)
                or (isinstance(total, int) and self.at + count >= total)
            ):
                return False
            self.at += count
            return True
        if self.refused is not None:
            raise self.refused
        after = _attribute(page, fields.next_cursor) if fields.style == "cursor" else self.link
        if not isinstance(after, (str, int)) or isinstance(after, bool) or after == "" or after in self.seen:
            return False
        self.seen.add(after)
        self.at = after
        return True


class Pager(Generic[I, P]):
    """Every item of a list operation, page after page; ``pages()`` yields the pages themselves."""

    __slots__ = ("_fetch", "_fields")

    def __init__(
        self,
        fetch: Callable[[Any], P | Linked[P]],
        *,
        style: Literal["page", "offset", "cursor", "link"] = "page",
        start: Any = None,
        items: str | None,
        limit: int | None = None,
        next_cursor: tuple[str, ...] = (),
        total_pages: str | None = None,
        total_count: str | None = None,
        page_size: str | None = None,
    ) -> None:
        self._fetch = fetch
        self._fields = _Fields(style, start, items, limit, next_cursor, total_pages, total_count, page_size)

    def pages(self) -> Iterator[P]:
        """Each page, from the starting one to the last; a new iteration fetches them again."""
        walk = _Walk(self._fields)
        while True:
            page: P = walk.took(self._fetch(walk.at))
            yield page
            if not walk.advance(page):
                return

    def __iter__(self) -> Iterator[I]:
        for page in self.pages():
            yield from self._fields.found(page)


class AsyncPager(Generic[I, P]):
    """``Pager`` for async code: ``async for`` over the items, or over ``pages()``."""

    __slots__ = ("_fetch", "_fields")

    def __init__(
        self,
        fetch: Callable[[Any], Awaitable[P | Linked[P]]],
        *,
        style: Literal["page", "offset", "cursor", "link"] = "page",
        start: Any = None,
        items: str | None,
        limit: int | None = None,
        next_cursor: tuple[str, ...] = (),
        total_pages: str | None = None,
        total_count: str | None = None,
        page_size: str | None = None,
    ) -> None:
        self._fetch = fetch
        self._fields = _Fields(style, start, items, limit, next_cursor, total_pages, total_count, page_size)

    async def pages(self) -> AsyncIterator[P]:
        """Each page, from the starting one to the last; a new iteration fetches them again."""
        walk = _Walk(self._fields)
        while True:
            page: P = walk.took(await self._fetch(walk.at))
            yield page
            if not walk.advance(page):
                return

    async def __aiter__(self) -> AsyncIterator[I]:
        async for page in self.pages():
            for item in self._fields.found(page):
                yield item
