"""What every step of building the IR shares: the spec, the config, the models' names, and what it collects."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.config import Config
from generator.errors import Problem
from generator.models import Models
from generator.pytypes import enum_literals


@dataclass(frozen=True)
class Context:
    """The inputs of one IR build (read only) and what it collects on the way (warnings, names taken)."""

    data: dict[str, Any]
    config: Config
    models: Models
    literals: dict[str, tuple[str, tuple[str | int, ...]]]  # enum class -> its ``<Enum>Literal`` alias and values
    warnings: list[Problem] = field(default_factory=list)
    request_models: set[str] = field(default_factory=set)  # operations.<name>, unique across the API
    expanding: set[str] = field(default_factory=set)  # the $refs py_type is inside of, which must not recurse forever


def new_context(data: dict[str, Any], config: Config, models: Models) -> Context:
    return Context(data, config, models, enum_literals(models))
