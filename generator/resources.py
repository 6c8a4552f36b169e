"""The tags' operations -> the tree of resources (``sdk.sessions.transcript``): each one's attribute, class, module."""

from __future__ import annotations

from typing import Any

from generator import naming, reserved_names
from generator.context import Context
from generator.ir import Operation, Resource, SubResource


def resources(ctx: Context, by_tag: dict[str, list[Operation]], tag_docs: dict[Any, Any]) -> tuple[Resource, ...]:
    """One resource per tag; a dotted tag (``sessions.transcript``) is an attribute of its parent's resource,
    and a parent without operations of its own (``outbound`` of ``outbound.batches``) still exists."""
    tags = set(by_tag)
    for tag in list(tags):
        parts = tag.split(".")
        tags.update(".".join(parts[:n]) for n in range(1, len(parts)) if all(parts[:n]))

    def parent_of(tag: str) -> str:
        parts = tag.split(".")
        return ".".join(parts[:-1]) if len(parts) > 1 and all(parts) and ".".join(parts[:-1]) in tags else ""

    modules: set[str] = set()
    classes: set[str] = {ctx.config.sdk_class, ctx.config.core_class}
    attributes: dict[str, set[str]] = {}  # parent tag ("" = the SDK) -> attribute names taken there
    named: dict[str, tuple[str, str, str]] = {}  # tag -> (attribute, class, module)
    for tag in sorted(tags, key=lambda t: (t.count("."), t)):
        parent = parent_of(tag)
        if parent not in attributes:
            taken = set(reserved_names.SDK_ATTRIBUTES) if not parent else {"with_raw_response"}
            for op in by_tag.get(parent, []) if parent else []:
                taken |= {op.method_name, f"{op.method_name}_async"}
                if op.pagination:
                    taken |= {op.pagination.method_name, f"{op.pagination.method_name}_async"}
            attributes[parent] = taken
        leaf = tag[len(parent) + 1 :] if parent else tag
        named[tag] = (
            naming.attribute(leaf, attributes[parent]),
            naming.class_name(tag, classes, reserved=reserved_names.RESOURCE_MODULE_NAMES),
            naming.module(tag, modules, reserved=reserved_names.PACKAGE_MODULES),
        )
        classes.add(f"{named[tag][1]}WithRawResponse")  # its module's raw twin, which no sub-resource may shadow

    def access(tag: str) -> str:
        parent = parent_of(tag)
        return f"{access(parent)}.{named[tag][0]}" if parent else named[tag][0]

    result = []
    for tag in sorted(tags, key=lambda t: named[t][2]):
        attribute, class_name, module = named[tag]
        children = tuple(
            SubResource(
                name=named[child][0],
                class_name=named[child][1],
                module=named[child][2],
                description=str(tag_docs.get(child, "")).strip(),
            )
            for child in sorted(t for t in tags if parent_of(t) == tag)
        )
        result.append(
            Resource(
                tag=tag,
                name=attribute,
                class_name=class_name,
                module=module,
                description=str(tag_docs.get(tag, "")).strip(),
                operations=tuple(by_tag.get(tag, [])),
                parent=named[parent_of(tag)][2] if parent_of(tag) else "",
                access=access(tag),
                children=children,
            )
        )
    return tuple(result)
