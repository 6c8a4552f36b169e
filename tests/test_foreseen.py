"""Rendering with foreseen model names while the library makes the models (pipeline.generate_tree).

The speed-up must never show in the output: whatever the guess, the tree is the one the plain path writes.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from generator import TEMPLATES, output, pipeline
from generator.build import build_api
from generator.config import load_config
from generator.load import load
from generator.models import Models, generate_models, guess_models
from generator.models_process import ModelsProcess
from generator.render import environment, render_all
from generator.validate import normalize_schemas

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "openapi.yaml"
DATAMODEL = TEMPLATES / "datamodel"
sys.path.insert(0, str(ROOT / "scripts"))

from synthetic_spec import make_spec  # noqa: E402


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (bytecode that importing the package left aside)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def assert_foreseen(data: dict[str, Any]) -> None:
    """The guess names every component schema's class, fields and enum members as the library does."""
    real = generate_models(data, "pkg", DATAMODEL)
    guess = guess_models(data)
    components = {ref: cls for ref, cls in real.classes.items() if ref.count("/") == 3}
    assert guess.classes == components
    for cls in components.values():
        if real.members.get(cls):
            assert guess.members[cls] == real.members[cls], cls
        elif cls in guess.fields:
            assert guess.fields[cls] == real.fields[cls], cls


def test_the_sessions_spec_is_foreseen() -> None:
    data = load(SPEC).data
    normalize_schemas(data)
    assert_foreseen(data)


def test_odd_names_are_foreseen() -> None:
    schemas: dict[str, Any] = {
        "ListResponse_Session_": {"type": "object", "properties": {"items": {"type": "array", "items": {}}}},
        "Body_upload-file": {
            "type": "object",
            "properties": {
                "displayName": {"type": "string"},
                "HTTPCode": {"type": "integer"},
                "class": {"type": "string"},
                "_private": {"type": "string"},
                "2fa": {"type": "boolean"},
                "model_config": {"type": "string"},
                "json": {"type": "string"},
                "a-b": {"type": "string"},
                "a_b": {"type": "string"},
            },
        },
        "Kind": {"type": "string", "enum": ["conversation_id", "en-US", "ca_v1", "None", "mro", "3d", "camelCase"]},
        "HTTPValidationError": {"type": "object", "properties": {"detail": {"type": "string"}}},
    }
    assert_foreseen({"openapi": "3.1.0", "components": {"schemas": schemas}})


def serial_tree(spec: Path, tmp_path: Path) -> dict[str, bytes]:
    files, _ = pipeline.generate_files(spec, None)
    tmp_path.mkdir()
    return tree(output.build_tree(files, tmp_path))


def foreseen_tree(spec: Path, tmp_path: Path) -> dict[str, bytes]:
    with ModelsProcess(DATAMODEL) as process:
        staging, count, _ = pipeline.generate_tree(spec, None, tmp_path, models_process=process)
    written = tree(staging)
    assert count == len(written)
    return written


def wrong(models: Models) -> Models:
    """Every class and field named otherwise than the library will: nothing rendered early may be kept."""
    return replace(
        models,
        classes={ref: f"{cls}Guess" for ref, cls in models.classes.items()},
        fields={f"{cls}Guess": {w: f"{n}_guess" for w, n in f.items()} for cls, f in models.fields.items()},
        members={},
    )


@pytest.mark.parametrize("guess", ["right", "wrong", "none"])
def test_the_tree_is_the_plain_one_whatever_the_guess(
    guess: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(make_spec(40)), encoding="utf-8")
    serial = serial_tree(spec, tmp_path / "serial")
    if guess == "wrong":
        monkeypatch.setattr(pipeline, "guess_models", lambda data: wrong(guess_models(data)))
    elif guess == "none":
        monkeypatch.setattr(pipeline, "guess_models", lambda data: replace(wrong(guess_models(data)), classes={}))
    rewritten: list[str] = []
    write_tree = output.write_tree

    def spy(root: Path, files: dict[str, str], **options: Any) -> None:
        rewritten.extend(files)
        write_tree(root, files, **options)

    monkeypatch.setattr(output, "write_tree", spy)  # what update_tree writes once the real names are known
    assert foreseen_tree(spec, tmp_path / "foreseen") == serial
    later = {rel.rsplit("/", 1)[0] for rel in rewritten}
    if guess == "right":  # nothing but the model modules and their indexes (models.<Name> too) had to wait
        assert later == {"src/sdk/models/components/_schemas", "src/sdk/models/components", "src/sdk/models"}, later
    else:
        assert "src/sdk/funcs" in later and "docs/models/components" in later


def test_the_sessions_spec_gives_the_plain_tree(tmp_path: Path) -> None:
    assert foreseen_tree(SPEC, tmp_path / "a") == serial_tree(SPEC, tmp_path / "b")


def test_only_model_docs_index_and_modules_read_the_model_fields() -> None:
    """render_all reuses every other file when the rest of the IR is the same: they must not read those fields."""
    data = load(SPEC).data
    normalize_schemas(data)
    api, _ = build_api(data, load_config(SPEC.with_name("generator.yaml")), generate_models(data, "x", DATAMODEL))
    env = environment(TEMPLATES)
    full = render_all(api, env)
    bare = render_all(replace(api, model_modules=(), model_index=(), models=()), env)
    differ = {rel for rel in set(full) | set(bare) if full.get(rel) != bare.get(rel)}
    assert differ, "the model fields do show somewhere"
    indexes = ("docs/models/components/", "src/syllable_sdk/models/components/", "src/syllable_sdk/models/__init__.py")
    assert all(rel.startswith(indexes) for rel in differ), differ


def test_updating_a_tree_removes_what_went_and_the_directories_left_empty(tmp_path: Path) -> None:
    old = {"a/b/x.py": "x = 1\n", "a/y.md": "# y\n", "c/z.md": "# z\n", "c/w.md": "# w\n"}
    output.write_tree(tmp_path, old)
    new = {"c/z.md": "# z\n", "c/v.py": "v = 2\n"}
    output.update_tree(tmp_path, old, new)
    assert tree(tmp_path) == {rel: text.encode() for rel, text in new.items()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c"]
