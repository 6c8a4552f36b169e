"""Read a spec file (YAML or JSON) and map JSON pointers back to line numbers."""

from __future__ import annotations

import bisect
import json
import re
import urllib.parse
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Problem, SpecError
from generator.pointers import escape as escape  # re-exported: generator/security.py imports it from here
from generator.pointers import resolve

# the C loader is ~10x faster on large specs; fall back where libyaml is absent
_Loader: type[yaml.SafeLoader | yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Document:
    path: Path
    text: str
    data: dict[str, Any] = field(repr=False)
    # pieces of other files bundled into ``data`` (generator/bundle.py), longest ``at`` first
    parts: tuple[Part, ...] = field(default=(), repr=False)

    @cached_property
    def _lines(self) -> dict[str, int]:
        """Pointer -> 1-based line; built only when a problem must be reported."""
        if self.path.suffix.lower() == ".json":
            try:
                return json_lines(self.text)
            except ValueError:
                return {}
        try:
            node = yaml.compose(self.text, Loader=_Loader)
        except yaml.YAMLError:
            return {}
        lines: dict[str, int] = {}
        stack: list[tuple[str, yaml.Node]] = [("", node)] if node is not None else []
        while stack:
            pointer, current = stack.pop()
            lines.setdefault(pointer, current.start_mark.line + 1)
            if isinstance(current, yaml.MappingNode):
                for key, value in current.value:
                    child = f"{pointer}/{escape(str(key.value))}"
                    lines[child] = key.start_mark.line + 1
                    stack.append((child, value))
            elif isinstance(current, yaml.SequenceNode):
                for index, value in enumerate(current.value):
                    stack.append((f"{pointer}/{index}", value))
        return lines

    def where(self, pointer: str) -> tuple[Document, str]:
        """The file a pointer of the bundled document was written in, and the pointer there."""
        for part in self.parts:
            if pointer == part.at or pointer.startswith(part.at + "/"):
                return part.document, part.pointer + pointer[len(part.at) :]
        return self, pointer

    def line_of(self, pointer: str) -> int:
        """The line of the pointer (in the file it was written in), or of its nearest ancestor that has one."""
        document, pointer = self.where(pointer)
        lines = document._lines
        while pointer:
            if pointer in lines:
                return lines[pointer]
            pointer = pointer.rsplit("/", 1)[0]
        return 1

    def locate(self, problem: Problem) -> str:
        kind = "warning: " if problem.level == "warning" else ""
        document, pointer = self.where(problem.pointer)
        return f"{document.path}:{document.line_of(pointer)}: {kind}#{pointer}: {problem.message}"

    def fail(self, problems: list[Problem]) -> SpecError:
        """Every problem, in the order they appear in the files (the root one first)."""
        ordered = sorted(problems, key=self.order)
        return SpecError([self.locate(p) for p in ordered])

    def order(self, problem: Problem) -> tuple[bool, str, int]:
        """Where a problem sorts: the root file's first, then the other files' by name, each by line."""
        document, _ = self.where(problem.pointer)
        return document is not self, str(document.path), self.line_of(problem.pointer)


@dataclass(frozen=True)
class Part:
    """A piece of another file in a bundled document: at ``at`` in it, written at ``pointer`` in ``document``."""

    at: str
    document: Document
    pointer: str


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s{}\[\],:"]+|\s+', re.DOTALL)


def json_lines(text: str) -> dict[str, int]:
    """Pointer -> 1-based line for a JSON text, by a small scanner (PyYAML cannot read all of JSON).

    Every key maps to the line it is written on, every array element to the line where it starts.
    Raises ValueError on text that is not well-formed JSON.
    """
    newlines = [m.start() for m in re.finditer("\n", text)]

    def line(offset: int) -> int:
        return bisect.bisect_right(newlines, offset - 1) + 1

    tokens = [(m.group(), m.start()) for m in _JSON_TOKEN.finditer(text) if not m.group().isspace()]
    lines: dict[str, int] = {}
    # a stack of containers: (pointer, next array index or -1 for an object, pending key)
    stack: list[list[Any]] = []
    expect_key = False
    i = 0
    while i < len(tokens):
        token, offset = tokens[i]
        i += 1
        if token in (",", ":"):
            continue
        if token in ("}", "]"):
            if not stack:
                raise ValueError("unbalanced JSON")
            stack.pop()
            expect_key = bool(stack) and stack[-1][1] == -1
            continue
        if stack and stack[-1][1] == -1 and expect_key:
            if not token.startswith('"'):
                raise ValueError("a JSON object key must be a string")
            key = json.loads(token)
            stack[-1][2] = f"{stack[-1][0]}/{escape(str(key))}"
            lines[stack[-1][2]] = line(offset)
            expect_key = False
            continue
        if not stack:
            pointer = ""
        elif stack[-1][1] == -1:
            pointer = stack[-1][2]
            expect_key = True
        else:
            pointer = f"{stack[-1][0]}/{stack[-1][1]}"
            stack[-1][1] += 1
            lines[pointer] = line(offset)
        lines.setdefault(pointer, line(offset))
        if token == "{":
            stack.append([pointer, -1, ""])
            expect_key = True
        elif token == "[":
            stack.append([pointer, 0, ""])
    return lines


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
            data = _load_yaml(text, path)
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
    _check_expansion(data, path)
    if "%" in text:
        _decode_refs(data)
    document = Document(path=path, text=text, data=data)
    if _SURROGATE_ESCAPE.search(text):
        _check_surrogates(document)
    return document


_MAX_NODES = 2_000_000  # the whole public Syllable API has ~25,000
_MAX_DEPTH = 1_000  # libyaml's composer recurses in C without a limit: 32,000 levels overflow the C stack
_MERGE = "tag:yaml.org,2002:merge"


def _load_yaml(text: str, path: Path) -> Any:
    """Compose, measure, then construct: aliases and merge keys (``<<``) are counted on the node graph, where a
    shared node is one object, before the constructor expands them (an 813-byte merge-key bomb expands to GiBs)."""
    _check_depth(text, path)
    loader = _Loader(text)
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
    if _Loader is yaml.SafeLoader:  # the pure composer recurses in Python: a RecursionError, caught by load()
        return
    if max(map(len, text.splitlines()), default=0) + text.count("[") + text.count("{") < _MAX_DEPTH:
        return
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > _MAX_DEPTH:
                line = event.start_mark.line + 1 if event.start_mark is not None else 1
                raise SpecError([f"{path}:{line}: #: the spec nests too deeply to read"])
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _check_nodes(root: yaml.Node, path: Path) -> None:
    """The size of the tree the node graph expands to (each node counted once per alias and merge that reaches
    it), and of the merges the constructor will copy; refuse a cycle or either over ``_MAX_NODES``."""
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
            if size > _MAX_NODES or merged > _MAX_NODES:
                line = node.start_mark.line + 1
                raise SpecError(
                    [f"{path}:{line}: #: the spec expands to more than {_MAX_NODES} nodes (YAML aliases or merge keys)"]
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


def _check_surrogates(document: Document) -> None:
    """Refuse a string (or key) holding a lone surrogate: it is not Unicode, and no file can be written with it."""
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


def _check_expansion(data: dict[str, Any], path: Path) -> None:
    """YAML aliases can make a small file an infinite (self-containing) or exponentially large tree: refuse both."""
    budget = _MAX_NODES
    on_path: set[int] = set()
    stack: list[tuple[Any, bool]] = [(data, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            on_path.discard(id(node))
            continue
        budget -= 1
        if budget < 0:
            raise SpecError([f"{path}:1: #: the spec expands to more than {_MAX_NODES} nodes (YAML aliases?)"])
        if isinstance(node, (dict, list)):
            if id(node) in on_path:
                raise SpecError([f"{path}:1: #: a YAML alias refers to a node that contains it; the spec is infinite"])
            on_path.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in (node.values() if isinstance(node, dict) else node))


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
