"""IR -> file texts, through one Jinja environment. Spec strings pass only through the filters here."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2

from generator.ir import Api, PyType

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def pyrepr(value: Any) -> str:
    """A Python literal for a string (or other data); repr() output can never break out of itself."""
    return repr(value)


def docstring(text: str, indent: int = 4) -> str:
    """Text safe inside a triple-double-quoted docstring, indented for its block."""
    text = _CONTROL.sub("", str(text)).replace("\\", "\\\\").replace('"""', '\\"\\"\\"').strip()
    if text.endswith('"'):
        text = text[:-1] + '\\"'
    pad = " " * indent
    return "\n".join((pad + line).rstrip() if i else line.rstrip() for i, line in enumerate(text.splitlines()))


def comment(text: str) -> str:
    return " ".join(_CONTROL.sub("", str(text)).split())


def md(text: str) -> str:
    """Text safe in a Markdown table cell or on one line."""
    return comment(text).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def pytype(type_: PyType, shadowed: frozenset[str] | set[str] = frozenset()) -> str:
    def name(n: str) -> str:
        return f"builtins.{n}" if n in shadowed else n

    if type_.kind == "builtin":
        return name(type_.name)
    if type_.kind == "model":
        return f"components.{type_.name}"
    if type_.kind == "list":
        return f"{name('list')}[{pytype(type_.args[0], shadowed)}]"
    if type_.kind == "dict":
        return f"{name('dict')}[{pytype(type_.args[0], shadowed)}, {pytype(type_.args[1], shadowed)}]"
    if type_.kind == "union":
        return " | ".join(pytype(a, shadowed) for a in type_.args)
    if type_.kind == "literal":
        return "Literal[" + ", ".join(repr(v) for v in type_.values) + "]"
    if type_.kind == "none":
        return "None"
    return "Any"


def doctype(type_: PyType) -> str:
    """A type for Markdown docs, with models linked."""
    if type_.kind == "model":
        return f"[components.{type_.name}](../../models/components/{type_.name.lower()}.md)"
    if type_.kind == "list":
        return f"list[{doctype(type_.args[0])}]"
    if type_.kind == "union":
        return " \\| ".join(doctype(a) for a in type_.args)
    return md(pytype(type_))


def uses(type_: PyType, kind: str, name: str = "") -> bool:
    if type_.kind == kind and (not name or type_.name.startswith(name)):
        return True
    return any(uses(a, kind, name) for a in type_.args)


def environment(template_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters.update(pyrepr=pyrepr, docstring=docstring, comment=comment, md=md, pytype=pytype, doctype=doctype)
    env.tests.update(uses=uses)
    return env


def render_all(api: Api, template_dir: Path) -> dict[str, str]:
    """Relative output path -> text, for every file of the package."""
    env = environment(template_dir)
    files: dict[str, str] = {}
    src = f"src/{api.package}"

    def emit(template: str, out: str, **extra: Any) -> None:
        files[out] = env.get_template(template).render(api=api, **extra)

    for template in env.list_templates(filter_func=lambda n: n.startswith("package/")):
        target = template.removeprefix("package/").removesuffix(".jinja")
        if "{resource}" in target or "{operation}" in target or "{model}" in target:
            continue
        emit(template, target.replace("{src}", src))
    for resource in api.resources:
        emit("package/{src}/{resource}.py.jinja", f"{src}/{resource.module}.py", resource=resource)
        emit(
            "package/docs/sdks/{resource}/README.md.jinja", f"docs/sdks/{resource.module}/README.md", resource=resource
        )
        for operation in resource.operations:
            emit(
                "package/{src}/funcs/{operation}.py.jinja",
                f"{src}/funcs/{operation.function_name}.py",
                resource=resource,
                operation=operation,
            )
    files[f"{src}/models/components/__init__.py"] = api.models_source
    return files
