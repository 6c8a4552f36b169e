"""Component schemas -> pydantic models, through datamodel-code-generator used as a library.

The library is imported where it is used: importing it costs a third of a second, which the pipeline pays in
its models process (``generator.models_process``), not in the process that loads the spec and renders.
"""

from __future__ import annotations

import ast
import json
import tempfile
import warnings
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from generator.class_shapes import makes_class
from generator.errors import Problem
from generator.hoist import Names, hoist
from generator.pointers import SCHEMAS_REF, escape, unescape
from generator.portable_names import portable_keys
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


def named(names: Names) -> Models:
    """The models as the IR needs them before the library has run: every name is decided already (``hoist``)."""
    return Models(modules={}, classes=names.classes, fields=names.fields, locations={}, members=names.members)


def generate_models(data: dict[str, Any], package: str, template_dir: Path, names: Names | None = None) -> Models:
    """The library's modules of the component schemas, made with the class, field and member names of ``names``
    (else ``hoist``'s, which changes ``data``: build the IR from it after); :class:`NamingError` if it used others."""
    names = hoist(data) if names is None else names
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
    by_key = {}
    for key in schemas:
        ref = SCHEMAS_REF + escape(key)
        by_key[key] = names.classes[renamed.get(ref, ref)]
    options = _options(package, template_dir)
    options["custom_class_name_generator"] = lambda name: by_key.get(name, name)
    options["aliases"] = {
        f"{cls}.{wire}": field
        for cls, fields in names.fields.items()
        for wire, field in fields.items()
        if field != wire
    }
    source, metadata = _run(document, **options)
    _check(metadata, names, renamed, data)
    tree = ast.parse(source)
    split = split_models(source, tree, HEADER)
    classes = [m["class_name"] for m in metadata["models"]]
    modules, locations = split if split is not None else ({SINGLE: source}, dict.fromkeys(classes, SINGLE))
    return replace(named(names), modules=modules, locations=locations)


class NamingError(RuntimeError):
    """datamodel-code-generator did not use a name it was given: a generator bug, never the spec's fault."""


def _object_class(schema: dict[str, Any]) -> bool:
    """An object schema the library makes a class of even without properties; one of only
    ``additionalProperties`` is a ``dict`` instead."""
    return schema.get("type") == "object" and not isinstance(schema.get("additionalProperties"), dict)


_EXTRA = "__pydantic_extra__"


def _check(metadata: dict[str, Any], names: Names, renamed: dict[str, str], data: dict[str, Any]) -> None:
    """Every class, field and member the library made has the name decided for it, and every class schema has one."""
    wrong: list[str] = []
    made = set()
    for model in metadata["models"]:
        ref = _original(model["source_ref"], renamed)
        cls = model["class_name"]
        made.add(ref)
        if names.classes.get(ref) != cls:
            wrong.append(f"{ref} became class {cls!r}, not {names.classes.get(ref)!r}")
            continue
        if cls in names.members:
            got = {f["name"] for f in model["fields"]}
            if not set(names.members[cls].values()) <= got:
                wrong.append(f"enum {cls} has members {sorted(got)}, not {sorted(names.members[cls].values())}")
            continue
        decided = names.fields.get(cls, {})
        if not decided and [f["name"] for f in model["fields"]] == ["root"]:
            continue  # a root model: no fields of its own
        for field in model["fields"]:
            if field["name"] == field["alias"] == _EXTRA and _EXTRA not in decided:
                continue  # pydantic's typed ``additionalProperties``, not a property
            if decided.get(field["alias"]) != field["name"]:
                wrong.append(
                    f"{cls}: {field['alias']!r} became field {field['name']!r}, not {decided.get(field['alias'])!r}"
                )
    schemas = data.get("components", {}).get("schemas", {})
    for ref, cls in names.classes.items():
        schema = schemas.get(unescape(ref[len(SCHEMAS_REF) :]))
        if (
            ref not in made
            and isinstance(schema, dict)
            and (makes_class(schema) or _object_class(schema) or "allOf" in schema)
        ):
            wrong.append(f"{ref} ({cls}) made no class")
    if wrong:
        raise NamingError(
            "internal error: datamodel-code-generator did not use the names given: " + "; ".join(wrong[:20])
        )


def _original(ref: str, renamed: dict[str, str]) -> str:
    """The spec's reference for one the library saw (a key ``portable_keys`` renamed)."""
    return renamed.get(ref, ref)


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


def _options(package: str, template_dir: Path) -> dict[str, Any]:
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
        "collapse_root_models": True,
        # a subclass narrows an enum-typed discriminator to its member (`Literal[Kind.CAT]`), not to a string literal
        # that mypy finds incompatible with the base class's enum field (azure digitaltwins)
        "use_enum_values_in_discriminator": True,
        # formats the library types with a module outside httpx and pydantic: `from ulid import ULID` would run a
        # ulid.py of the working directory, EmailStr needs email-validator (tests/test_spec_extensions.py)
        "type_mappings": [f"{name}=string" for name in FOREIGN_FORMATS],
        # a default pydantic converts at runtime (a date field's "2020-01-02"), marked by generator.schema_values
        "field_extra_keys_without_x_prefix": [VALIDATE_DEFAULT],
    }


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
