"""Read a spec file (YAML or JSON) and map JSON pointers back to line numbers."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Problem, SpecError

# the C loader is ~10x faster on large specs; fall back where libyaml is absent
_Loader: type[yaml.SafeLoader | yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Document:
    path: Path
    text: str
    data: dict[str, Any] = field(repr=False)

    @cached_property
    def _lines(self) -> dict[str, int]:
        """Pointer -> 1-based line; built only when a problem must be reported."""
        try:
            node = yaml.compose(self.text, Loader=_Loader)
        except yaml.YAMLError:
            return {}
        lines: dict[str, int] = {}
        stack: list[tuple[str, yaml.Node]] = [("", node)] if node is not None else []
        while stack:
            pointer, current = stack.pop()
            lines[pointer] = current.start_mark.line + 1
            if isinstance(current, yaml.MappingNode):
                for key, value in current.value:
                    child = f"{pointer}/{escape(str(key.value))}"
                    lines[child] = key.start_mark.line + 1
                    stack.append((child, value))
            elif isinstance(current, yaml.SequenceNode):
                for index, value in enumerate(current.value):
                    stack.append((f"{pointer}/{index}", value))
        return lines

    def line_of(self, pointer: str) -> int:
        """The line of the pointer, or of its nearest ancestor that has one."""
        lines = self._lines
        while pointer:
            if pointer in lines:
                return lines[pointer]
            pointer = pointer.rsplit("/", 1)[0]
        return 1

    def locate(self, problem: Problem) -> str:
        kind = "warning: " if problem.warning else ""
        return f"{self.path}:{self.line_of(problem.pointer)}: {kind}#{problem.pointer}: {problem.message}"

    def fail(self, problems: list[Problem]) -> SpecError:
        return SpecError([self.locate(p) for p in problems])


def escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def load(path: Path) -> Document:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError([f"{path}:1: #: cannot read spec: {exc}"]) from None
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
    except json.JSONDecodeError as exc:
        raise SpecError([f"{path}:{exc.lineno}: #: invalid JSON: {exc.msg}"]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc)
        raise SpecError([f"{path}:{line}: #: invalid YAML: {reason}"]) from None
    if not isinstance(data, dict):
        raise SpecError([f"{path}:1: #: a spec must be a mapping at the top level"])
    return Document(path=path, text=text, data=data)


def resolve(data: dict[str, Any], ref: str) -> Any:
    """Follow a local ``#/...`` reference; KeyError when it dangles."""
    if not ref.startswith("#"):
        raise KeyError(ref)
    node: Any = data
    for token in ref[1:].split("/")[1:]:
        token = unescape(token)
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            raise KeyError(ref)
    return node
