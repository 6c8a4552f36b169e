"""A spec as read: its text, its data, and where each JSON pointer was written (file and line), so that every problem
any later stage finds is reported at the line of the file it is in, bundled files included."""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Problem, SpecError
from generator.pointers import escape

# the C loader is ~10x faster on large specs; fall back where libyaml is absent
YAML_LOADER: type[yaml.SafeLoader | yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
            node = yaml.compose(self.text, Loader=YAML_LOADER)
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
