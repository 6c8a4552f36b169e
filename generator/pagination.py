"""An operation whose response is a page of items -> its ``Pagination`` (the ``list_all`` iterator).

Four styles: page numbers, offset/limit, a cursor read from each page, the ``Link`` header's ``rel="next"``. An
operation is paged when its shape fits exactly one style's rule (the rules are in the root README, "Pagination");
a shape that fits several, or none, is paged only as ``spec/generator.yaml``'s ``pagination:`` declares it, and a
declared name the spec does not have is an error located in that file.
"""

from __future__ import annotations

from typing import Any

from generator.context import Context
from generator.errors import Problem, SpecError
from generator.ir import Operation, Pagination, Parameter
from generator.paging_fields import Page, page_of
from generator.pytypes import ANY

CURSOR_PARAMS = ("cursor", "after", "page_token", "pageToken", "starting_after")
# ``next`` is not among them: it is as often the next page's whole URL (Django REST framework); declare it instead
NEXT_CURSORS = ("next_cursor", "nextCursor", "next_page_token", "nextPageToken", "next_token", "nextToken", "cursor")
TOTALS = ("total_count", "totalCount", "total")


def pagination(ctx: Context, operation: Operation, op: dict[str, Any], pointer: str) -> Pagination | None:
    setting = ctx.config.pagination.get(operation.id)
    if setting is False or operation.success.kind != "json" or operation.success.type is None:
        return None  # events: a stream of models, no pages
    page = page_of(ctx, operation.success.type)
    if page is None:
        return None
    if isinstance(setting, dict):
        return _declared(ctx, operation, op, page, setting)
    numbered = _page_numbers(operation, page, forced=setting is True)
    if setting is True:
        return numbered  # true: page numbers, as before there were other styles
    found = [p for p in (numbered, _offset(operation, page), _cursor(operation, page), _link(op, page)) if p]
    if len(found) > 1:
        styles = ", ".join(p.style for p in found)
        ctx.warnings.append(
            Problem(
                pointer,
                f"{operation.id} fits several pagination styles ({styles}), so it is not paged; declare one in "
                f"the generator config's pagination: {operation.id}: {{style: ...}}",
                level="warning",
            )
        )
        return None
    return found[0] if found else None


def _query(operation: Operation, wire: str) -> Parameter | None:
    return next((p for p in operation.parameters if p.wire_name == wire and p.location == "query"), None)


def _page_numbers(operation: Operation, page: Page, forced: bool) -> Pagination | None:
    """A ``page`` query parameter and a model with ``items`` and ``total_pages`` or ``total_count``."""
    number = _query(operation, "page")
    items = page.fields.get("items") if "items" in page.arrays else None
    if number is None or items is None or not (forced or "total_pages" in page.fields or "total_count" in page.fields):
        return None
    return Pagination(
        style="page",
        page_param=number.name,
        items_field=items,
        item_type=page.arrays["items"],
        total_pages_field=page.fields.get("total_pages"),
        total_count_field=page.fields.get("total_count"),
        page_size_field=page.fields.get("page_size"),
    )


def _offset(operation: Operation, page: Page) -> Pagination | None:
    """``offset`` and ``limit`` query parameters, and a list (or a model of exactly one list)."""
    offset, limit, items = _query(operation, "offset"), _query(operation, "limit"), page.only_list()
    if offset is None or limit is None or items is None:
        return None
    total = next((page.fields[t] for t in TOTALS if t in page.integers), None)
    return Pagination("offset", offset.name, items[0], items[1], total_count_field=total, limit_param=limit.name)


def _cursor(operation: Operation, page: Page) -> Pagination | None:
    """One cursor query parameter of ``CURSOR_PARAMS``, one string field of ``NEXT_CURSORS`` (at the top of the
    page or in one object of it, ``meta.next_cursor``), and exactly one list."""
    params = [p for wire in CURSOR_PARAMS if (p := _query(operation, wire)) is not None]
    nexts = page.strings_named(NEXT_CURSORS)
    items = page.only_list()
    if len(params) != 1 or len(nexts) != 1 or items is None:
        return None
    return Pagination("cursor", params[0].name, items[0], items[1], next_cursor=nexts[0])


def _link(op: dict[str, Any], page: Page) -> Pagination | None:
    """A 2XX response that declares a ``Link`` header, and a list (or a model of exactly one list)."""
    items = page.only_list()
    responses = op.get("responses", {})
    declared = any(
        str(status).startswith("2")
        and isinstance(response, dict)
        and any(str(name).lower() == "link" for name in response.get("headers", {}) or {})
        for status, response in responses.items()
    )
    if not declared or items is None:
        return None
    return Pagination("link", None, items[0], items[1])


def _declared(
    ctx: Context, operation: Operation, op: dict[str, Any], page: Page, setting: dict[str, Any]
) -> Pagination:
    """The mapping of ``pagination: {op: {style: ..., ...}}``, each name it gives found in the spec."""
    problems: list[str] = []

    def param(key: str, default: str | None, optional: bool = False) -> str | None:
        """The argument of the query parameter ``setting[key]`` (else ``default``); a missing one is a problem,
        unless ``optional`` and not declared."""
        wire = setting.get(key, default)
        found = _query(operation, wire) if wire is not None else None
        if found is None and not (optional and key not in setting):
            where = ctx.config.locate("pagination", operation.id, key) if key in setting else _at(ctx, operation)
            what = f"no query parameter {wire!r}" if wire else f"no single cursor parameter; name it with {key}:"
            problems.append(f"{where}: {operation.id} has {what}")
        return found.name if found is not None else None

    items = setting.get("items")
    listed = page.list_named(items) if items is not None else page.only_list()
    if listed is None:
        where = ctx.config.locate("pagination", operation.id, "items") if items else _at(ctx, operation)
        problems.append(
            f"{where}: {operation.id}'s response has no list field {items!r}"
            if items
            else f"{where}: {operation.id}'s response is not a list nor has exactly one list field; name it with items:"
        )
    style = setting["style"]
    result: Pagination | None = None
    if style == "page":
        number = param("page_param", "page")
        if listed and number:
            totals = (page.fields.get("total_pages"), page.fields.get("total_count"), page.fields.get("page_size"))
            result = Pagination("page", number, *listed, *totals)
    elif style == "offset":
        offset, limit = param("offset_param", "offset"), param("limit_param", "limit", optional=True)
        total = _field(ctx, operation, page, setting, "total", problems)
        if listed and offset:
            result = Pagination(
                "offset", offset, *listed, total_count_field=total[0] if total else None, limit_param=limit
            )
    elif style == "cursor":
        cursor = param("cursor_param", _only_cursor_param(operation))
        nexts = page.strings_named(NEXT_CURSORS)
        next_cursor = _field(
            ctx, operation, page, setting, "next_cursor", problems, nexts[0] if len(nexts) == 1 else None
        )
        if listed and cursor and next_cursor:
            result = Pagination("cursor", cursor, *listed, next_cursor=next_cursor)
    elif listed:
        result = Pagination("link", None, *listed)
    if problems or result is None:
        raise SpecError(problems or [f"{_at(ctx, operation)}: {operation.id} cannot be paged as declared"])
    return result


def _only_cursor_param(operation: Operation) -> str | None:
    found = [wire for wire in CURSOR_PARAMS if _query(operation, wire) is not None]
    return found[0] if len(found) == 1 else None


def _field(
    ctx: Context,
    operation: Operation,
    page: Page,
    setting: dict[str, Any],
    key: str,
    problems: list[str],
    default: tuple[str, ...] | None = None,
) -> tuple[str, ...] | None:
    """The attribute path of the dotted response field ``setting[key]`` (``meta.next``), else ``default``."""
    dotted = setting.get(key)
    if dotted is None:
        if default is None and key == "next_cursor":
            problems.append(
                f"{_at(ctx, operation)}: {operation.id}: name the field of the next cursor with next_cursor:"
            )
        return default
    path = page.path(str(dotted))
    where = ctx.config.locate("pagination", operation.id, key)
    if path is None:
        problems.append(f"{where}: {operation.id}'s response has no field {dotted!r}")
    elif key == "total" and len(path) > 1:
        problems.append(f"{where}: total must be a field at the top of {operation.id}'s response, not {dotted!r}")
        return None
    return path


def _at(ctx: Context, operation: Operation) -> str:
    return ctx.config.locate("pagination", operation.id)


__all__ = ["ANY", "CURSOR_PARAMS", "NEXT_CURSORS", "pagination"]
