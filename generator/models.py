"""Component schemas -> pydantic models, through datamodel-code-generator used as a library.

The library is imported where it is used: importing it costs a third of a second, which the pipeline pays in
its models process (``generator.models_process``), not in the process that loads the spec and renders.
"""

from __future__ import annotations

import ast
import json
import tempfile
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import naming
from generator.errors import Problem
from generator.load import escape
from generator.naming import field_name, unique
from generator.portable_names import PREFIX as _PREFIX
from generator.portable_names import portable_keys, varname
from generator.schema_values import VALIDATE_DEFAULT
from generator.split import split_models

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
    members: dict[str, dict[str, str]]  # enum class name -> {repr(value): member name}


def generate_models(data: dict[str, Any], package: str, template_dir: Path) -> Models:
    schemas = data.get("components", {}).get("schemas", {})
    if not schemas:
        return Models(modules={}, classes={}, fields={}, locations={}, members={})
    schemas, renamed = portable_keys(schemas)
    document = {
        "openapi": data.get("openapi", "3.1.0"),
        "info": {"title": "models", "version": "0"},
        "paths": {},
        "components": {"schemas": schemas},
    }
    options = _options(package, template_dir, schemas)
    source, metadata = _run(document, **options)
    tree = ast.parse(source)
    classes = {_original(m["source_ref"], renamed): m["class_name"] for m in metadata["models"]}
    fields = {m["class_name"]: {f["alias"]: f["name"] for f in m["fields"]} for m in metadata["models"]}
    split = split_models(source, tree, HEADER)
    modules, locations = split if split is not None else ({SINGLE: source}, dict.fromkeys(fields, SINGLE))
    return Models(modules=modules, classes=classes, fields=fields, locations=locations, members=_enum_members(tree))


def _original(ref: str, renamed: dict[str, str]) -> str:
    """The spec's reference for one the library saw: a renamed key's inline models (``.../properties/owner``)
    sit under the new key too, and the docs look them up in the spec."""
    key_end = ref.find("/", len(_PREFIX))
    key = ref if key_end < 0 else ref[:key_end]
    return renamed[key] + ref[len(key) :] if key in renamed else ref


def guess_models(data: dict[str, Any]) -> Models:
    """The class, field and enum member names the library will most likely give the component schemas (naming's
    mirrors of its rules), without running it: what the pipeline renders with while the library runs."""
    schemas = data.get("components", {}).get("schemas", {})
    if not isinstance(schemas, dict) or not schemas:
        return Models(modules={}, classes={}, fields={}, locations={}, members={})
    flat, renamed = portable_keys(schemas)
    classes: dict[str, str] = {}
    fields: dict[str, dict[str, str]] = {}
    members: dict[str, dict[str, str]] = {}
    taken: set[str] = set()
    for key, schema in flat.items():
        if not isinstance(schema, dict) or not _makes_class(schema):
            continue
        cls = naming.library_class(key, taken)
        if cls is None:
            continue
        ref = _PREFIX + escape(key)
        classes[renamed.get(ref, ref)] = cls
        props = schema.get("properties")
        if isinstance(props, dict):
            names: set[str] = set()
            fields[cls] = {
                wire: name
                for wire in props
                if isinstance(wire, str) and (name := naming.library_field(wire, names)) is not None
            }
        values = schema.get("enum")
        if isinstance(values, list):
            used: set[str] = set()
            members[cls] = {
                repr(value): member
                for index, value in enumerate(values)
                if isinstance(value, str)
                and (member := naming.library_member(varname(schema, index) or value, used)) is not None
            }
    return Models(modules={}, classes=classes, fields=fields, locations={}, members=members)


def _makes_class(schema: dict[str, Any]) -> bool:
    return (
        isinstance(schema.get("enum"), list)
        or schema.get("type") == "object"
        or isinstance(schema.get("properties"), dict)
    )


def _enum_members(tree: ast.Module) -> dict[str, dict[str, str]]:
    """Enum class -> {repr(value): member name}, read from the library's module."""
    members: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and any("Enum" in ast.unparse(base) for base in node.bases):
            for stmt in node.body:
                if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                    if isinstance(stmt.value, ast.Constant):
                        members.setdefault(node.name, {})[repr(stmt.value.value)] = stmt.targets[0].id
    return members


SINGLE = "_all"  # the module's name when every model shares one
FOREIGN_FORMATS = ("email", "idn-email", "ulid")


def _run(document: dict[str, Any], **options: Any) -> tuple[str, dict[str, Any]]:
    """The library's one module of models, and its metadata (class and field names by schema)."""
    with tempfile.TemporaryDirectory() as tmp:
        meta = Path(tmp) / "meta.json"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # No output path: the library hands the module back instead of writing a file to be read back.
            generated = _generate(document, output=None, emit_model_metadata=meta, **options)
        metadata = json.loads(meta.read_text(encoding="utf-8"))
    if not isinstance(generated, str):
        raise ModelsError([Problem("/components/schemas", "the schemas cannot become models: no module came back")])
    return generated, metadata


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
        # formats the library types with a module outside httpx and pydantic: `from ulid import ULID` would run a
        # ulid.py of the working directory, EmailStr needs email-validator (tests/test_spec_extensions.py)
        "type_mappings": [f"{name}=string" for name in FOREIGN_FORMATS],
        # a default pydantic converts at runtime (a date field's "2020-01-02"), marked by generator.schema_values
        "field_extra_keys_without_x_prefix": [VALIDATE_DEFAULT],
    }


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
