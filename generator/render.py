"""IR -> file texts, through one Jinja environment. Spec strings pass only through the filters here."""

from __future__ import annotations

import math
import re
import shlex
from pathlib import Path
from typing import Any

import jinja2

from generator.errors import SpecError
from generator.file_names import check_paths, file_stem
from generator.ir import Api, ErrorModel, Operation, Parameter, PyType, Resource
from generator.reserved_names import RUNTIME_ERRORS, STATUS_ERRORS
from generator.template_cache import template_cache

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def pyrepr(value: Any) -> str:
    """A Python literal for a string (or other data); repr() output can never break out of itself.

    Non-finite floats (YAML ``.inf``, JSON ``NaN``) have no literal: they become ``float("inf")`` and the like.
    """
    if isinstance(value, float) and not math.isfinite(value):
        return f'float("{value}")'
    if isinstance(value, list):
        return "[" + ", ".join(pyrepr(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{pyrepr(k)}: {pyrepr(v)}" for k, v in value.items()) + "}"
    return repr(value)


def docstring(text: str, indent: int = 4) -> str:
    """Text safe inside a triple-double-quoted docstring, indented for its block."""
    text = _CONTROL.sub("", str(text)).strip().replace("\\", "\\\\")
    # escape each quote that another quote (or the closing quotes) follows: no run of three, no quote at the end
    text = re.sub(r'"(?="|$)', r'\\"', text)
    pad = " " * indent
    return "\n".join((pad + line).rstrip() if i else line.rstrip() for i, line in enumerate(text.splitlines()))


def comment(text: str) -> str:
    return " ".join(_CONTROL.sub("", str(text)).split())


def docfile(name: str) -> str:
    """The file stem of a name's doc page (``docs/models/components/<stem>.md``)."""
    return file_stem(name.lower())


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
    if type_.kind == "literal" and type_.name:  # a named alias of an enum's values
        return f"components.{type_.name}"
    if type_.kind == "literal":
        return "Literal[" + ", ".join(repr(v) for v in type_.values) + "]"
    if type_.kind == "none":
        return "None"
    return "Any"


def doctype(type_: PyType, base: str = "../../") -> str:
    """A type for Markdown docs, with models linked; ``base`` is the path from the page to ``docs/``."""
    if type_.kind == "model":
        return f"[components.{type_.name}]({base}models/components/{docfile(type_.name)}.md)"
    if type_.kind == "list":
        return f"list[{doctype(type_.args[0], base)}]"
    if type_.kind == "dict":
        return f"dict[{doctype(type_.args[0], base)}, {doctype(type_.args[1], base)}]"
    if type_.kind == "union":
        return " \\| ".join(doctype(a, base) for a in type_.args)
    return md(pytype(type_))


def mdcode(text: str) -> str:
    """Inline code for a Markdown table cell: one line, pipes escaped, a fence longer than any backtick run."""
    text = comment(text).replace("|", "\\|")
    runs = [len(r) for r in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def shell(text: str) -> str:
    """One shell word, quoted, on one line."""
    return shlex.quote(comment(text))


def slug(text: str) -> str:
    """GitHub's anchor for a heading: lowercase, punctuation dropped (but ``-`` and ``_``), spaces to ``-``."""
    return re.sub(r"[^\w\- ]", "", comment(text).lower()).replace(" ", "-")


def example(param: Parameter) -> str:
    """A Python literal to pass for ``param`` in docs: the spec's example, else a placeholder of its type."""
    if param.example is not None:
        literal = param.example
    else:
        literal = _placeholder(param.name, param.type)
    # a backtick can only occur inside a string literal, where \x60 means the same and cannot end a fence
    return literal.replace("`", "\\x60")


def _placeholder(name: str, type_: PyType) -> str:
    if type_.kind == "union":
        options = [a for a in type_.args if a.kind != "none"]
        return _placeholder(name, options[0]) if options else "None"
    if type_.kind == "list":
        return "[]"
    if type_.kind == "dict":
        return "{}"
    if type_.kind == "literal" and type_.values:
        return repr(type_.values[0])
    if type_.kind == "builtin":
        return {"int": "0", "float": "0.0", "bool": "False", "bytes": "b''"}.get(
            type_.name, repr("<id>" if name == "id" or name.endswith("_id") else "<value>")
        )
    return "None"


def example_arg(param: Parameter) -> tuple[str, str]:
    return param.name, example(param)


def example_args(op: Operation) -> list[tuple[str, str]]:
    """The keyword arguments a docs example passes: every required parameter, and those with an example that are
    not deprecated (an example should not teach what is on its way out)."""
    return [example_arg(p) for p in op.parameters if p.required or (p.example is not None and not p.deprecated)]


def attr_path(resource: Resource, api: Api) -> str:
    """How the SDK reaches a resource: ``sessions``, or ``sessions.transcript`` for a nested one."""
    if resource.access:
        return resource.access
    by_module = {r.module: r for r in api.resources}
    parts = [resource.name]
    seen = {resource.module}
    while resource.parent in by_module and resource.parent not in seen:
        resource = by_module[resource.parent]
        seen.add(resource.module)
        parts.append(resource.name)
    return ".".join(reversed(parts))


def resource_tree(api: Api) -> list[tuple[int, Resource]]:
    """Every resource once, as (depth, resource): each top-level one followed by its nested ones, depth first."""
    by_module = {r.module: r for r in api.resources}
    ordered: list[tuple[int, Resource]] = []
    seen: set[str] = set()

    def visit(resource: Resource, depth: int) -> None:
        if resource.module in seen:
            return
        seen.add(resource.module)
        ordered.append((depth, resource))
        for child in resource.children:
            if child.module in by_module:
                visit(by_module[child.module], depth + 1)

    for resource in api.resources:
        if resource.parent not in by_module:
            visit(resource, 0)
    for resource in api.resources:  # a parent cycle cannot come from dotted tags; never drop a resource anyway
        visit(resource, 0)
    return ordered


def resource_by_module(api: Api, module: str) -> Resource | None:
    return next((r for r in api.resources if r.module == module), None)


def first_op(api: Api, kind: str) -> tuple[Resource, Operation] | None:
    """(resource, operation) of the first operation that is ``paginated``, a ``stream``, ``events``, ``json``, or
    ``secured``."""
    for resource in api.resources:
        for op in resource.operations:
            if kind == "paginated" and op.pagination is not None:
                return resource, op
            if kind in ("stream", "json", "events") and op.success.kind == kind:
                return resource, op
            if kind == "path" and op.success.kind == "json" and any(p.location == "path" for p in op.parameters):
                return resource, op
            if kind == "secured" and op.required_security:
                return resource, op
    return None


def enum_param(op: Operation) -> tuple[Parameter, str, str | int, str] | None:
    """For the docs: an enum parameter of ``op``, a scalar one first, as (parameter, enum class, its first value,
    that value as the argument's literal)."""
    found = []
    for param in op.parameters:
        named = _named_literal(param.type)
        if named is not None:
            value = named[0].values[0]
            assert isinstance(value, (str, int)) and not isinstance(value, bool)
            argument = f"[{pyrepr(value)}]" if named[1] else pyrepr(value)
            found.append((named[1], (param, named[0].name.removesuffix("Literal"), value, argument)))
    return min(found, key=lambda f: f[0])[1] if found else None


def first_enum_param(api: Api) -> tuple[Resource, Operation, Parameter, str, str | int, str] | None:
    """``enum_param`` of the first JSON operation that has one, with its resource and operation."""
    for resource in api.resources:
        for op in resource.operations:
            found = enum_param(op) if op.success.kind == "json" else None
            if found is not None:
                return (resource, op, *found)
    return None


def _named_literal(type_: PyType, in_list: bool = False) -> tuple[PyType, bool] | None:
    if type_.kind == "literal" and type_.name and type_.values:
        return type_, in_list
    for arg in type_.args if type_.kind in ("union", "list") else ():
        named = _named_literal(arg, in_list or type_.kind == "list")
        if named is not None:
            return named
    return None


def runtime_errors(api: Api) -> list[tuple[str, ErrorModel | None]]:
    """Every exception class of ``models.errors``, with the spec's error model for the parsed ones."""
    names: list[tuple[str, ErrorModel | None]] = [(f"{api.sdk_class}Error", None)]
    names += [(name, None) for name in RUNTIME_ERRORS]
    return names + [(name, None) for name in STATUS_ERRORS] + [(e.class_name, e) for e in api.errors]


def environment(template_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        bytecode_cache=template_cache(),
    )
    env.filters.update(pyrepr=pyrepr, docstring=docstring, comment=comment, md=md, pytype=pytype, doctype=doctype)
    env.filters.update(
        mdcode=mdcode,
        shell=shell,
        slug=slug,
        example=example,
        example_arg=example_arg,
        example_args=example_args,
        first_op=first_op,
        first_enum_param=first_enum_param,
        enum_param=enum_param,
        attr_path=attr_path,
        resource_tree=resource_tree,
        resource_by_module=resource_by_module,
        docfile=docfile,
    )
    env.globals.update(runtime_errors=runtime_errors, status_errors=STATUS_ERRORS)
    for name in env.list_templates(filter_func=lambda n: n.endswith(".jinja")):
        env.get_template(name)  # compile them all now, while the models process is busy
    return env


# The templates that read ``api.model_index`` (the library's modules): rendered once the models are made.
INDEXES = frozenset({"package/{src}/models/components/__init__.py.jinja", "package/{src}/models/__init__.py.jinja"})


def render_all(api: Api, env: jinja2.Environment) -> dict[str, str]:
    """Relative output path -> text, for every file of the package."""
    return checked(render_names(api, env) | render_models(api, env))


def checked(files: dict[str, str]) -> dict[str, str]:
    """``files``, refused (``SpecError``) where two paths are one file on some file system."""
    clashes = check_paths(files)
    if clashes:
        raise SpecError([f"error: {clash}; rename one of the names in the spec" for clash in clashes])
    return files


def render_models(api: Api, env: jinja2.Environment) -> dict[str, str]:
    """The files made of the library's models: their modules and the indexes that import them."""
    src = f"src/{api.package}"
    files = {
        template.removeprefix("package/").removesuffix(".jinja").replace("{src}", src): env.get_template(
            template
        ).render(api=api)
        for template in sorted(INDEXES)
    }
    for module, source in api.model_modules:
        files[f"{src}/models/components/_schemas/{module}.py"] = source
    files[f"{src}/models/components/_schemas/__init__.py"] = (
        '"""One module per component schema; import them through ``components``."""\n'
    )
    return files


def render_names(api: Api, env: jinja2.Environment) -> dict[str, str]:
    """Every file but ``render_models``': what reads only the names, ready before the library has run."""
    files: dict[str, str] = {}
    clashes: list[str] = []  # names that naming failed to keep apart: refused, never one file silently lost
    src = f"src/{api.package}"

    def emit(template: str, out: str, **extra: Any) -> None:
        clashes.extend([f"two files would be {out!r}"] if out in files else [])
        files[out] = env.get_template(template).render(api=api, **extra)

    for template in env.list_templates(filter_func=lambda n: n.startswith("package/")):
        target = template.removeprefix("package/").removesuffix(".jinja")
        if template in INDEXES or any(f"{{{k}}}" in target for k in ("resource", "operation", "model", "error")):
            continue
        emit(template, target.replace("{src}", src))
    for resource in api.resources:
        emit("package/{src}/{resource}.py.jinja", f"{src}/{resource.module}.py", resource=resource)
        emit(
            "package/docs/sdks/{resource}/README.md.jinja", f"docs/sdks/{resource.module}/README.md", resource=resource
        )
        emit("package/tests/test_{resource}.py.jinja", f"tests/test_{resource.module}.py", resource=resource)
        for operation in resource.operations:
            emit(
                "package/{src}/funcs/{operation}.py.jinja",
                f"{src}/funcs/_{operation.module}.py",
                resource=resource,
                operation=operation,
            )
            if operation.parameters:
                emit(
                    "package/{src}/models/operations/_requests/{operation}.py.jinja",
                    f"{src}/models/operations/_requests/{operation.module}.py",
                    resource=resource,
                    operation=operation,
                )
                emit(
                    "package/docs/models/operations/{operation}.md.jinja",
                    f"docs/models/operations/{docfile(operation.request_model)}.md",
                    resource=resource,
                    operation=operation,
                )
    for model in api.models:
        emit(
            "package/docs/models/components/{model}.md.jinja",
            f"docs/models/components/{docfile(model.class_name)}.md",
            model=model,
        )
    for name, error in runtime_errors(api):
        emit(
            "package/docs/models/errors/{error}.md.jinja",
            f"docs/models/errors/{docfile(name)}.md",
            name=name,
            error=error,
        )
    if clashes:
        raise SpecError([f"error: {clash}; rename one of the names in the spec" for clash in clashes])
    return files
