"""spec file -> load -> validate -> models -> IR -> rendered files (-> a written, formatted tree)."""

from __future__ import annotations

import shutil
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from pathlib import Path

from generator import ROOT, TEMPLATES, changelog
from generator.build import build_api
from generator.config import Config, load_config
from generator.document import Document
from generator.errors import Problem, SpecError
from generator.hoist import Names, hoist
from generator.ir import Api
from generator.load import load
from generator.models import Models, ModelsError, named
from generator.models_process import ModelsProcess
from generator.normalize import normalize_schemas
from generator.output import new_tree, write_tree
from generator.render import checked as render_checked
from generator.render import environment, render_all, render_models, render_names
from generator.repair import repair
from generator.schema_guard import guard_schemas
from generator.subset import cut
from generator.validate import validate


def generate_files(
    spec: Path,
    config_path: Path | None,
    *,
    strict: bool = False,
    models_process: ModelsProcess | None = None,
    tags: tuple[str, ...] | None = None,
) -> tuple[dict[str, str], list[str]]:
    """Every file of the package, and the warnings; ``models_process`` is one started early (see the cli),
    which its starter closes."""
    with _models_process(models_process) as process:
        document, config, checked, names = _checked(spec, config_path, process, tags)
        templates = environment(TEMPLATES)
        api, warnings = _built(document, config, checked, named(names), strict)
        api = _with_models(api, _models(document, process))
    return render_all(api, templates) | changelog.package_files(config_path), warnings


def generate_tree(
    spec: Path,
    config_path: Path | None,
    parent: Path,
    *,
    strict: bool = False,
    models_process: ModelsProcess,
    tags: tuple[str, ...] | None = None,
    prefix: str = ".generated-",
) -> tuple[Path, int, list[str]]:
    """The package written and formatted in a new directory in ``parent`` (made if need be), its number of files,
    and the warnings.

    The models are most of a run, and nothing else needs more than their names, decided before (``hoist``): so
    this builds the IR, renders and writes every other file while the models process makes them, then writes the
    model modules and their indexes. The tree is the one ``generate_files`` gives.
    """
    document, config, checked, names = _checked(spec, config_path, models_process, tags)
    templates = environment(TEMPLATES)
    api, warnings = _built(document, config, checked, named(names), strict)
    early = render_names(api, templates) | changelog.package_files(config_path)
    parent.mkdir(parents=True, exist_ok=True)
    staging = new_tree(parent, prefix)
    try:
        # One process: the models process has the other core.
        write_tree(staging, early, processes=1)
        late = render_models(_with_models(api, _models(document, models_process)), templates)
        checked_files = render_checked(early | late)
        write_tree(staging, late)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging, len(checked_files), warnings


def named_api(spec: Path, config_path: Path | None, tags: tuple[str, ...] | None = None) -> Api:
    """The IR without the models' modules, made without running the models library (every name is decided before
    it runs): what ``sdkgen diff`` compares."""
    document, config, _, names = _named(spec, config_path, tags)
    return build_api(document.data, config, named(names))[0]


def _with_models(api: Api, models: Models) -> Api:
    """The IR with the library's modules, and where each class is."""
    return replace(
        api, model_modules=tuple(sorted(models.modules.items())), model_index=tuple(sorted(models.locations.items()))
    )


def _models_process(started: ModelsProcess | None) -> AbstractContextManager[ModelsProcess]:
    return ModelsProcess(TEMPLATES / "datamodel") if started is None else nullcontext(started)


def _named(
    spec: Path, config_path: Path | None, tags: tuple[str, ...] | None = None
) -> tuple[Document, Config, list[Problem], Names]:
    """The spec loaded and validated (``SpecError`` if it cannot be used), cut down to ``tags`` (else the config's
    ``include_tags``) if any, its schemas guarded and its classes named (``hoist``); the warnings so far, and the
    names."""
    document = load(spec)
    config = load_config(config_path)
    checked = [*repair(document.data), *validate(document.data)]  # repairs first: what they mend is then valid
    problems = [p for p in checked if p.level == "error"]
    if problems:
        raise document.fail(problems)
    checked = cut(document, config, tags, checked)
    normalize_schemas(document.data)
    checked = [*checked, *guard_schemas(document.data)]
    try:
        names = hoist(document.data)
    except ModelsError as error:
        raise document.fail(error.problems) from None
    return document, config, checked, names


def _checked(
    spec: Path, config_path: Path | None, models_process: ModelsProcess, tags: tuple[str, ...] | None = None
) -> tuple[Document, Config, list[Problem], Names]:
    """``_named``, its schemas then handed to the models process (which has been warming up meanwhile)."""
    document, config, checked, names = _named(spec, config_path, tags)
    models_process.submit(document.data, config.package, names)
    return document, config, checked, names


def _models(document: Document, models_process: ModelsProcess) -> Models:
    try:
        return models_process.result()
    except ModelsError as error:
        raise document.fail(error.problems) from None


def _built(
    document: Document, config: Config, checked: list[Problem], models: Models, strict: bool
) -> tuple[Api, list[str]]:
    api, built_warnings = build_api(document.data, config, models)
    warnings = [p for p in checked if p.level == "warning"] + built_warnings
    if strict and warnings:
        raise document.fail([replace(w, level="error") for w in warnings])
    located = [document.locate(w) for w in sorted(warnings, key=document.order)]
    return api, located


__all__ = ["ROOT", "TEMPLATES", "SpecError", "named_api", "generate_files", "generate_tree"]
