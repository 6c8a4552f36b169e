"""Iterate the items of a page-numbered list operation, fetching each page only when it is reached."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any


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


def iterate_items(
    fetch: Callable[[int], Any],
    *,
    start: int | None,
    items: str,
    total_pages: str | None,
    total_count: str | None,
    page_size: str | None,
) -> Iterator[Any]:
    number = start or 0
    while True:
        page = fetch(number)
        found = getattr(page, items) or []
        yield from found
        if not _has_more(page, number, len(found), total_pages, total_count, page_size):
            return
        number += 1


async def iterate_items_async(
    fetch: Callable[[int], Awaitable[Any]],
    *,
    start: int | None,
    items: str,
    total_pages: str | None,
    total_count: str | None,
    page_size: str | None,
) -> AsyncIterator[Any]:
    number = start or 0
    while True:
        page = await fetch(number)
        found = getattr(page, items) or []
        for item in found:
            yield item
        if not _has_more(page, number, len(found), total_pages, total_count, page_size):
            return
        number += 1
