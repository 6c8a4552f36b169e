"""The generator's per-spec settings (spec/generator.yaml)."""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import SpecError
from generator.naming import RUNTIME_ERRORS

_IDENT = "^[A-Za-z_][A-Za-z0-9_]*$"


@dataclass(frozen=True)
class Config:
    package: str = "sdk"
    distribution: str = "sdk"
    version: str = "0.1.0"
    sdk_class: str = "Client"  # its errors derive from <sdk_class>Error
    core_class: str = "ClientCore"
    env_prefix: str = "SDK"
    title: str = "SDK"
    default_timeout_ms: int = 60_000
    retry: dict[str, Any] = field(default_factory=dict)  # overrides of ir.RetryPolicy's fields
    method_names: dict[str, str] = field(default_factory=dict)
    pagination: dict[str, bool] = field(default_factory=dict)
    include_tags: list[str] = field(default_factory=list)  # only these resources and what they reach (subset.py)


def load_config(path: Path | None) -> Config:
    if path is None or not path.exists():
        return Config()
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        reason = " ".join(str(getattr(exc, "problem", None) or exc).split())
        raise SpecError([f"{path}:{line}: #: cannot read the generator config: {reason}"]) from None
    if not isinstance(raw, dict):
        raise SpecError([f"{path}:1: #: the generator config must be a mapping"])
    known = set(Config.__dataclass_fields__)
    unknown = sorted(set(raw) - known, key=str)
    if unknown:
        raise SpecError(
            [
                f"{path}:{_line(path, str(key))}: #/{key}: unknown config key; expected one of {sorted(known)}"
                for key in unknown
            ]
        )
    problems = []
    for key, value in raw.items():
        expected = type(getattr(_DEFAULTS, key))
        if (
            expected is int
            and (not isinstance(value, int) or isinstance(value, bool))
            or not isinstance(value, expected)
        ):
            problems.append(f"{path}:{_line(path, key)}: #/{key}: expected a {expected.__name__}, got {value!r}")
        elif expected is list and not all(isinstance(tag, str) for tag in value):
            problems.append(f"{path}:{_line(path, key)}: #/{key}: expected a list of tags (strings)")
        elif expected is dict and not all(isinstance(k, str) for k in value):
            problems.append(f"{path}:{_line(path, key)}: #/{key}: keys must be operationIds (strings)")
        elif key in _IDENTIFIERS and (not re.match(_IDENT, value) or keyword.iskeyword(value)):
            problems.append(f"{path}:{_line(path, key)}: #/{key}: {value!r} is not a valid Python identifier")
    for op_id, name in raw.get("method_names", {}).items() if isinstance(raw.get("method_names"), dict) else ():
        if not isinstance(name, str) or not re.match(_IDENT, name) or keyword.iskeyword(name):
            problems.append(
                f"{path}:{_line(path, 'method_names')}: #/method_names/{op_id}: {name!r} is not a valid name"
            )
    sdk_class = raw.get("sdk_class", _DEFAULTS.sdk_class)
    if isinstance(sdk_class, str) and f"{sdk_class}Error" in RUNTIME_ERRORS:
        problems.append(
            f"{path}:{_line(path, 'sdk_class')}: #/sdk_class: {sdk_class}Error would clash with a runtime error class"
        )
    if raw.get("core_class", _DEFAULTS.core_class) == sdk_class:
        problems.append(f"{path}:{_line(path, 'core_class')}: #/core_class: must differ from sdk_class")
    if problems:
        raise SpecError(problems)
    return Config(**raw)


_DEFAULTS = Config()
_IDENTIFIERS = ("package", "sdk_class", "core_class", "env_prefix")


def _line(path: Path, key: str) -> int:
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text.startswith((f"{key}:", f'"{key}":')):
            return number
    return 1
