"""The guards against hostile documents, each run while a file is read: alias and merge-key bombs, self-containing
aliases, nesting deep enough to overflow libyaml's C stack, and lone surrogates (no file can be written with one).
Each refuses the file with a ``SpecError`` at the line that gives it away."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from generator.document import YAML_LOADER, Document
from generator.errors import Problem, SpecError
from generator.pointers import escape

MAX_NODES = 2_000_000  # the whole public Syllable API has ~25,000
_MAX_DEPTH = 1_000  # libyaml's composer recurses in C without a limit: 32,000 levels overflow the C stack
_MERGE = "tag:yaml.org,2002:merge"


def read_yaml(text: str, path: Path) -> Any:
    """Compose, measure, then construct: aliases and merge keys (``<<``) are counted on the node graph, where a
    shared node is one object, before the constructor expands them (an 813-byte merge-key bomb expands to GiBs)."""
    _check_depth(text, path)
    loader = YAML_LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_nodes(node, path)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _check_depth(text: str, path: Path) -> None:
    """Refuse nesting deeper than ``_MAX_DEPTH`` before libyaml composes it. Block nesting needs a wider column
    and flow nesting a bracket per level: most files are cleared by that bound alone, the rest by the parser's
    events (iterative in libyaml)."""
    if YAML_LOADER is yaml.SafeLoader:  # the pure composer recurses in Python: a RecursionError, caught by load()
        return
    if max(map(len, text.splitlines()), default=0) + text.count("[") + text.count("{") < _MAX_DEPTH:
        return
    depth = 0
    for event in yaml.parse(text, Loader=YAML_LOADER):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > _MAX_DEPTH:
                line = event.start_mark.line + 1 if event.start_mark is not None else 1
                raise SpecError([f"{path}:{line}: #: the spec nests too deeply to read"])
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _check_nodes(root: yaml.Node, path: Path) -> None:
    """The size of the tree the node graph expands to (each node counted once per alias and merge that reaches
    it), and of the merges the constructor will copy; refuse a cycle or either over ``MAX_NODES``."""
    sizes: dict[int, int] = {}
    merged = 0
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            on_path.discard(id(node))
            size = 1
            if isinstance(node, yaml.SequenceNode):
                size += sum(sizes[id(child)] for child in node.value)
            elif isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if key.tag == _MERGE:  # the merged mappings' pairs are copied into this one
                        sources = value.value if isinstance(value, yaml.SequenceNode) else [value]
                        copied = sum(sizes[id(source)] - 1 for source in sources)
                        size += copied
                        merged += copied
                    else:
                        size += sizes[id(key)] + sizes[id(value)]
            if size > MAX_NODES or merged > MAX_NODES:
                line = node.start_mark.line + 1
                raise SpecError(
                    [f"{path}:{line}: #: the spec expands to more than {MAX_NODES} nodes (YAML aliases or merge keys)"]
                )
            sizes[id(node)] = size
            continue
        if id(node) in sizes:
            continue
        if id(node) in on_path:
            line = node.start_mark.line + 1
            raise SpecError([f"{path}:{line}: #: a YAML alias refers to a node that contains it; the spec is infinite"])
        on_path.add(id(node))
        stack.append((node, True))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, False) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend((child, False) for pair in node.value for child in pair)


# A lone surrogate can only come from an escape (the file itself decoded as UTF-8): ``\ud800`` in JSON or YAML,
# ``\U0000d800`` in YAML. Only a file holding one is searched for the string that has it.
_SURROGATE_ESCAPE = re.compile(r"\\(?:u|U0000)[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def check_surrogates(document: Document) -> None:
    """Refuse a string (or key) holding a lone surrogate: it is not Unicode, and no file can be written with it."""
    if not _SURROGATE_ESCAPE.search(document.text):
        return
    problems: list[Problem] = []
    stack: list[tuple[str, Any]] = [("", document.data)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, str) and _SURROGATE.search(node):
            problems.append(
                Problem(pointer, "the string holds a lone surrogate (a \\ud800-\\udfff escape not in a pair)")
            )
        elif isinstance(node, dict):
            for key, value in node.items():
                child = f"{pointer}/{escape(str(key))}"
                if isinstance(key, str) and _SURROGATE.search(key):
                    problems.append(
                        Problem(child, "the key holds a lone surrogate (a \\ud800-\\udfff escape not in a pair)")
                    )
                else:
                    stack.append((child, value))
        elif isinstance(node, list):
            stack.extend((f"{pointer}/{index}", value) for index, value in enumerate(node))
    if problems:
        raise document.fail(problems)


def check_expansion(data: dict[str, Any], path: Path) -> None:
    """YAML aliases can make a small file an infinite (self-containing) or exponentially large tree: refuse both."""
    budget = MAX_NODES
    on_path: set[int] = set()
    stack: list[tuple[Any, bool]] = [(data, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            on_path.discard(id(node))
            continue
        budget -= 1
        if budget < 0:
            raise SpecError([f"{path}:1: #: the spec expands to more than {MAX_NODES} nodes (YAML aliases?)"])
        if isinstance(node, (dict, list)):
            if id(node) in on_path:
                raise SpecError([f"{path}:1: #: a YAML alias refers to a node that contains it; the spec is infinite"])
            on_path.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in (node.values() if isinstance(node, dict) else node))
