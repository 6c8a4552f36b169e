"""Read a spec file (YAML or JSON) into a ``Document``, every guard against hostile documents run on the way."""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path
from typing import Any

import yaml

from generator.document import Document
from generator.errors import SpecError
from generator.hostile import check_expansion, check_surrogates, read_yaml
from generator.pointers import resolve


def load(path: Path) -> Document:
    """The spec, with every file it refers to bundled in (generator/bundle.py)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError([f"{path}:1: #: cannot read spec: {exc}"]) from None
    from generator.bundle import bundle  # here: bundle.py reads its files with this module's parse

    return bundle(parse(path, text))


def parse(path: Path, text: str) -> Document:
    """One file's text read with every guard against hostile documents; its ``$ref``s as written."""
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            data = read_yaml(text, path)
    except RecursionError:
        raise SpecError([f"{path}:1: #: the spec nests too deeply to read"]) from None
    except json.JSONDecodeError as exc:
        raise SpecError([f"{path}:{exc.lineno}: #: invalid JSON: {exc.msg}"]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc)
        raise SpecError([f"{path}:{line}: #: invalid YAML: {reason}"]) from None
    if not isinstance(data, dict):
        raise SpecError([f"{path}:1: #: a spec must be a mapping at the top level"])
    check_expansion(data, path)
    if "%" in text:
        _decode_refs(data)
    document = Document(path=path, text=text, data=data)
    check_surrogates(document)
    return document


def _decode_refs(data: dict[str, Any]) -> None:
    """A ``$ref`` is a URI, whose fragment may percent-encode the pointer (``#/paths/~1users~1%7Bid%7D``, RFC 6901
    section 6): each one that resolves only once decoded is rewritten to the plain pointer the rest compares."""
    seen: set[int] = set()
    stack: list[Any] = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict) and id(node) not in seen:
            seen.add(id(node))
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#") and "%" in ref:
                plain = "#" + urllib.parse.unquote(ref[1:])
                if plain != ref and _resolves(data, plain) and not _resolves(data, ref):
                    node["$ref"] = plain
            stack.extend(node.values())


def _resolves(data: dict[str, Any], ref: str) -> bool:
    try:
        resolve(data, ref)
    except KeyError:
        return False
    return True
