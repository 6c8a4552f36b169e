"""Every Python identifier the generator emits is made here, and is valid and not a keyword: the rules, in one place.

The names they must avoid are listed in ``reserved_names``; what a file name may be is ``file_names``'.
"""

from __future__ import annotations

import itertools
import keyword
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from generator.file_names import file_stem
from generator.reserved_names import (
    ANNOTATION_NAMES,
    BASE_MODEL_ATTRIBUTES,
    BUILTINS,
    CONSTRUCTOR_NAMES,
    FIELD_RESERVED,
    MODEL_MODULE_NAMES,
    MODEL_RESERVED,
)

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
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        name += "_"
    return name


def field_name(wire: str) -> str:
    """A model field / keyword argument for a wire name; the wire name stays exact through an alias."""
    name = snake(wire, fallback="field")
    if name.startswith("model_") or name in BASE_MODEL_ATTRIBUTES or name in ANNOTATION_NAMES:
        name += "_"
    return name


def resource_tag(operation: dict[str, Any]) -> str:
    """The tag whose resource holds ``operation``: its first, or ``default`` where it has none or an empty one (an
    empty tag would stand where the resource tree's root does, and be its own child)."""
    tags = operation.get("tags")
    tag = str(tags[0]).strip() if isinstance(tags, list) and tags else ""
    return tag or "default"


def method_name(operation_id: str, tag: str) -> str:
    """``sessions_list`` under tag ``sessions`` -> ``list``; the prefix goes only where it repeats the tag.

    For a dotted tag the longest repeated prefix goes: ``session_transcript_get_by_id`` under
    ``sessions.transcript`` -> ``get_by_id``; ``insights_upload_list_files`` under
    ``insights.folders`` -> ``upload_list_files``. Each tag word also matches its singular.
    """
    op_words = words(operation_id)
    tag_words = words(tag)
    for n in range(len(tag_words), 0, -1):
        if n < len(tag_words) and "." not in tag:
            break  # a plain tag only ever drops all of its words
        if len(op_words) > n and all(_same_word(t, o) for t, o in zip(tag_words[:n], op_words[:n], strict=True)):
            return snake("_".join(op_words[n:]))
    return snake("_".join(op_words))


def _same_word(tag_word: str, op_word: str) -> bool:
    return op_word in (tag_word, tag_word.removesuffix("s"), tag_word.removesuffix("es"))


def attribute(text: str, taken: set[str], *, reserved: frozenset[str] = frozenset()) -> str:
    """A unique snake_case attribute for ``text`` that avoids ``reserved`` and ``taken``."""
    name = snake(text, fallback="resource")
    if name in reserved:
        name += "_"
    return unique(name, taken)


# The constructor arguments of a scheme that takes two: HTTP basic, OAuth2's client credentials.
_PAIRS = {"basic": ("username", "password"), "oauth2": ("client_id", "client_secret")}


def credential_arguments(schemes: Iterable[tuple[str, str]]) -> list[tuple[str, ...]]:
    """The constructor arguments of each security scheme ``(key, kind)``, in order: one for an API key or a bearer
    token (the key in snake case), two for ``basic`` (``username``, ``password``) and ``oauth2`` (``client_id``,
    ``client_secret``), prefixed by the key when several schemes of that kind exist. Distinct however the keys differ
    (``BearerAuth`` and ``bearerAuth`` -> ``bearer_auth``, ``bearer_auth_2``), and none also another's ``<name>_value``
    local."""
    schemes = list(schemes)
    kinds = [kind for _, kind in schemes]
    taken = set(CONSTRUCTOR_NAMES)
    names: list[tuple[str, ...]] = []
    for key, kind in schemes:
        base = snake(key, fallback="credential")
        if kind in _PAIRS:
            prefix = f"{base}_" if kinds.count(kind) > 1 else ""
            bases = [prefix + part for part in _PAIRS[kind]]
        else:
            bases = [base]
        claimed = []
        for wanted in bases:
            candidate, n = wanted, 2
            while candidate in taken or f"{candidate}_value" in taken:
                candidate, n = f"{wanted}_{n}", n + 1
            taken.update((candidate, f"{candidate}_value"))
            claimed.append(candidate)
        names.append(tuple(claimed))
    return names


def class_name(text: str, taken: set[str], *, reserved: frozenset[str] = frozenset()) -> str:
    """A unique PascalCase class name for ``text`` that avoids ``reserved`` and ``taken``."""
    name = pascal(text, fallback="Resource")
    if name in reserved or name in BUILTINS:
        name += "Resource"
    candidate, n = name, 2
    # apart from the others also by case: a class may name a file (its doc page) on a case-insensitive file system
    while candidate in taken or candidate.casefold() in taken:
        candidate = f"{name}{n}"
        n += 1
    taken.update((candidate, candidate.casefold()))
    return candidate


def module(text: str, taken: set[str], *, reserved: frozenset[str] = frozenset()) -> str:
    """A unique snake_case module (and directory) name for ``text`` that is a portable file name (``file_stem``)."""
    name = snake(text, fallback="resource")
    if name in reserved:
        name += "_"
    return unique(file_stem(name), taken)


def module_name(class_name: str, taken: set[str]) -> str:
    """A unique snake_case module for a model class (``VoiceGroupResponse`` -> ``voice_group_response``), short
    enough for any file system."""
    return unique(file_stem(snake(class_name, fallback="model")), taken)


def unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name_2``, ``name_3``... whichever is free; records the choice."""
    candidate, n = name, 2
    while candidate in taken:
        candidate = f"{name}_{n}"
        n += 1
    taken.add(candidate)
    return candidate


# -- the names of the models ---------------------------------------------------------------------------------------
# Decided here for every schema that becomes a class (``hoist`` names the inline ones), and handed to
# datamodel-code-generator through its options; ``models`` checks that the library used them.

_PARTS = re.compile(r"[^0-9A-Za-z]+")
_DIGIT_WORD = re.compile(r"(?<=[0-9])(?=[A-Za-z])|(?<=[A-Za-z])(?=[0-9])")


def model_class(text: str, taken: set[str]) -> str:
    """A unique class for a component key or a hoisted schema's path: its parts capitalised as written
    (``ListResponse_Session_`` -> ``ListResponseSession``, ``APIKey`` stays), apart from ``taken`` by case too
    (a class names its doc page), never a name the model modules use."""
    parts = [p for p in _PARTS.split(_ascii(text)) if p]
    name = "".join(p[0].upper() + p[1:] for p in parts) or "Model"
    if name[0].isdigit():
        name = f"Model{name}"
    if name in MODEL_RESERVED - MODEL_MODULE_NAMES or keyword.iskeyword(name) or keyword.issoftkeyword(name):
        name += "Model"  # ``FieldModel``; a name the modules import is numbered (``OpenEnum2``)
    candidate, n = name, 2
    while candidate in taken or candidate.casefold() in taken or candidate in MODEL_MODULE_NAMES:
        candidate, n = f"{name}{n}", n + 1
    taken.update((candidate, candidate.casefold()))
    return candidate


def model_field(wire: str, taken: set[str]) -> str:
    """A unique field of a model for a property (``displayName`` -> ``display_name``)."""
    name = snake(wire, fallback="field")
    if name in FIELD_RESERVED:
        name += "_"
    return unique(name, taken)


def enum_member(value: str | int, taken: set[str]) -> str:
    """A unique member of an enum for a value (``conversation-id`` -> ``CONVERSATION_ID``, ``1`` -> ``INTEGER_1``,
    ``-1`` -> ``INTEGER_MINUS_1``): upper snake case with a word break between letters and digits."""
    if isinstance(value, int):
        value = f"integer_{'minus_' if value < 0 else ''}{abs(value)}"
    name = "_".join(_DIGIT_WORD.sub("_", w) for w in words(value)).upper() or "VALUE"
    if name[0].isdigit():
        name = f"VALUE_{name}"
    return unique(name, taken)


_COMPONENT_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def bundled_component(name: str, file_stem: str, taken: set[str]) -> str:
    """The key a component from another file takes among the root document's (``taken``: the keys of its kind so
    far, casefolded, so no two differ only in case): its own name when free, else suffixed with its file's stem,
    else numbered; only the characters a component key may hold. Added to ``taken``."""
    base = _COMPONENT_KEY_UNSAFE.sub("_", name).strip("_") or "Component"
    stem = _COMPONENT_KEY_UNSAFE.sub("_", file_stem).strip("_") or "file"
    numbered = (f"{base}_{stem}_{n}" for n in itertools.count(2))
    chosen = next(c for c in itertools.chain([base, f"{base}_{stem}"], numbered) if c.casefold() not in taken)
    taken.add(chosen.casefold())
    return chosen
