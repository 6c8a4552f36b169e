"""The checks of references: every ``$ref`` local and resolving, no cycle of references that never reaches a
schema, no chain too long for the models library, no schema made (through ``$ref``/``allOf``) of itself."""

from __future__ import annotations

from typing import Any

from generator.errors import Problem
from generator.pointers import escape, resolve, walk

_DATA_KEYWORDS = frozenset({"example", "examples", "default", "const", "enum"})


def in_data(pointer: str) -> bool:
    """Whether the pointer lies inside example/default/enum data or an extension, where "$ref" is just a key."""
    parts = pointer.split("/")
    return any(
        (part in _DATA_KEYWORDS or part.startswith("x-")) and parts[i - 1] not in ("properties", "schemas")
        for i, part in enumerate(parts)
        if i
    )


_MAX_CHAIN = 100  # references in a row; the library's model sorting is quadratic in a chain's length


def check_refs(data: dict[str, Any]) -> list[Problem]:
    problems = []
    # Where each reference's chain ends and how far, shared by every chain through it: following each chain to its
    # end alone is quadratic in its length. End None: a schema; else the dangling reference, or "" for a cycle.
    ends: dict[str, tuple[str | None, int]] = {}
    too_long = False
    for pointer, node in sorted(walk(data)):
        ref = node.get("$ref")
        if not isinstance(ref, str) or pointer.endswith("/properties") or in_data(pointer):
            continue
        where = f"{pointer}/$ref"
        if not ref.startswith("#"):
            problems.append(
                Problem(
                    where, f"external reference {ref!r} cannot be resolved; only local '#/...' references are supported"
                )
            )
            continue
        end, length = _chain_end(data, pointer, node, ends)
        if end == "":
            problems.append(Problem(where, f"reference {ref!r} is a cycle of references that never reaches a schema"))
        elif end is not None:
            problems.append(Problem(where, f"reference {end!r} does not resolve"))
        elif length > _MAX_CHAIN and not too_long:  # once: each link of the chain starts one too
            too_long = True
            problems.append(Problem(where, f"reference {ref!r} starts a chain of more than {_MAX_CHAIN} references"))
    return problems


def _chain_end(
    data: dict[str, Any], pointer: str, node: dict[str, Any], ends: dict[str, tuple[str | None, int]]
) -> tuple[str | None, int]:
    """Follow ``node``'s chain of references to a schema (None), a dangling reference (it) or a cycle (""), and
    its length; recorded for every reference passed."""
    chain = [pointer]
    on_chain = {pointer}
    target: Any = node
    end: str | None = None
    length = 0
    while isinstance(target, dict) and isinstance(target.get("$ref"), str):
        current = target["$ref"]
        if not current.startswith("#"):
            break  # reported where it is written
        key = current[1:]
        if key in ends:
            end, length = ends[key][0], ends[key][1] + 1
            break
        if key in on_chain:
            end = ""
            break
        try:
            target = resolve(data, current)
        except KeyError:
            end = current
            break
        chain.append(key)
        on_chain.add(key)
    for offset, key in enumerate(reversed(chain)):
        ends[key] = (end, length + offset)
    return ends[pointer]


def check_schema_cycles(data: dict[str, Any]) -> list[Problem]:
    """A schema that is (through $ref and allOf only) made of itself can never be a model."""
    components = data.get("components")
    schemas = components.get("schemas") if isinstance(components, dict) else None
    if not isinstance(schemas, dict):
        return []
    prefix = "#/components/schemas/"

    def direct(schema: Any) -> set[str]:
        """Component schemas that this schema *is* (not merely contains)."""
        found: set[str] = set()
        if not isinstance(schema, dict):
            return found
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith(prefix):
            found.add(ref[len(prefix) :].replace("~1", "/").replace("~0", "~"))
        for part in schema.get("allOf") or [] if isinstance(schema.get("allOf"), list) else []:
            found |= direct(part)
        return found

    # a schema that is only a $ref is checked (once, where it is written) by check_refs
    edges = {name: direct(schema) for name, schema in schemas.items()}
    pure_refs = {name for name, schema in schemas.items() if isinstance(schema, dict) and set(schema) == {"$ref"}}
    problems = []
    for name in sorted(set(edges) - pure_refs, key=str):
        stack, seen = list(edges[name]), set()
        while stack:
            current = stack.pop()
            if current == name:
                problems.append(
                    Problem(
                        f"/components/schemas/{escape(str(name))}",
                        "schema is defined in terms of itself (through $ref/allOf) and can never be a model",
                    )
                )
                break
            if current not in seen:
                seen.add(current)
                stack.extend(edges.get(current, ()))
    return problems
