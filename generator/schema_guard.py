"""Schema keywords that would let the spec choose code, or break the models at runtime, removed before the models.

datamodel-code-generator reads some keywords as instructions to the code it writes: ``customTypePath: setup.X``
becomes ``from setup import X`` (and importing the models then runs the working directory's ``setup.py``). Those
are stripped here, where they are written, with a warning (``--strict`` refuses them). So is a ``pattern`` that
the models cannot use (``generator.patterns``): kept, it would make every use of the model raise ``SchemaError``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.errors import Problem
from generator.patterns import Found, drop_unusable
from generator.pointers import escape
from generator.ref_aliases import resolve_aliases
from generator.schema_values import fix_values

# The keywords datamodel-code-generator 0.89 reads that choose imports, base classes or Python types; prefixes
# cover the families (``x-python-type``, ``x-python-import``, ``x-python-union-branch``, ...), so that a new member
# of one is stripped too. Audited in its ``parser/jsonschema.py``, ``parser/_schema_object.py``, ``input_model.py``.
CODE_KEYWORDS = frozenset({"customTypePath", "customBasePath", "x-is-base-class", "x-is-classvar"})
CODE_PREFIXES = ("x-python-", "x-datamodel-code-generator")
_LIBRARY_MARKER = "#-datamodel-code-generator-#"  # the library's own internal keys (its "extras" slot, ...)
# Keywords whose values are data, not schemas: nothing inside them is read as a keyword.
_DATA = frozenset({"example", "examples", "default", "const", "enum", "required", "discriminator"})
# Keywords whose values map names (not keywords) to schemas.
_MAPS = frozenset({"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"})


def is_code_keyword(key: str) -> bool:
    return key in CODE_KEYWORDS or key.startswith(CODE_PREFIXES) or _LIBRARY_MARKER in key


def guard_schemas(data: dict[str, Any]) -> list[Problem]:
    """Strip, in place, what the spec's schemas must not pass to the models; a warning for each. Every schema of the
    document, not only the components': an inline one (a body's, a response's) is hoisted into them later."""
    components = data.get("components")
    schemas = components.get("schemas") if isinstance(components, dict) else None
    if isinstance(schemas, dict):
        resolve_aliases(data)
    problems: list[Problem] = []
    found: list[Found] = []
    for pointer, schema in _every_schema(data):
        for key in [k for k in schema if isinstance(k, str) and is_code_keyword(k)]:
            del schema[key]
            problems.append(
                Problem(
                    f"{pointer}/{escape(key)}",
                    f"{key!r} would let the spec choose Python code (an import, a base class or a type) "
                    "in the models; it is ignored",
                    level="warning",
                )
            )
        problems += fix_values(pointer, schema)
        if "pattern" in schema:
            found.append((f"{pointer}/pattern", schema, "pattern", schema["pattern"]))
        names = schema.get("patternProperties")
        if isinstance(names, dict):
            found.extend((f"{pointer}/patternProperties/{escape(str(name))}", names, name, name) for name in names)
    problems += drop_unusable(found)
    return problems


def _every_schema(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema object of the document: the component schemas, and each ``schema`` of a parameter, header,
    body or response (in paths, webhooks or components), with the schemas inside them."""
    components = data.get("components")
    schemas = components.get("schemas") if isinstance(components, dict) else None
    if isinstance(schemas, dict):
        yield from _schemas(schemas, "/components/schemas")
    outside = {k: v for k, v in components.items() if k != "schemas"} if isinstance(components, dict) else {}
    stack: list[tuple[str, Any]] = [("/paths", data.get("paths")), ("/webhooks", data.get("webhooks"))]
    stack += [(f"/components/{escape(str(k))}", v) for k, v in outside.items()]
    while stack:  # the structure around the schemas: no schema keyword is read here
        here, node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, child in items:
            if key in ("schema", "schemas", "itemSchema") and isinstance(child, dict):  # itemSchema: 3.2's, of one item
                roots = child if key == "schemas" else {key: child}
                yield from _schemas(roots, f"{here}/schemas" if key == "schemas" else here)
            elif key not in _DATA and key not in ("examples", "example"):
                stack.append((f"{here}/{escape(str(key))}", child))


def _schemas(node: Any, pointer: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema object under a mapping of names to schemas, depth first (a list, not recursion: specs nest)."""
    stack: list[tuple[str, Any, bool]] = [(f"{pointer}/{escape(str(k))}", v, True) for k, v in node.items()]
    while stack:
        here, value, is_schema = stack.pop()
        if isinstance(value, list):
            stack.extend((f"{here}/{i}", v, True) for i, v in enumerate(value))
            continue
        if not isinstance(value, dict):
            continue
        if is_schema:
            yield here, value
        for key, child in list(value.items()):
            where = f"{here}/{escape(str(key))}"
            if not is_schema:
                stack.append((where, child, True))  # a name in a map of schemas
            elif key in _MAPS and isinstance(child, dict):
                stack.append((where, child, False))
            elif key not in _DATA and not (isinstance(key, str) and key.startswith("x-") and key != "x-propertyNames"):
                stack.append((where, child, True))
