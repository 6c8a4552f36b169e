"""The Jinja filters that turn spec text and IR types into source, Markdown and shell text: the only way a spec
string reaches a template's output, kept together so that each context's escaping is read (and tested) in one place.
"""

from __future__ import annotations

import math
import re
import shlex
from typing import Any

from generator.file_names import file_stem
from generator.ir import PyType

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def pyrepr(value: Any) -> str:
    """A Python literal for a string (or other data); repr() output can never break out of itself.

    Non-finite floats (YAML ``.inf``, JSON ``NaN``) have no literal: they become ``float("inf")`` and the like.
    """
    if isinstance(value, float) and not math.isfinite(value):
        return f'float("{value}")'
    if isinstance(value, list):
        return "[" + ", ".join(pyrepr(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{pyrepr(k)}: {pyrepr(v)}" for k, v in value.items()) + "}"
    return repr(value)


def docstring(text: str, indent: int = 4) -> str:
    """Text safe inside a triple-double-quoted docstring, indented for its block."""
    text = _CONTROL.sub("", str(text)).strip().replace("\\", "\\\\")
    # escape each quote that another quote (or the closing quotes) follows: no run of three, no quote at the end
    text = re.sub(r'"(?="|$)', r'\\"', text)
    pad = " " * indent
    return "\n".join((pad + line).rstrip() if i else line.rstrip() for i, line in enumerate(text.splitlines()))


def comment(text: str) -> str:
    return " ".join(_CONTROL.sub("", str(text)).split())


def docfile(name: str) -> str:
    """The file stem of a name's doc page (``docs/models/components/<stem>.md``)."""
    return file_stem(name.lower())


def md(text: str) -> str:
    """Text safe in a Markdown table cell or on one line."""
    return comment(text).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def pytype(type_: PyType, shadowed: frozenset[str] | set[str] = frozenset()) -> str:
    def name(n: str) -> str:
        return f"builtins.{n}" if n in shadowed else n

    if type_.kind == "builtin":
        return name(type_.name)
    if type_.kind == "model":
        return f"components.{type_.name}"
    if type_.kind == "list":
        return f"{name('list')}[{pytype(type_.args[0], shadowed)}]"
    if type_.kind == "dict":
        return f"{name('dict')}[{pytype(type_.args[0], shadowed)}, {pytype(type_.args[1], shadowed)}]"
    if type_.kind == "union":
        return " | ".join(pytype(a, shadowed) for a in type_.args)
    if type_.kind == "literal" and type_.name:  # a named alias of an enum's values
        return f"components.{type_.name}"
    if type_.kind == "literal":
        return "Literal[" + ", ".join(repr(v) for v in type_.values) + "]"
    if type_.kind == "none":
        return "None"
    return "Any"


def doctype(type_: PyType, base: str = "../../") -> str:
    """A type for Markdown docs, with models linked; ``base`` is the path from the page to ``docs/``."""
    if type_.kind == "model":
        return f"[components.{type_.name}]({base}models/components/{docfile(type_.name)}.md)"
    if type_.kind == "list":
        return f"list[{doctype(type_.args[0], base)}]"
    if type_.kind == "dict":
        return f"dict[{doctype(type_.args[0], base)}, {doctype(type_.args[1], base)}]"
    if type_.kind == "union":
        return " \\| ".join(doctype(a, base) for a in type_.args)
    return md(pytype(type_))


def mdcode(text: str) -> str:
    """Inline code for a Markdown table cell: one line, pipes escaped, a fence longer than any backtick run."""
    text = comment(text).replace("|", "\\|")
    runs = [len(r) for r in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def shell(text: str) -> str:
    """One shell word, quoted, on one line."""
    return shlex.quote(comment(text))


def slug(text: str) -> str:
    """GitHub's anchor for a heading: lowercase, punctuation dropped (but ``-`` and ``_``), spaces to ``-``."""
    return re.sub(r"[^\w\- ]", "", comment(text).lower()).replace(" ", "-")
