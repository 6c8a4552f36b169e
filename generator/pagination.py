"""An operation whose response is a page of items -> its ``Pagination`` (the ``list_all`` iterator)."""

from __future__ import annotations

from generator.context import Context
from generator.ir import Operation, Pagination
from generator.pytypes import ANY, deref, py_type


def pagination(ctx: Context, operation: Operation) -> Pagination | None:
    enabled = ctx.config.pagination.get(operation.id)
    if operation.success.kind != "json":  # events: a stream of models, no pages
        return None
    if enabled is False or operation.success.type is None or operation.success.type.kind != "model":
        return None
    page = next((p for p in operation.parameters if p.wire_name == "page" and p.location == "query"), None)
    ref = next((r for r, c in ctx.models.classes.items() if c == operation.success.type.name), None)
    schema = deref(ctx, {"$ref": ref}) if ref else {}
    props = schema.get("properties", {}) if isinstance(schema, dict) else {}
    items = props.get("items")
    looks_paged = page is not None and isinstance(items, dict) and ("total_pages" in props or "total_count" in props)
    if not (looks_paged or enabled) or page is None or not isinstance(items, dict):
        return None
    fields = ctx.models.fields.get(operation.success.type.name, {})
    item_type = py_type(ctx, items, "")
    return Pagination(
        page_param=page.name,
        items_field=fields.get("items", "items"),
        item_type=item_type.args[0] if item_type.kind == "list" else ANY,
        total_pages_field=fields.get("total_pages"),
        total_count_field=fields.get("total_count"),
        page_size_field=fields.get("page_size"),
    )
