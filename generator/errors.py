"""Problems found in a spec, reported as ``file:line: #/pointer: message``."""

from __future__ import annotations

import contextlib
import functools
import io
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, ParamSpec, TextIO, TypeVar, cast

P = ParamSpec("P")
R = TypeVar("R")


Level = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One diagnostic: where in the spec (a JSON pointer), what, and how bad. An error stops the run; a warning is
    printed (``warning: `` before the pointer) and the run goes on, unless ``--strict`` makes every warning an error."""

    pointer: str
    message: str
    level: Level = field(default="error", kw_only=True)  # by name only: Problem(p, m, True) is refused


class SpecError(Exception):
    """A spec the generator cannot use; carries every problem found, already located."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def printable(text: str) -> str:
    """``text`` safe for a terminal: every character that is not printable (ESC starting an ANSI or OSC sequence,
    other controls, bidirectional overrides, lone surrogates) written as its Python escape; line breaks kept."""
    return "\n".join(
        line if line.isprintable() else "".join(c if c.isprintable() or c == "\t" else ascii(c)[1:-1] for c in line)
        for line in text.split("\n")
    )


class _Escaping(io.TextIOBase):
    """A text stream that writes :func:`printable` text to another."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(printable(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()


def printable_output(main: Callable[P, R]) -> Callable[P, R]:
    """Run ``main`` with everything it prints escaped by :func:`printable`: spec keys and values reach messages,
    warnings and file lists, and must not drive the terminal (ANSI colours, OSC titles and links, cursor moves)."""

    @functools.wraps(main)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        out, err = cast(TextIO, _Escaping(sys.stdout)), cast(TextIO, _Escaping(sys.stderr))
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            return main(*args, **kwargs)

    return run
