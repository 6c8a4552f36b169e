"""Spec mistakes with one obvious repair, repaired in place with a warning (``--strict`` refuses them).

Runs before ``validate``, on the loaded document: what it repairs is then valid, and each warning points at
the place it changed (``file:line: #/pointer: message``).

- A path parameter without ``required: true`` (OpenAPI says a path parameter is always required; Speakeasy's
  test spec has some): it is made required.
- A ``required`` list misplaced inside ``properties`` (a "property" named ``required`` whose value is a list of
  strings, which no property schema can be): it is moved to the schema's own ``required``.
"""

from __future__ import annotations

import json
from typing import Any

from generator.check_refs import in_data
from generator.errors import Problem
from generator.pointers import escape
from generator.validate import HTTP_METHODS


def repair(data: dict[str, Any]) -> list[Problem]:
    """Repair ``data`` in place; one warning per repair, in document order."""
    return [*_path_parameters(data), *_misplaced_required(data)]


def _path_parameters(data: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[int] = set()  # a parameter shared through a $ref is repaired (and reported) once
    paths = data.get("paths")
    for path, item in paths.items() if isinstance(paths, dict) else ():
        if not isinstance(item, dict):
            continue
        base = f"/paths/{escape(str(path))}"
        lists = [(f"{base}/parameters", item.get("parameters"))]
        lists += [
            (f"{base}/{m}/parameters", op.get("parameters"))
            for m in HTTP_METHODS
            if isinstance(op := item.get(m), dict)
        ]
        for here, params in lists:
            for index, raw in enumerate(params if isinstance(params, list) else []):
                where, param = _target(data, raw, f"{here}/{index}")
                if not isinstance(param, dict) or param.get("in") != "path" or param.get("required") is True:
                    continue
                if id(param) in seen:
                    continue
                seen.add(id(param))
                name = param.get("name")
                was = (
                    "without 'required'"
                    if "required" not in param
                    else f"with required: {json.dumps(param['required'])}"
                )
                param["required"] = True
                problems.append(
                    Problem(
                        where,
                        f"path parameter {name!r} declared {was}; it is made required (path parameters always are)",
                        level="warning",
                    )
                )
    return problems


def _target(data: dict[str, Any], node: Any, pointer: str) -> tuple[str, Any]:
    """A parameter and the pointer of where it is written: itself, or the end of its chain of local ``$ref``s."""
    for _ in range(64):
        ref = node.get("$ref") if isinstance(node, dict) else None
        if not (isinstance(ref, str) and ref.startswith("#/")):
            return pointer, node
        target: Any = data
        for part in ref[2:].split("/"):
            key = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, dict) or key not in target:
                return pointer, None  # dangling: validate reports it
            target = target[key]
        pointer, node = ref[1:], target
    return pointer, None


# Keys whose value maps names to schemas: such a map is no schema (its key "properties" may be a property's name,
# Azure's usual one, whose schema has a ``required`` list of its own), but each of its values is one.
_NAME_MAPS = frozenset({"properties", "schemas", "patternProperties", "definitions", "$defs", "dependentSchemas"})


def _misplaced_required(data: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    stack: list[tuple[str, Any, bool]] = [("", data, False)]  # (pointer, node, node is a map of names to schemas)
    while stack:
        pointer, node, names = stack.pop()
        if isinstance(node, dict) and names:
            stack.extend((f"{pointer}/{escape(str(k))}", v, False) for k, v in node.items())
        elif isinstance(node, dict) and not in_data(pointer):  # an example's keys are data, never repaired
            properties = node.get("properties")
            if isinstance(properties, dict) and _string_list(properties.get("required")):
                names = properties.pop("required")
                own = node.get("required")
                node["required"] = list(dict.fromkeys([*(own if isinstance(own, list) else []), *names]))
                problems.append(
                    Problem(
                        f"{pointer}/properties/required",
                        f"a 'required' list inside 'properties' ({', '.join(map(repr, names))}); "
                        "it is moved to the schema's 'required'",
                        level="warning",
                    )
                )
            stack.extend((f"{pointer}/{escape(str(k))}", v, k in _NAME_MAPS) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((f"{pointer}/{i}", v, False) for i, v in enumerate(node))
    return sorted(problems, key=lambda p: p.pointer)


def _string_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)
