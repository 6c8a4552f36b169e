"""spec file -> load -> validate -> models -> IR -> rendered files."""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path

from generator import ROOT, TEMPLATES
from generator.build import build_api
from generator.config import load_config
from generator.errors import SpecError
from generator.load import load
from generator.models import ModelsError
from generator.models_process import ModelsProcess
from generator.render import environment, render_all
from generator.validate import normalize_schemas, validate


def generate_files(
    spec: Path, config_path: Path | None, *, strict: bool = False, models_process: ModelsProcess | None = None
) -> tuple[dict[str, str], list[str]]:
    """Every file of the package, and the warnings; ``models_process`` is one started early (see the cli),
    which its starter closes."""
    # The models process warms up while the spec is loaded and checked and the templates compile.
    owned = ModelsProcess(TEMPLATES / "datamodel") if models_process is None else nullcontext(models_process)
    with owned as models_process:
        document = load(spec)
        config = load_config(config_path)
        checked = validate(document.data)
        problems = [p for p in checked if not p.warning]
        if problems:
            raise document.fail(problems)
        normalize_schemas(document.data)
        models_process.submit(document.data, config.package)
        templates = environment(TEMPLATES)
        try:
            models = models_process.result()
        except ModelsError as error:
            raise document.fail(error.problems) from None
    api, built_warnings = build_api(document.data, config, models)
    warnings = [p for p in checked if p.warning] + built_warnings
    if strict and warnings:
        raise document.fail([type(w)(w.pointer, w.message, False) for w in warnings])
    located = [document.locate(w) for w in sorted(warnings, key=lambda w: document.line_of(w.pointer))]
    return render_all(api, templates), located


__all__ = ["ROOT", "TEMPLATES", "SpecError", "generate_files"]
