"""Splitting the library's one module of models into one module per model (generator/split.py)."""

from __future__ import annotations

import ast
import importlib
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.split import split_models


def split(source: str) -> tuple[dict[str, str], dict[str, str]] | None:
    return split_models(source, ast.parse(source), HEADER)


HEADER = "# header"

SOURCE = textwrap.dedent(
    '''\
    # the library's own header comment, dropped
    from __future__ import annotations

    from enum import Enum
    from typing import Annotated

    from pydantic import BaseModel, Field, RootModel


    class Color(Enum):
        RED = "red"


    class Leaf(BaseModel):
        color: Color | None = None


    class Node(BaseModel):
        """A tree node: Node and Tree refer to each other."""

        tree: Tree | None = None
        leaf: Annotated[list[Leaf], Field(title="Leaves")] = []


    class Special(Leaf):
        pass


    class Tree(BaseModel):
        root: "Node"


    Count = RootModel[int]


    Node.model_rebuild()
    Tree.model_rebuild()
    '''
)


@pytest.fixture
def package(tmp_path: Path) -> Iterator[Callable[[dict[str, str]], str]]:
    """A helper writing modules into a fresh importable package; it returns the package's name."""

    def write(modules: dict[str, str]) -> str:
        name = f"splitpkg_{len(list(tmp_path.iterdir()))}"
        root = tmp_path / name
        root.mkdir()
        (root / "__init__.py").write_text("", encoding="utf-8")
        for module, text in modules.items():
            (root / f"{module}.py").write_text(text, encoding="utf-8")
        return name

    sys.path.insert(0, str(tmp_path))
    yield write
    sys.path.remove(str(tmp_path))
    for name in [m for m in sys.modules if m.startswith("splitpkg_")]:
        del sys.modules[name]


def test_one_module_per_model_and_one_per_cycle() -> None:
    result = split(SOURCE)
    assert result is not None
    modules, locations = result
    assert locations == {
        "Color": "color",
        "Leaf": "leaf",
        "Node": "node",
        "Tree": "node",  # a cycle shares the module of its first member
        "Special": "special",
        "Count": "count",
    }
    assert sorted(modules) == ["color", "count", "leaf", "node", "special"]
    node = modules["node"]
    assert node.startswith(HEADER + "\n\nfrom __future__ import annotations\n")
    assert "from .leaf import Leaf" in node and "from .color" not in node
    assert node.index("class Node") < node.index("class Tree") < node.index("Node.model_rebuild()")
    assert '"""A tree node: Node and Tree refer to each other."""' in node
    assert "from .leaf import Leaf" in modules["special"]  # a base class is imported like any other use
    assert "the library's own header" not in "".join(modules.values())


def test_each_module_imports_on_its_own_and_validates(package: Callable[[dict[str, str]], str]) -> None:
    result = split(SOURCE)
    assert result is not None
    modules, _ = result
    name = package(modules)
    for module in sorted(modules):
        for loaded in [m for m in sys.modules if m.startswith(f"{name}.")]:
            del sys.modules[loaded]
        importlib.import_module(f"{name}.{module}")
    node = importlib.import_module(f"{name}.node")
    tree = node.Tree.model_validate({"root": {"leaf": [{"color": "red"}], "tree": None}})
    assert tree.root.leaf[0].color.value == "red"
    assert importlib.import_module(f"{name}.special").Special.model_validate({}).color is None


def test_a_statement_it_cannot_place_keeps_the_one_module() -> None:
    assert split(SOURCE + "\nprint('hello')\n") is None
    assert split(SOURCE + "\nif True:\n    X = 1\n") is None
    assert split("from typing import Any\n") is None  # nothing to split


def test_module_names_are_distinct_identifiers() -> None:
    source = "class HTTPError:\n    pass\n\n\nclass HttpError:\n    pass\n\n\nclass Class:\n    pass\n\n\nclass " + (
        "Very" * 40 + ":\n    pass\n"
    )
    result = split(source)
    assert result is not None
    modules, locations = result
    assert locations["HTTPError"] == "http_error" and locations["HttpError"] == "http_error_2"
    assert locations["Class"] == "class_"
    assert all(m.isidentifier() and len(m) <= 64 for m in modules)
