"""Component schemas -> pydantic models, through datamodel-code-generator used as a library.

The library is imported where it is used: importing it costs a third of a second, which the pipeline pays in
its models process (``generator.models_process``), not in the process that loads the spec and renders.
"""

from __future__ import annotations

import functools
import json
import keyword
import re
import tempfile
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import Problem
from generator.load import escape
from generator.naming import field_name, unique

HEADER = "# Generated from the OpenAPI spec by the SDK generator. Do not edit."


class ModelsError(Exception):
    """datamodel-code-generator could not turn the component schemas into models."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Models:
    modules: dict[str, str]  # module name -> source; one module per model (cycles share one)
    classes: dict[str, str]  # "#/components/schemas/X" -> class name
    fields: dict[str, dict[str, str]]  # class name -> {wire name: python name}
    locations: dict[str, str]  # class name -> module name


def generate_models(data: dict[str, Any], package: str, template_dir: Path) -> Models:
    schemas = data.get("components", {}).get("schemas", {})
    if not schemas:
        return Models(modules={}, classes={}, fields={}, locations={})
    schemas, renamed = _flat_keys(schemas)
    document = {
        "openapi": data.get("openapi", "3.1.0"),
        "info": {"title": "models", "version": "0"},
        "paths": {},
        "components": {"schemas": schemas},
    }
    options = _options(package, template_dir, schemas)
    try:
        # One module per model, so that using one model never imports all of a large API's.
        modules, metadata = _run(document, split=True, **options)
    except ModelsError:
        modules, metadata = {}, {}
    if not modules or not all(map(_usable_module_name, modules)):
        modules, metadata = _run(document, split=False, **options)
    classes = {renamed.get(m["source_ref"], m["source_ref"]): m["class_name"] for m in metadata["models"]}
    fields = {m["class_name"]: {f["alias"]: f["name"] for f in m["fields"]} for m in metadata["models"]}
    single = list(modules) == [SINGLE]
    locations = {m["class_name"]: SINGLE if single else m["module"].rsplit(".", 1)[-1] for m in metadata["models"]}
    return Models(modules=modules, classes=classes, fields=fields, locations=locations)


SINGLE = "_all"  # the module's name when every model shares one
_MAX_MODULE_BYTES = 200  # file names are limited to 255 bytes; ".py" and some margin must fit


@functools.cache
def _model_attributes() -> frozenset[str]:
    import pydantic

    return frozenset(dir(pydantic.BaseModel))


def _usable_module_name(name: str) -> bool:
    """A schema named like a keyword (``class``) makes a module that cannot be imported, and one named like
    a BaseModel attribute (``model_config``) is shadowed inside the class bodies that refer to it; a very long
    schema name makes a file name some file systems refuse."""
    return (
        name.isidentifier()
        and not keyword.iskeyword(name)
        and name not in _model_attributes()
        and len(name.encode("utf-8")) <= _MAX_MODULE_BYTES
    )


def _run(document: dict[str, Any], *, split: bool, **options: Any) -> tuple[dict[str, str], dict[str, Any]]:
    from datamodel_code_generator.enums import ModuleSplitMode

    with tempfile.TemporaryDirectory() as tmp:
        meta = Path(tmp) / "meta.json"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # No output path: the library hands the modules back instead of writing files to be read back.
            generated = _generate(
                document,
                output=None,
                emit_model_metadata=meta,
                module_split_mode=ModuleSplitMode.Single if split else None,
                **options,
            )
        metadata = json.loads(meta.read_text(encoding="utf-8"))
    if isinstance(generated, str):
        sources = {SINGLE: generated}
    else:
        sources = {
            Path(key[-1]).stem: source
            for key, source in sorted((generated or {}).items())
            if len(key) == 1 and key[-1].endswith(".py") and key[-1] != "__init__.py"
        }
    return {name: _defaults_through_validation(source) for name, source in sources.items()}, metadata


def _options(package: str, template_dir: Path, schemas: dict[str, Any]) -> dict[str, Any]:
    from datamodel_code_generator.enums import DataModelType, InputFileType
    from datamodel_code_generator.format import DatetimeClassType, PythonVersion

    return {
        "input_file_type": InputFileType.OpenAPI,
        "output_model_type": DataModelType.PydanticV2BaseModel,
        "target_python_version": PythonVersion.PY_310,
        "custom_template_dir": template_dir,
        "base_class": f"{package}.models._base.Model",
        "additional_imports": [f"{package}.models._base.OpenEnum"],
        "use_subclass_enum": True,
        "use_annotated": True,
        "field_constraints": True,
        "use_standard_collections": True,
        "use_union_operator": True,
        "use_schema_description": True,
        "use_field_description": True,
        "use_double_quotes": True,
        "output_datetime_class": DatetimeClassType.Datetime,
        "disable_timestamp": True,
        "enable_version_header": False,
        "formatters": [],
        "custom_file_header": HEADER,
        "capitalise_enum_members": True,
        "snake_case_field": True,
        "remove_special_field_name_prefix": True,
        "set_default_enum_member": True,
        "strict_nullable": True,
        "aliases": _unstable_names(schemas) or None,
        "collapse_root_models": True,
    }


# ``name: Annotated[module.SomeRootModel | None, Field(..., validate_default=True)] = <a scalar literal>``
_ROOT_DEFAULT = re.compile(
    r"^\s+\w+: Annotated\[(?:\w+\.)?[A-Z]\w*(?: \| None)?, Field\(.*validate_default=True\)\] = [-\w\"'.]+$"
)


_PREFIX = "#/components/schemas/"


def _flat_keys(schemas: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """datamodel-code-generator reads a dot in a schema key as a module path: give such schemas dotless keys.

    Returns the schemas (references rewritten) and new ref -> original ref for the ones renamed.
    """
    dotted = [key for key in schemas if "." in key]
    if not dotted:
        return schemas, {}
    taken = set(schemas)
    new_keys: dict[str, str] = {}
    for key in sorted(dotted):
        candidate, n = key.replace(".", "_"), 2
        while candidate in taken:
            candidate, n = f"{key.replace('.', '_')}_{n}", n + 1
        taken.add(candidate)
        new_keys[key] = candidate
    refs = {_PREFIX + escape(old): _PREFIX + escape(new) for old, new in new_keys.items()}

    def rewrite(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: refs.get(v, v) if k == "$ref" and isinstance(v, str) else rewrite(v) for k, v in node.items()}
        if isinstance(node, list):
            return [rewrite(v) for v in node]
        return node

    flat = {new_keys.get(key, key): rewrite(schema) for key, schema in schemas.items()}
    return flat, {new: old for old, new in refs.items()}


def _unstable_names(schemas: dict[str, Any]) -> dict[str, str]:
    """Property names that Python would silently NFKC-normalise as identifiers (``pª`` is ``pa``) -> ASCII names.

    Such a name used as-is would make the field answer to another wire name; an explicit alias keeps it exact.
    """
    unstable: set[str] = set()
    taken: set[str] = set()
    stack: list[Any] = [schemas]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            props = node.get("properties")
            if isinstance(props, dict):
                for wire in props:
                    if isinstance(wire, str):
                        taken.add(field_name(wire))
                        if unicodedata.normalize("NFKC", wire) != wire:
                            unstable.add(wire)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    # Distinct targets, with a suffix datamodel-code-generator's own naming never produces (it may
    # itself call an odd property ``field_``): two such names must not become the same field.
    return {wire: unique(f"{field_name(wire)}_nfkc", taken) for wire in sorted(unstable)}


def _defaults_through_validation(source: str) -> str:
    """A default that pydantic converts into a root model at runtime (``validate_default``) is not of the
    field's static type; say so to mypy on that line rather than fail ``--strict``."""
    lines = source.split("\n")
    for index, line in enumerate(lines):
        if _ROOT_DEFAULT.match(line):
            lines[index] = f"{line}  # type: ignore[assignment]"
    return "\n".join(lines)


def _generate(document: dict[str, Any], **options: Any) -> str | dict[tuple[str, ...], str] | None:
    from datamodel_code_generator import generate

    try:
        return generate(document, **options)
    except (RecursionError, MemoryError):
        raise ModelsError([Problem("/components/schemas", "the schemas nest too deeply to become models")]) from None
    except Exception as error:  # noqa: BLE001 - whatever the library raises, the spec is what it could not use
        message = " ".join(str(error).split()) or type(error).__name__
        raise ModelsError(
            [Problem("/components/schemas", f"the schemas cannot become models: {message[:500]}")]
        ) from None
