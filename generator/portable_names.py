"""Component schemas renamed, before datamodel-code-generator names classes and members from them, so that names that
look alike stay apart: in Python (which NFKC-normalises identifiers: ``Ｐｅｔ`` is ``Pet``) and on a file system that
ignores case (the doc pages of ``PetA`` and ``Peta`` would be one file).

The library is directed through its input, never by editing its output: a key becomes a class name, so a key that
would collide is renamed (the caller maps the classes back to the original references), and an enum value that Python
would read as another gets its member name through ``x-enum-varnames``.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from generator import naming, reserved_names
from generator.pointers import SCHEMAS_REF, escape

_RESERVED = frozenset(name.casefold() for name in reserved_names.MODEL_MODULE_NAMES)


def _fold(key: str) -> str:
    """What the class name of ``key`` is compared by: as Python reads it, and as a case-insensitive file system does."""
    return naming.model_class(unicodedata.normalize("NFKC", key), set()).casefold()


def portable_keys(schemas: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The schemas with keys the library can use as they are, and new ref -> original ref for the keys renamed.

    A dot is read by the library as a module path: it goes. A key that NFKC changes is normalised. A key whose class
    would be another's, or differ from it only by case or Unicode form, or be a name the model modules import
    (``reserved_names.MODEL_MODULE_NAMES``: ``OpenEnum``, ``Any``...), gets a suffix (the library's own suffixes
    tell equal names apart, but ``Pet1`` for a second ``Pet`` would still be ``PET1``'s page). The first key in
    document order keeps its name; the renamed ones are taken in sorted order.
    """
    claimed: set[str] = set()

    def free(key: str) -> bool:
        fold = _fold(key)
        if fold in claimed or fold in _RESERVED:
            return False
        claimed.add(fold)
        return True

    clean = [key for key in schemas if "." not in key and unicodedata.normalize("NFKC", key) == key]
    keep = {key for key in clean if free(key)}
    taken = set(schemas)
    new_keys: dict[str, str] = {}
    for key in sorted(set(schemas) - keep):
        base = unicodedata.normalize("NFKC", key).replace(".", "_")
        candidate, n = base, 2
        while candidate in taken or not free(candidate):
            candidate, n = f"{base}_{n}", n + 1
        taken.add(candidate)
        new_keys[key] = candidate
    schemas = {key: _member_names(schema) for key, schema in schemas.items()}
    if not new_keys:
        return schemas, {}
    refs = {SCHEMAS_REF + escape(old): SCHEMAS_REF + escape(new) for old, new in new_keys.items()}

    def rewrite(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: refs.get(v, v) if k == "$ref" and isinstance(v, str) else rewrite(v) for k, v in node.items()}
        if isinstance(node, list):
            return [rewrite(v) for v in node]
        return node

    flat = {new_keys.get(key, key): rewrite(schema) for key, schema in schemas.items()}
    return flat, {new: old for old, new in refs.items()}


_DATA = frozenset({"example", "examples", "default", "const", "enum"})
_NAMES = ("x-enum-varnames", "x-enumNames")  # the library's extensions that name enum members


def _nfkc(name: Any) -> Any:
    """A member name Python reads as written (``Ｑ`` -> ``Q_nfkc``, apart from a ``Q`` beside it)."""
    if not isinstance(name, str) or unicodedata.normalize("NFKC", name) == name:
        return name
    return f"{unicodedata.normalize('NFKC', name)}_nfkc"


def _member_names(node: Any) -> Any:
    """Each enum (inline ones too) whose string values Python would read as others (``Ａ`` is ``A``), with member
    names for those as the library's ``x-enum-varnames`` (``A_NFKC``); the rest keep the library's own names. A
    copy where anything changes; the spec itself is not changed."""
    if isinstance(node, list):
        items = [_member_names(v) for v in node]
        return node if all(a is b for a, b in zip(items, node, strict=True)) else items
    if not isinstance(node, dict):
        return node
    children = {k: v if k in _DATA else _member_names(v) for k, v in node.items()}
    if any(children[k] is not v for k, v in node.items()):
        node = children
    values = node.get("enum")
    given = [key for key in _NAMES if isinstance(node.get(key), list)]
    if given:  # the spec's own member names, as Python will read them: Ａ and A would be one member
        return {**node, **{key: [_nfkc(name) for name in node[key]] for key in given}}
    if not isinstance(values, list):
        return node
    unstable = [isinstance(v, str) and unicodedata.normalize("NFKC", v) != v for v in values]
    if not any(unstable):
        return node
    taken: set[str] = set()
    names = [naming.unique(_nfkc(v), taken) if odd else None for v, odd in zip(values, unstable, strict=True)]
    return {**node, "x-enum-varnames": names}
