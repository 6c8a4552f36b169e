"""The generator's second processes: the models process and the two-process tree writer.

Both exist for speed only, so each must give exactly what the plain in-process path gives, and every way they
can fail must end in a clear error rather than a hang or a half-written tree. The cli writes everything but the
model modules while the library runs (names are decided before, ``hoist``): the tree is the plain one.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from generator import TEMPLATES, models_process, output
from generator.build import build_api
from generator.config import load_config
from generator.errors import Problem
from generator.hoist import Names, hoist
from generator.load import load
from generator.models import ModelsError, generate_models
from generator.models_process import ModelsProcess
from generator.normalize import normalize_schemas
from generator.pipeline import generate_files, generate_tree
from generator.render import environment, render_models, render_names

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "openapi.yaml"
DATAMODEL = TEMPLATES / "datamodel"
sys.path.insert(0, str(ROOT / "scripts"))

from synthetic_spec import make_spec  # noqa: E402

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="the monkeypatched child needs fork"
)


def spec_data() -> dict[str, Any]:
    data = load(SPEC).data
    normalize_schemas(data)
    return data


def submit(process: ModelsProcess, data: dict[str, Any], package: str) -> Names:
    names = hoist(data)
    process.submit(data, package, names)
    return names


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (bytecode that importing the package left aside)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def models_children() -> list[multiprocessing.Process]:
    return [p for p in multiprocessing.active_children() if p.name == "generator-models"]


def test_the_models_process_gives_what_the_library_gives_in_process() -> None:
    data = spec_data()
    with ModelsProcess(DATAMODEL) as process:
        names = submit(process, data, "syllable_sdk")
        remote = process.result()
    assert remote == generate_models(data, "syllable_sdk", DATAMODEL, names)
    assert remote.classes, "the spec has models"
    assert not models_children()


def test_a_rejected_spec_stops_the_warm_up_at_once() -> None:
    with ModelsProcess(DATAMODEL):
        assert models_children(), "started at once, to warm up"
    assert not models_children()


def test_models_the_library_refuses_are_a_models_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(data: dict[str, Any], package: str, template_dir: Path, names: Any) -> Any:
        if package == "warm":
            return None
        raise ModelsError([Problem("/components/schemas/Thing", "no such thing")])

    monkeypatch.setattr(models_process, "generate_models", refuse)  # the forked child inherits it
    with ModelsProcess(DATAMODEL) as process, pytest.raises(ModelsError) as caught:
        submit(process, spec_data(), "pkg")
        process.result()
    assert [(p.pointer, p.message) for p in caught.value.problems] == [("/components/schemas/Thing", "no such thing")]


def test_a_dead_models_process_is_reported_not_waited_for(monkeypatch: pytest.MonkeyPatch) -> None:
    def die(data: dict[str, Any], package: str, template_dir: Path, names: Any) -> Any:
        if package != "warm":
            os._exit(7)

    monkeypatch.setattr(models_process, "generate_models", die)
    with ModelsProcess(DATAMODEL) as process, pytest.raises(ModelsError, match=r"exit code 7"):
        submit(process, spec_data(), "pkg")
        process.result()


def test_a_bug_in_the_models_process_surfaces_with_its_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def bug(data: dict[str, Any], package: str, template_dir: Path, names: Any) -> Any:
        if package != "warm":
            raise ZeroDivisionError("a generator bug")

    monkeypatch.setattr(models_process, "generate_models", bug)
    with ModelsProcess(DATAMODEL) as process, pytest.raises(RuntimeError, match=r"ZeroDivisionError: a generator bug"):
        submit(process, spec_data(), "pkg")
        process.result()


def test_schemas_too_deep_to_send_are_a_models_error() -> None:
    def deep_spec() -> dict[str, Any]:
        deep: dict[str, Any] = {"type": "string"}
        for _ in range(sys.getrecursionlimit() * 2):
            deep = {"type": "array", "items": deep}
        return {"components": {"schemas": {"Deep": deep}}}

    data = deep_spec()
    with pytest.raises(ModelsError, match="nest too deeply"):
        hoist(deep_spec())  # the pipeline names them first
    with ModelsProcess(DATAMODEL) as process, pytest.raises(ModelsError, match="nest too deeply"):
        process.submit(data, "pkg", Names({"#/components/schemas/Deep": "Deep"}, {}, {}))
        process.result()
    assert not models_children()


def test_two_process_writing_matches_one_process(tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(make_spec(40)), encoding="utf-8")
    files, _ = generate_files(spec, None)
    assert len(files) >= output.PARALLEL_FROM, "large enough to take the two-process path"

    parallel = output.build_tree(files, tmp_path)
    serial = tmp_path / "serial"
    output.materialize(files, serial)
    output.format_files(serial, sorted(files))

    assert tree(parallel) == tree(serial)
    assert tree(parallel) != {rel: text.encode() for rel, text in files.items()}, "ruff did format"


def test_a_failing_writer_leaves_no_staging_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {f"pkg/m{i}.py": "x = 1\n" for i in range(output.PARALLEL_FROM)}
    files["pkg/broken.py"] = "def (:\n"  # ruff cannot parse it, in whichever process formats it
    parent = tmp_path / "parent"
    parent.mkdir()
    with pytest.raises(output.subprocess.CalledProcessError):
        output.build_tree(files, parent)
    assert list(parent.iterdir()) == []


def test_what_ruff_reads_exists_before_either_process_formats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """isort tells first-party imports by the package markers: a share formatted before the other share wrote
    ``src/<package>/__init__.py`` sorted imports differently (seen: one run in three)."""
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(make_spec(40)), encoding="utf-8")
    files, _ = generate_files(spec, None)
    markers = sorted(rel for rel in files if rel.endswith("__init__.py") or rel == "pyproject.toml")
    write_and_format = output._write_and_format

    def checked(root: Path, items: list[tuple[str, str]], also: list[str] | None = None, **options: Any) -> None:
        missing = [rel for rel in markers if not (root / rel).is_file()]
        assert not missing, missing  # in the helper process this fails the build, which the parent reports
        write_and_format(root, items, also, **options)

    monkeypatch.setattr(output, "_write_and_format", checked)
    output.build_tree(files, tmp_path)


def test_without_fork_the_models_process_is_spawned(monkeypatch: pytest.MonkeyPatch) -> None:
    """macOS and Windows start processes by spawning; the process must work the same there."""
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    data = spec_data()
    with ModelsProcess(DATAMODEL) as process:
        names = submit(process, data, "syllable_sdk")
        remote = process.result()
    assert remote == generate_models(data, "syllable_sdk", DATAMODEL, names)


def test_without_fork_the_package_is_written_by_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(make_spec(40)), encoding="utf-8")
    files, _ = generate_files(spec, None)
    forked = output.build_tree(files, tmp_path)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setattr(multiprocessing, "get_context", None)  # any attempt to start a process fails loudly
    assert tree(output.build_tree(files, tmp_path)) == tree(forked)


def cli_tree(spec: Path, parent: Path) -> dict[str, bytes]:
    with ModelsProcess(DATAMODEL) as process:
        staging, count, _ = generate_tree(spec, None, parent, models_process=process)
    written = tree(staging)
    assert count == len(written)
    return written


def plain_tree(spec: Path, parent: Path) -> dict[str, bytes]:
    files, _ = generate_files(spec, None)
    parent.mkdir()
    return tree(output.build_tree(files, parent))


@pytest.mark.parametrize("spec", ["sessions", "synthetic"])
def test_the_cli_tree_written_while_the_library_runs_is_the_plain_one(spec: str, tmp_path: Path) -> None:
    path = SPEC
    if spec == "synthetic":
        path = tmp_path / "spec.json"
        path.write_text(json.dumps(make_spec(40)), encoding="utf-8")
    assert cli_tree(path, tmp_path / "cli") == plain_tree(path, tmp_path / "plain")


def test_only_the_model_files_read_the_library_modules() -> None:
    """What the cli renders before the library has run must not read what only the library gives."""
    data = spec_data()
    api, _ = build_api(data, load_config(SPEC.with_name("generator.yaml")), generate_models(data, "x", DATAMODEL))
    env = environment(TEMPLATES)
    assert api.model_modules and api.model_index
    assert render_names(api, env) == render_names(replace(api, model_modules=(), model_index=()), env)
    assert set(render_models(api, env)).isdisjoint(render_names(api, env))
