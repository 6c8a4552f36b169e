"""Component schemas -> pydantic models, through datamodel-code-generator used as a library."""

from __future__ import annotations

import json
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datamodel_code_generator import generate
from datamodel_code_generator.enums import DataModelType, InputFileType
from datamodel_code_generator.format import DatetimeClassType, PythonVersion

HEADER = "# Generated from the OpenAPI spec by the SDK generator. Do not edit."


@dataclass(frozen=True)
class Models:
    source: str  # the components module
    classes: dict[str, str]  # "#/components/schemas/X" -> class name
    fields: dict[str, dict[str, str]]  # class name -> {wire name: python name}


def generate_models(data: dict[str, Any], package: str, template_dir: Path) -> Models:
    schemas = data.get("components", {}).get("schemas", {})
    if not schemas:
        return Models(source=f"{HEADER}\n", classes={}, fields={})
    document = {
        "openapi": data.get("openapi", "3.1.0"),
        "info": {"title": "models", "version": "0"},
        "paths": {},
        "components": {"schemas": schemas},
    }
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "models.py"
        meta = Path(tmp) / "meta.json"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            generate(
                document,
                input_file_type=InputFileType.OpenAPI,
                output=out,
                emit_model_metadata=meta,
                output_model_type=DataModelType.PydanticV2BaseModel,
                target_python_version=PythonVersion.PY_310,
                custom_template_dir=template_dir,
                base_class=f"{package}.models._base.Model",
                additional_imports=[f"{package}.models._base.OpenEnum"],
                use_subclass_enum=True,
                use_annotated=True,
                field_constraints=True,
                use_standard_collections=True,
                use_union_operator=True,
                use_schema_description=True,
                use_field_description=True,
                use_double_quotes=True,
                output_datetime_class=DatetimeClassType.Datetime,
                disable_timestamp=True,
                enable_version_header=False,
                formatters=[],
                custom_file_header=HEADER,
                capitalise_enum_members=True,
                snake_case_field=True,
                remove_special_field_name_prefix=True,
            )
        metadata = json.loads(meta.read_text(encoding="utf-8"))
        source = out.read_text(encoding="utf-8")
    classes = {m["source_ref"]: m["class_name"] for m in metadata["models"]}
    fields = {m["class_name"]: {f["alias"]: f["name"] for f in m["fields"]} for m in metadata["models"]}
    return Models(source=source, classes=classes, fields=fields)
