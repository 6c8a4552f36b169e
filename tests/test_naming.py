"""Every identifier ``generator.naming`` makes is a valid, non-keyword Python name, and distinct where it must be."""

from __future__ import annotations

import keyword

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import naming

# names that stress the rules: keywords, builtins, pydantic attributes, digits, separators, quotes, non-ASCII
TRICKY = [
    "class",
    "from",
    "import",
    "None",
    "True",
    "match",
    "type",
    "_",
    "list",
    "dict",
    "model_config",
    "model_fields",
    "json",
    "copy",
    "schema",
    "validate",
    "1st",
    "123",
    "a b",
    "a-b",
    "a.b",
    "a_b",
    'a"b',
    "a'b",
    "ñame",
    "名前",
    "",
    " ",
    "__init__",
    "self",
    "💥",
]
names = st.one_of(st.sampled_from(TRICKY), st.text(max_size=20))


def valid(name: str) -> bool:
    return name.isidentifier() and not keyword.iskeyword(name) and not keyword.issoftkeyword(name)


@settings(max_examples=500, deadline=None)
@given(names)
def test_every_maker_gives_a_valid_identifier(text: str) -> None:
    for make in (naming.snake, naming.pascal, naming.field_name):
        assert valid(make(text)), (make.__name__, text, make(text))
    assert valid(naming.method_name(text, "tag.sub"))
    assert valid(naming.attribute(text, set(), reserved=naming.SDK_ATTRIBUTES))
    assert valid(naming.class_name(text, set(), reserved=naming.RESOURCE_MODULE_NAMES))


@settings(max_examples=300, deadline=None)
@given(st.lists(names, max_size=12))
def test_names_that_collide_after_normalisation_stay_distinct(texts: list[str]) -> None:
    taken: set[str] = set()
    made = [naming.unique(naming.field_name(t), taken) for t in texts]
    assert len(set(made)) == len(made)
    classes: set[str] = set()
    made = [naming.class_name(t, classes) for t in texts]
    assert len(set(made)) == len(made)


def test_field_names_avoid_model_attributes_and_annotation_names() -> None:
    for wire in ("model_config", "model_dump", "json", "copy", "schema", "dict", "list", "datetime", "components"):
        name = naming.field_name(wire)
        assert name != wire and valid(name), name


def test_method_names_drop_the_repeated_tag() -> None:
    assert naming.method_name("sessions_list", "sessions") == "list"
    assert naming.method_name("session_get_by_id", "sessions") == "get_by_id"
    assert naming.method_name("session_transcript_get_by_id", "sessions.transcript") == "get_by_id"
    assert naming.method_name("insights_upload_list_files", "insights.folders") == "upload_list_files"
    assert naming.method_name("channels_twilio_numbers_add", "channels.twilio.numbers") == "add"
    assert naming.method_name("generate_session_recording_urls", "sessions") == "generate_session_recording_urls"
    assert naming.method_name("import", "x") == "import_"


def test_resources_avoid_sdk_attributes_and_package_modules() -> None:
    assert naming.attribute("close", set(), reserved=naming.SDK_ATTRIBUTES) != "close"
    assert naming.attribute("models", set(), reserved=naming.PACKAGE_MODULES) != "models"
    assert naming.class_name("mapping", set(), reserved=naming.RESOURCE_MODULE_NAMES) != "Mapping"
