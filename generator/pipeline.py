"""spec file -> load -> validate -> models -> IR -> rendered files."""

from __future__ import annotations

from pathlib import Path

from generator.build import build_api
from generator.config import load_config
from generator.errors import SpecError
from generator.load import load
from generator.models import ModelsError, generate_models
from generator.render import render_all
from generator.validate import normalize_schemas, validate

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"


def generate_files(spec: Path, config_path: Path | None, *, strict: bool = False) -> tuple[dict[str, str], list[str]]:
    document = load(spec)
    config = load_config(config_path)
    checked = validate(document.data)
    problems = [p for p in checked if not p.warning]
    if problems:
        raise document.fail(problems)
    normalize_schemas(document.data)
    try:
        models = generate_models(document.data, config.package, TEMPLATES / "datamodel")
    except ModelsError as error:
        raise document.fail(error.problems) from None
    api, built_warnings = build_api(document.data, config, models)
    warnings = [p for p in checked if p.warning] + built_warnings
    if strict and warnings:
        raise document.fail([type(w)(w.pointer, w.message, False) for w in warnings])
    located = [document.locate(w) for w in sorted(warnings, key=lambda w: document.line_of(w.pointer))]
    return render_all(api, TEMPLATES), located


__all__ = ["SpecError", "generate_files"]
