"""Every Python identifier the generator emits is made here, and is valid and not a keyword."""

from __future__ import annotations

import builtins
import keyword
import re
import unicodedata

# Names a field of a pydantic model must not take: BaseModel's own attributes.
_MODEL_RESERVED = frozenset(
    {
        "copy",
        "dict",
        "json",
        "schema",
        "schema_json",
        "construct",
        "validate",
        "parse_obj",
        "parse_raw",
        "parse_file",
        "from_orm",
        "update_forward_refs",
    }
)
_BUILTINS = frozenset(dir(builtins))
_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z0-9])|[A-Z]?[a-z0-9]+|[A-Z]+|[0-9]+")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def words(text: str) -> list[str]:
    """Split any name (camelCase, snake_case, kebab, spaced, dotted) into lowercase words."""
    return [w.lower() for w in _WORD.findall(_ascii(text))]


def snake(text: str, *, fallback: str = "value") -> str:
    name = "_".join(words(text)) or fallback
    if name[0].isdigit():
        name = f"{fallback}_{name}"
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        name += "_"
    return name


def pascal(text: str, *, fallback: str = "Model") -> str:
    name = "".join(w[:1].upper() + w[1:] for w in words(text)) or fallback
    if name[0].isdigit():
        name = f"{fallback}{name}"
    return name


def constant(text: str) -> str:
    return snake(text).upper()


def field_name(wire: str) -> str:
    """A model field / keyword argument for a wire name; the wire name stays exact through an alias."""
    name = snake(wire, fallback="field")
    if name.startswith("model_") or name in _MODEL_RESERVED:
        name += "_"
    return name


def shadows_builtin(name: str) -> bool:
    return name in _BUILTINS


def method_name(operation_id: str, tag: str) -> str:
    """``sessions_list`` under tag ``sessions`` -> ``list``; the prefix goes only where it repeats the tag."""
    op_words = words(operation_id)
    tag_words = words(tag)
    if tag_words:
        singular = tag_words[:-1] + [tag_words[-1].removesuffix("s")]
        for prefix in (tag_words, singular):
            n = len(prefix)
            if len(op_words) > n and op_words[:n] == prefix:
                return snake("_".join(op_words[n:]))
    return snake("_".join(op_words))


def unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name_2``, ``name_3``... whichever is free; records the choice."""
    candidate, n = name, 2
    while candidate in taken:
        candidate = f"{name}_{n}"
        n += 1
    taken.add(candidate)
    return candidate
