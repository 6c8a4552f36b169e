"""Pagers over a page-numbered list operation: each page is fetched only when iteration reaches it.

A pager holds the call's arguments, not its pages: iterating it again starts again from the first page.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, Generic, TypeVar

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


class _Fields:
    """Where a page keeps its items and its totals (attribute names of the page model)."""

    __slots__ = ("start", "items", "total_pages", "total_count", "page_size")

    def __init__(
        self, start: int | None, items: str, total_pages: str | None, total_count: str | None, page_size: str | None
    ) -> None:
        self.start = start or 0
        self.items = items
        self.total_pages = total_pages
        self.total_count = total_count
        self.page_size = page_size

    def found(self, page: Any) -> list[Any]:
        return list(getattr(page, self.items) or [])

    def has_more(self, page: Any, number: int) -> bool:
        return _has_more(page, number, len(self.found(page)), self.total_pages, self.total_count, self.page_size)


class Pager(Generic[I, P]):
    """Every item of a list operation, page after page; ``pages()`` yields the pages themselves."""

    __slots__ = ("_fetch", "_fields")

    def __init__(
        self,
        fetch: Callable[[int], P],
        *,
        start: int | None,
        items: str,
        total_pages: str | None,
        total_count: str | None,
        page_size: str | None,
    ) -> None:
        self._fetch = fetch
        self._fields = _Fields(start, items, total_pages, total_count, page_size)

    def pages(self) -> Iterator[P]:
        """Each page, from the starting one to the last; a new iteration fetches them again."""
        number = self._fields.start
        while True:
            page = self._fetch(number)
            yield page
            if not self._fields.has_more(page, number):
                return
            number += 1

    def __iter__(self) -> Iterator[I]:
        for page in self.pages():
            yield from self._fields.found(page)


class AsyncPager(Generic[I, P]):
    """``Pager`` for async code: ``async for`` over the items, or over ``pages()``."""

    __slots__ = ("_fetch", "_fields")

    def __init__(
        self,
        fetch: Callable[[int], Awaitable[P]],
        *,
        start: int | None,
        items: str,
        total_pages: str | None,
        total_count: str | None,
        page_size: str | None,
    ) -> None:
        self._fetch = fetch
        self._fields = _Fields(start, items, total_pages, total_count, page_size)

    async def pages(self) -> AsyncIterator[P]:
        """Each page, from the starting one to the last; a new iteration fetches them again."""
        number = self._fields.start
        while True:
            page = await self._fetch(number)
            yield page
            if not self._fields.has_more(page, number):
                return
            number += 1

    async def __aiter__(self) -> AsyncIterator[I]:
        async for page in self.pages():
            for item in self._fields.found(page):
                yield item
