"""The compiled-template cache (generator/template_cache.py): a speed aid that may never change or stop a run."""

from __future__ import annotations

import tempfile
from pathlib import Path

import jinja2
import pytest

from generator import TEMPLATES
from generator.render import environment
from generator.template_cache import _BestEffortCache, template_cache


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def test_an_edited_template_is_compiled_afresh(private_tmp: Path) -> None:
    templates = private_tmp / "templates"
    templates.mkdir()
    (templates / "a.txt.jinja").write_text("first {{ x }}\n")
    assert environment(templates).get_template("a.txt.jinja").render(x=1) == "first 1\n"
    assert list((private_tmp / next(p.name for p in private_tmp.iterdir() if p.name.startswith("_jinja2"))).iterdir())
    (templates / "a.txt.jinja").write_text("second {{ x }}\n")
    assert environment(templates).get_template("a.txt.jinja").render(x=1) == "second 1\n"


def test_the_cached_run_renders_what_a_fresh_compile_does(private_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    warm = environment(TEMPLATES)  # fills the cache
    cached = environment(TEMPLATES)  # reads it
    assert warm.bytecode_cache is not None and cached.bytecode_cache is not None
    monkeypatch.setattr("generator.render.template_cache", lambda: None)
    fresh = environment(TEMPLATES)
    assert fresh.bytecode_cache is None
    name = "package/{src}/utils/_retry.py.jinja"
    assert cached.get_template(name).render() == fresh.get_template(name).render() == warm.get_template(name).render()


def test_no_usable_temporary_directory_means_no_cache(private_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = private_tmp / "a-file"
    blocker.write_text("")
    monkeypatch.setattr(tempfile, "tempdir", str(blocker))  # its cache directory cannot be made
    assert template_cache() is None
    assert environment(TEMPLATES).get_template("package/{src}/utils/_retry.py.jinja").render()


def test_an_entry_that_cannot_be_written_is_skipped(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "a.jinja").write_text("ok\n")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates), bytecode_cache=_BestEffortCache(str(tmp_path / "gone"))
    )
    assert env.get_template("a.jinja").render() == "ok"
