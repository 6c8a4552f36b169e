"""The generator's per-spec settings (spec/generator.yaml)."""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import SpecError
from generator.reserved_names import RUNTIME_ERRORS

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
    # operationId -> False (never paged), True (page numbers), or a mapping of PAGING_KEYS (generator/pagination.py)
    pagination: dict[str, Any] = field(default_factory=dict)
    include_tags: list[str] = field(default_factory=list)  # only these resources and what they reach (subset.py)
    source: str = field(default="", compare=False)  # the config file, to locate what the spec contradicts

    def locate(self, *keys: str) -> str:
        """``file:line: #/pointer`` of a nested config key (``"pagination", op_id, "items"``), for an error."""
        return f"{self.source}:{_nested_line(Path(self.source), keys) if self.source else 1}: #/{'/'.join(keys)}"


# the keys a pagination mapping may have, by style; every value names a parameter or a response field of the spec
PAGING_KEYS: dict[str, tuple[str, ...]] = {
    "page": ("page_param", "items"),
    "offset": ("offset_param", "limit_param", "items", "total"),
    "cursor": ("cursor_param", "next_cursor", "items"),
    "link": ("items",),
}


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
    known = set(Config.__dataclass_fields__) - {"source"}
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
    if isinstance(raw.get("pagination"), dict):
        problems.extend(_paging_problems(path, raw["pagination"]))
    sdk_class = raw.get("sdk_class", _DEFAULTS.sdk_class)
    if isinstance(sdk_class, str) and f"{sdk_class}Error" in RUNTIME_ERRORS:
        problems.append(
            f"{path}:{_line(path, 'sdk_class')}: #/sdk_class: {sdk_class}Error would clash with a runtime error class"
        )
    if raw.get("core_class", _DEFAULTS.core_class) == sdk_class:
        problems.append(f"{path}:{_line(path, 'core_class')}: #/core_class: must differ from sdk_class")
    if problems:
        raise SpecError(problems)
    return Config(**raw, source=str(path))


_DEFAULTS = Config()
_IDENTIFIERS = ("package", "sdk_class", "core_class", "env_prefix")


def _paging_problems(path: Path, pagination: dict[str, Any]) -> list[str]:
    """Each value of ``pagination:``: a bool, or a mapping with a known ``style`` and that style's keys, as strings."""
    problems = []
    for op_id, value in pagination.items():
        where = f"{path}:{_nested_line(path, ('pagination', str(op_id)))}: #/pagination/{op_id}"
        if isinstance(value, bool):
            continue
        if not isinstance(value, dict):
            problems.append(f"{where}: expected true, false or a mapping with a style, got {value!r}")
            continue
        style = value.get("style")
        if style not in PAGING_KEYS:
            problems.append(f"{where}: style must be one of {sorted(PAGING_KEYS)}, got {style!r}")
            continue
        for key, text in value.items():
            at = f"{path}:{_nested_line(path, ('pagination', str(op_id), str(key)))}: #/pagination/{op_id}/{key}"
            if key != "style" and key not in PAGING_KEYS[style]:
                problems.append(f"{at}: unknown key for style {style}; expected one of {list(PAGING_KEYS[style])}")
            elif not isinstance(text, str) or not text.strip():
                problems.append(f"{at}: expected a name from the spec (a string), got {text!r}")
    return problems


def _nested_line(path: Path, keys: tuple[str, ...]) -> int:
    """The line of ``keys`` (nested mappings, block or flow style): each key searched for after its parent's line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    found, start = 1, 0
    for depth, key in enumerate(keys):
        pattern = re.compile(rf"(^|[{{,\s])[\"']?{re.escape(key)}[\"']?\s*:")
        for number in range(start, len(lines)):
            text = lines[number] if depth else lines[number][: len(key) + 3]
            if pattern.search(text):
                found, start = number + 1, number
                break
    return found


def _line(path: Path, key: str) -> int:
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text.startswith((f"{key}:", f'"{key}":')):
            return number
    return 1
