"""IR -> file texts, through one Jinja environment: which template makes which file, and the refusal of two files
that would be one. Spec strings pass only through the filters of ``filters``; templates query the IR through
``template_queries``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from generator.errors import SpecError
from generator.file_names import check_paths
from generator.filters import comment, docfile, docstring, doctype, md, mdcode, pyrepr, pytype, shell, slug
from generator.ir import Api
from generator.reserved_names import STATUS_ERRORS
from generator.template_cache import template_cache
from generator.template_queries import (
    attr_path,
    enum_param,
    example,
    example_arg,
    example_args,
    first_enum_param,
    first_op,
    resource_by_module,
    resource_tree,
    runtime_errors,
)


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
