"""The generator's per-spec settings (spec/generator.yaml)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import SpecError

_IDENT = "^[A-Za-z_][A-Za-z0-9_]*$"


@dataclass(frozen=True)
class Config:
    package: str = "sdk"
    distribution: str = "sdk"
    version: str = "0.1.0"
    sdk_class: str = "SDK"
    core_class: str = "SDKCore"
    env_prefix: str = "SDK"
    title: str = "SDK"
    default_timeout_ms: int = 60_000
    method_names: dict[str, str] = field(default_factory=dict)
    pagination: dict[str, bool] = field(default_factory=dict)


def load_config(path: Path | None) -> Config:
    if path is None or not path.exists():
        return Config()
    raw: Any = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(raw, dict):
        raise SpecError([f"{path}:1: #: the generator config must be a mapping"])
    known = set(Config.__dataclass_fields__)
    unknown = sorted(set(raw) - known)
    if unknown:
        raise SpecError([f"{path}:1: #/{unknown[0]}: unknown config key; expected one of {sorted(known)}"])
    import re

    for key in ("package", "sdk_class", "core_class", "env_prefix"):
        if key in raw and not re.match(_IDENT, str(raw[key])):
            raise SpecError([f"{path}:1: #/{key}: {raw[key]!r} is not a valid Python identifier"])
    return Config(**raw)
