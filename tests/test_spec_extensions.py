"""No spec text chooses code, and no pattern breaks the models (generator/schema_guard.py).

datamodel-code-generator reads ``customTypePath: setup.X`` as ``from setup import X``: importing such models ran the
working directory's ``setup.py``. Each keyword of the library that chooses imports, base classes or types is stripped
with a warning naming the place (``--strict`` refuses); so is a ``pattern`` pydantic cannot compile, which made every
use of its model raise ``SchemaError``.
"""

from __future__ import annotations

import importlib
import itertools
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import TEMPLATES
from generator.build import build_api
from generator.config import Config
from generator.models import generate_models
from generator.output import materialize
from generator.render import environment, render_all
from generator.schema_guard import guard_schemas
from tests.cli_runs import Run, generator
from tests.tools import imported

MARKER = "#-datamodel-code-generator-#-extras-#-special-#"

# (pointer under #/components/schemas, keyword, value): each made the library write an import of ``setup``.
CODE_KEYWORDS = [
    ("Pet/properties/a", "customTypePath", "setup.X"),
    ("Pet/properties/b", "x-python-type", "setup.Y"),
    ("Owner", "x-python-import", {"module": "setup", "name": "Z"}),
    ("Base", "customBasePath", "setup.Base"),
    ("Base/properties/m", MARKER, {"x-python-type": "setup.W"}),
    ("Pet/properties/c", "x-is-classvar", True),
    ("Parent", "x-is-base-class", True),
]
SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1"},
    "paths": {
        "/pets": {
            "get": {
                "operationId": "get_pet",
                "tags": ["pets"],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}},
                    }
                },
            }
        }
    },
    "components": {
        "schemas": {
            "Pet": {
                "type": "object",
                "properties": {
                    "a": {"type": "string", "customTypePath": "setup.X"},
                    "b": {"type": "string", "x-python-type": "setup.Y"},
                    "c": {"type": "string", "default": "c", "x-is-classvar": True},
                    "customTypePath": {"type": "string"},  # a property of that name is just a property
                    # formats the library types from modules outside httpx and pydantic: plain strings
                    "mail": {"type": "string", "format": "email"},
                    "ulid": {"type": "string", "format": "ulid"},
                    "owner": {"$ref": "#/components/schemas/Owner"},
                    "bad": {"type": "string", "pattern": "[a-"},
                    "behind": {"type": "string", "pattern": "^(?<=)x+$"},
                    "word": {"type": "string", "pattern": "^[a-z]+$"},
                    "tags": {
                        "type": "object",
                        "patternProperties": {"(": {"type": "integer"}, "^t_": {"type": "string"}},
                    },
                },
            },
            "Owner": {"type": "object", "x-python-import": {"module": "setup", "name": "Z"}},
            "Base": {
                "type": "object",
                "customBasePath": "setup.Base",
                "properties": {"m": {"type": "integer", MARKER: {"x-python-type": "setup.W"}}},
            },
            "Parent": {"type": "object", "x-is-base-class": True, "properties": {"p": {"type": "string"}}},
            # honoured: the library makes member names of these through its identifier rules
            "Kind": {"type": "string", "enum": ["a", "b"], "x-enum-varnames": ["A = 1; import os #", "os"]},
        }
    },
}
# A setup.py in the working directory of whoever imports the models: it must never run.
SETUP_PY = """
import pathlib
pathlib.Path(__file__).with_name("canary").write_text("setup.py ran")
X = Y = Z = W = ULID = str
class Base: pass
"""


def _generate(spec_path: Path, out: Path, *extra: str) -> Run:
    return generator("--out", out, *extra, spec=spec_path, config=None, timeout=180)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    tmp = tmp_path_factory.mktemp("extensions")
    spec = tmp / "spec.json"
    spec.write_text(json.dumps(SPEC, indent=1), encoding="utf-8")
    result = _generate(spec, tmp / "pkg")
    assert result.returncode == 0, result.stderr
    return tmp / "pkg", result.stderr


def _run(package: Path, cwd: Path, script: str) -> subprocess.CompletedProcess[str]:
    """``script`` in a fresh interpreter started in ``cwd`` (first on sys.path, as for ``python -c``)."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        cwd=cwd,
        env={"PYTHONPATH": str(package / "src"), "PATH": str(Path(sys.executable).parent)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_importing_the_models_never_runs_a_module_of_the_working_directory(
    generated: tuple[Path, str], tmp_path: Path
) -> None:
    package, _ = generated
    for module in ("setup", "ulid", "email_validator"):
        (tmp_path / f"{module}.py").write_text(SETUP_PY, encoding="utf-8")
    result = _run(
        package,
        tmp_path,
        """
        import importlib, pkgutil, sdk
        for m in pkgutil.walk_packages(sdk.__path__, "sdk."):
            importlib.import_module(m.name)
        from sdk.models import components as c
        wire = {"a": "1", "b": "2", "c": "wire", "owner": {}, "customTypePath": "p", "mail": "a@b", "ulid": "01J"}
        pet = c.Pet.model_validate(wire)
        assert (pet.a, pet.b, pet.c, pet.custom_type_path) == ("1", "2", "wire", "p"), pet
        assert (pet.mail, pet.ulid) == ("a@b", "01J"), pet
        assert c.Base.__mro__[1].__module__.startswith("sdk."), c.Base.__mro__
        assert [(m.name.isidentifier(), m.value) for m in c.Kind] == [(True, "a"), (True, "b")], list(c.Kind)
        print("ok")
        """,
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr
    assert not (tmp_path / "canary").exists(), "importing the models ran a module of the working directory"


@pytest.mark.parametrize(("where", "keyword", "value"), CODE_KEYWORDS, ids=[k for _, k, _ in CODE_KEYWORDS])
def test_each_code_keyword_is_ignored_with_a_warning(
    generated: tuple[Path, str], where: str, keyword: str, value: object
) -> None:
    package, stderr = generated
    pointer = f"#/components/schemas/{where}/{keyword}"
    assert f"warning: {pointer}: {keyword!r} would let the spec choose Python code" in stderr, stderr
    models = "".join(p.read_text(encoding="utf-8") for p in package.glob("src/sdk/models/components/_schemas/*.py"))
    assert "setup" not in models and "ClassVar" not in models


def test_invalid_patterns_are_dropped_and_valid_ones_enforced(generated: tuple[Path, str], tmp_path: Path) -> None:
    package, stderr = generated
    assert (
        "warning: #/components/schemas/Pet/properties/bad/pattern: pattern '[a-' is not a regular expression" in stderr
    )
    assert "warning: #/components/schemas/Pet/properties/tags/patternProperties/(: pattern '('" in stderr
    assert "behind/pattern" not in stderr and "word/pattern" not in stderr  # lookbehind: python-re takes it
    result = _run(
        package,
        tmp_path,
        """
        import pydantic
        from sdk.models import components as c
        pet = c.Pet.model_validate({"bad": "[[", "behind": "xx", "word": "abc", "tags": {"t_a": "v"}})
        assert pet.bad == "[[" and pet.behind == "xx", pet
        for wrong in ({"word": "ABC"}, {"behind": "y"}):
            try:
                c.Pet.model_validate(wrong)
            except pydantic.ValidationError:
                pass
            else:
                raise AssertionError(wrong)
        print("ok")
        """,
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


def test_strict_refuses_code_keywords_and_invalid_patterns(tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(SPEC, indent=1), encoding="utf-8")
    result = _generate(spec, tmp_path / "pkg", "--strict")
    assert result.returncode == 2, result.stderr
    for where, keyword, _ in CODE_KEYWORDS:
        assert f": #/components/schemas/{where}/{keyword}: {keyword!r} would let the spec choose" in result.stderr
    assert ": #/components/schemas/Pet/properties/bad/pattern: pattern '[a-'" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "pkg").exists()


REGEX_PIECES = st.sampled_from(
    ["a", "(", ")", "[", "]", "?", "<", "=", "!", "\\", "Z", "d", "b", "{", "}", "2", ",", "x", "P", "*", "+", "^"]
    + ["$", "|", "-", "#", " ", "\n", ":", "(?x)", "(?i)", "(?<=a)", "(?P<n>a)", "(?P=n)", "\\1", "\\p{L}"]
)
_COUNTER = itertools.count()


@settings(max_examples=int(os.environ.get("PATTERN_EXAMPLES") or 10), deadline=None)
@given(st.lists(st.lists(REGEX_PIECES, min_size=1, max_size=6).map("".join), min_size=3, max_size=3))
def test_random_patterns_are_kept_only_where_the_models_can_use_them(patterns: list[str]) -> None:
    """Whatever the patterns, the models build and validate; each dropped one is warned about, each kept one used."""
    _with_patterns(patterns, [""])


def test_a_rust_only_pattern_is_kept_alone_and_dropped_beside_one_that_needs_re() -> None:
    letters = "^\\p{L}+$"  # Rust's Unicode classes: Python's re has none
    kept, model = _with_patterns([letters], ["é", "1"])
    assert kept == [True] and model == [True, False]
    kept, model = _with_patterns([letters, "^(?!x)"], ["1"])
    assert kept == [False, True] and model == [True]


def test_a_pattern_naming_surrogate_code_points_is_dropped() -> None:
    """AWS specs write XML's character range with its surrogates (emr-serverless); Rust's engine refuses ``\\uD800``
    and the library keeps Rust for such a model, so kept, the pattern made the model fail to build at import."""
    xml_chars = ".*[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDBFF-\\uDC00\\uDFFF\\r\\n\\t]*.*"
    kept, model = _with_patterns([xml_chars, "^a"], ["a"])
    assert kept == [False, True] and model == [True]


def _with_patterns(patterns: list[str], values: list[str]) -> tuple[list[bool], list[bool]]:
    """Generate a model with one string property per pattern, import it, and validate each of ``values`` against
    every property: which patterns were kept (each dropped one with a warning), and which values the model took."""
    spec: dict[str, Any] = {**SPEC, "paths": {}, "components": {"schemas": {"P": {"type": "object"}}}}
    props = spec["components"]["schemas"]["P"]["properties"] = {}
    for index, pattern in enumerate(patterns):
        props[f"p{index}"] = {"type": "string", "pattern": pattern}
    warned = {p.pointer for p in guard_schemas(spec)}
    kept = [f"/components/schemas/P/properties/p{i}/pattern" not in warned for i in range(len(patterns))]
    assert kept == ["pattern" in props[f"p{i}"] for i in range(len(patterns))]
    package = f"patterns_{os.getpid()}_{next(_COUNTER)}"
    config = Config(package=package, distribution=package, sdk_class="Pat", core_class="PatCore")
    api, _ = build_api(spec, config, generate_models(spec, package, TEMPLATES / "datamodel"))
    taken = []
    with tempfile.TemporaryDirectory() as tmp:
        materialize(render_all(api, environment(TEMPLATES)), Path(tmp))
        with imported(Path(tmp), package):
            model = importlib.import_module(f"{package}.models.components").P
            for value in values:
                try:
                    model.model_validate({f"p{i}": value for i in range(len(patterns))})
                except pydantic.ValidationError:
                    taken.append(False)
                else:
                    taken.append(True)
    return kept, taken


def test_code_keywords_in_inline_schemas_are_ignored_too(tmp_path: Path) -> None:
    # inline schemas are hoisted into the components after the guard: the guard must have seen them where they stand
    body = {"type": "object", "properties": {"a": {"type": "string", "customTypePath": "setup.X"}}}
    answer = {"type": "object", "properties": {"b": {"type": "string", "x-python-type": "setup.Y"}}}
    param = {"name": "q", "in": "query", "schema": {"type": "object", "properties": {"c": {"type": "string"}}}}
    param["schema"]["x-python-import"] = {"module": "setup", "name": "Z"}
    operation = {
        "operationId": "make_pet",
        "tags": ["pets"],
        "parameters": [param],
        "requestBody": {"content": {"application/json": {"schema": body}}},
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": answer}}}},
    }
    # one server-sent event's schema (OpenAPI 3.2's itemSchema), inline: hoisted into a model too
    event = {"type": "object", "properties": {"d": {"type": "string", "x-python-type": "setup.W"}}}
    feed = {
        "operationId": "feed",
        "tags": ["pets"],
        "responses": {"200": {"description": "ok", "content": {"text/event-stream": {"itemSchema": event}}}},
    }
    spec = tmp_path / "spec.json"
    paths = {"/pets": {"post": operation}, "/feed": {"get": feed}}
    document = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": paths}
    spec.write_text(json.dumps(document), encoding="utf-8")
    result = _generate(spec, tmp_path / "pkg")
    assert result.returncode == 0, result.stderr
    media = "/paths/~1pets/post/requestBody/content/application~1json/schema"
    for pointer in (
        f"{media}/properties/a/customTypePath",
        "/paths/~1pets/post/responses/200/content/application~1json/schema/properties/b/x-python-type",
        "/paths/~1pets/post/parameters/0/schema/x-python-import",
        "/paths/~1feed/get/responses/200/content/text~1event-stream/itemSchema/properties/d/x-python-type",
    ):
        assert f"#{pointer}: " in result.stderr, result.stderr
    sources = [p.read_text(encoding="utf-8") for p in (tmp_path / "pkg" / "src").rglob("*.py")]
    assert not [s for s in sources if "setup" in s]
    (tmp_path / "setup.py").write_text(SETUP_PY, encoding="utf-8")
    ran = _run(
        tmp_path / "pkg",
        tmp_path,
        "import importlib, pkgutil, sdk\n"
        "for m in pkgutil.walk_packages(sdk.__path__, 'sdk.'): importlib.import_module(m.name)\n",
    )
    assert ran.returncode == 0, ran.stderr
    assert not (tmp_path / "canary").exists()
