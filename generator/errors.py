"""Problems found in a spec, reported as ``file:line: #/pointer: message``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    pointer: str
    message: str
    warning: bool = False


class SpecError(Exception):
    """A spec the generator cannot use; carries every problem found, already located."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines
