"""Every identifier ``generator.naming`` makes is a valid, non-keyword Python name, and distinct where it must be."""

from __future__ import annotations

import json
import keyword
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import TEMPLATES, naming, reserved_names
from generator.build import build_api
from generator.config import load_config
from generator.hoist import Names, hoist
from generator.models import Models, NamingError, _check, generate_models

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
    assert valid(naming.attribute(text, set(), reserved=reserved_names.SDK_ATTRIBUTES))
    assert valid(naming.class_name(text, set(), reserved=reserved_names.RESOURCE_MODULE_NAMES))


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
    assert naming.attribute("close", set(), reserved=reserved_names.SDK_ATTRIBUTES) != "close"
    assert naming.attribute("models", set(), reserved=reserved_names.PACKAGE_MODULES) != "models"
    assert naming.class_name("mapping", set(), reserved=reserved_names.RESOURCE_MODULE_NAMES) != "Mapping"


# -- the names of the models (generator/hoist.py): one construct per test, its spec inline ---------------------------

REF = "#/components/schemas/"
OBJECT = {"type": "object", "properties": {"name": {"type": "string"}}}


def spec(paths: dict[str, Any] | None = None, schemas: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": paths or {},
        "components": {"schemas": schemas or {}},
    }


def operation(**parts: Any) -> dict[str, Any]:
    return {"operationId": "create_agent", "responses": {"204": {"description": "none"}}, **parts}


def hoisted(data: dict[str, Any]) -> tuple[Names, dict[str, Any]]:
    names = hoist(data)
    return names, data["components"]["schemas"]


def library(data: dict[str, Any]) -> Models:
    """The library's models made with the names decided: it raises if it used others."""
    return generate_models(data, "pkg", TEMPLATES / "datamodel")


def test_an_inline_request_body_becomes_the_operations_body_model() -> None:
    body = {"content": {"application/json": {"schema": json.loads(json.dumps(OBJECT))}}}
    data = spec({"/agents": {"post": operation(requestBody=body)}})
    names, schemas = hoisted(data)
    assert data["paths"]["/agents"]["post"]["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": REF + "CreateAgentBody"
    }
    assert schemas["CreateAgentBody"] == OBJECT
    assert names.classes[REF + "CreateAgentBody"] == "CreateAgentBody"
    assert library(data).modules


def test_an_inline_response_becomes_the_operations_response_model() -> None:
    ok = {"200": {"description": "ok", "content": {"application/json": {"schema": dict(OBJECT)}}}}
    bad = {"400": {"description": "bad", "content": {"application/json": {"schema": dict(OBJECT)}}}}
    data = spec({"/sessions": {"get": {"operationId": "sessions_list", "responses": ok | bad}}})
    names, _ = hoisted(data)
    assert set(names.classes.values()) == {"SessionsListResponse", "SessionsListResponse400"}


def test_a_nested_inline_property_is_named_by_its_class_and_property() -> None:
    voice = {"type": "object", "properties": {"speed": {"type": "number"}}, "description": "How it sounds."}
    schemas = {"AgentConfig": {"type": "object", "properties": {"voice": voice}}}
    data = spec(schemas=schemas)
    names, hoisted_schemas = hoisted(data)
    assert hoisted_schemas["AgentConfig"]["properties"]["voice"] == {
        "$ref": REF + "AgentConfigVoice",
        "description": "How it sounds.",  # the field keeps what it means
    }
    assert names.fields["AgentConfigVoice"] == {"speed": "speed"}
    models = library(data)
    assert models.locations["AgentConfigVoice"]


def test_an_inline_array_item_is_named_item() -> None:
    items = {"type": "array", "items": dict(OBJECT)}
    data = spec(schemas={"Team": {"type": "object", "properties": {"members": items}}})
    names, schemas = hoisted(data)
    assert schemas["Team"]["properties"]["members"]["items"] == {"$ref": REF + "TeamMembersItem"}
    assert "TeamMembersItem" in names.classes.values()
    library(data)


def test_union_members_are_options_and_a_lone_class_takes_the_unions_name() -> None:
    pet = {"oneOf": [dict(OBJECT), {"type": "object", "properties": {"bark": {"type": "boolean"}}}]}
    rate = {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}]}
    data = spec(schemas={"Owner": {"type": "object", "properties": {"pet": pet, "rate": rate}}})
    names, _ = hoisted(data)
    assert {"OwnerPetOption1", "OwnerPetOption2", "OwnerRate"} <= set(names.classes.values())
    library(data)


def test_an_inline_enum_gets_a_class_and_member_names() -> None:
    param = {"name": "order_by", "in": "query", "schema": {"type": "string", "enum": ["created-at", "2x", "name"]}}
    data = spec({"/sessions": {"get": {"operationId": "sessions_list", "parameters": [param], "responses": {}}}})
    names, schemas = hoisted(data)
    assert names.members["SessionsListOrderBy"] == {"'created-at'": "CREATED_AT", "'2x'": "VALUE_2_X", "'name'": "NAME"}
    assert schemas["SessionsListOrderBy"]["x-enum-varnames"] == ["CREATED_AT", "VALUE_2_X", "NAME"]
    assert library(data).members == names.members


def test_a_hoisted_name_taken_by_a_component_gets_a_number() -> None:
    body = {"content": {"application/json": {"schema": dict(OBJECT)}}}
    data = spec({"/agents": {"post": operation(requestBody=body)}}, {"CreateAgentBody": {"type": "string"}})
    names, schemas = hoisted(data)
    assert schemas["CreateAgentBody"] == {"type": "string"}
    assert names.classes[REF + "CreateAgentBody2"] == "CreateAgentBody2"


def test_a_free_form_object_stays_a_dict_without_a_warning() -> None:
    free = {"type": "object", "additionalProperties": {"type": "integer"}}
    body = {"required": True, "content": {"application/json": {"schema": free}}}
    data = spec({"/agents": {"post": operation(requestBody=body)}})
    names, _ = hoisted(data)
    assert not names.classes
    api, warnings = build_api(data, load_config(None), library(data))
    assert not warnings
    param = next(p for r in api.resources for o in r.operations for p in o.parameters if p.wire_name == "body")
    assert param.type.kind == "dict"


def test_a_free_form_object_component_is_a_dict_the_library_agrees_on() -> None:
    headers = {"type": "object", "additionalProperties": {"type": "string"}}
    echo = {"type": "object", "properties": {"headers": {"$ref": REF + "Headers"}}}
    data = spec(schemas={"Echo": echo, "Headers": headers})
    hoist(data)
    models = library(data)
    assert set(models.modules) == {"echo"} and "dict[str, str]" in models.modules["echo"]


def test_field_names_are_decided_and_handed_to_the_library() -> None:
    props = {"displayName": {"type": "string"}, "json": {"type": "string"}, "class": {"type": "string"}}
    data = spec(schemas={"Agent": {"type": "object", "properties": props}})
    names, _ = hoisted(data)
    assert names.fields["Agent"] == {"displayName": "display_name", "json": "json_", "class": "class_"}
    assert library(data).fields == names.fields


def test_a_name_the_library_did_not_use_is_an_internal_error() -> None:
    data = spec(schemas={"Agent": dict(OBJECT)})
    names = hoist(data)
    wrong = Names(names.classes, {"Agent": {"name": "title"}}, {})
    library_names = generate_models(data, "pkg", TEMPLATES / "datamodel", wrong).fields
    assert library_names["Agent"] == {"name": "title"}
    metadata = {"models": [{"source_ref": REF + "Agent", "class_name": "Other", "fields": []}]}
    with pytest.raises(NamingError, match="#/components/schemas/Agent became class 'Other', not 'Agent'"):
        _check(metadata, names, {}, data)
    renamed_field = {"source_ref": REF + "Agent", "class_name": "Agent", "fields": [{"alias": "name", "name": "nm"}]}
    with pytest.raises(NamingError, match="'name' became field 'nm', not 'name'"):
        _check({"models": [renamed_field]}, names, {}, data)
    told_other = Names({REF + "Agent": "Agent"}, {"Agent": {"other": "other"}}, {})
    with pytest.raises(NamingError, match="'name' became field 'name', not None"):
        generate_models(data, "pkg", TEMPLATES / "datamodel", told_other)


def test_a_constrained_scalar_item_in_a_component_is_a_class_of_its_own() -> None:
    size = {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2}
    host = {"allOf": [{"type": "object", "properties": {"ConsoleSize": size}}]}
    tags = {"type": "object", "additionalProperties": {"type": "string", "maxLength": 3}}
    data = spec(schemas={"HostConfig": host, "Tags": tags})
    names, schemas = hoisted(data)
    assert schemas["HostConfig"]["allOf"][0]["properties"]["ConsoleSize"]["items"] == {
        "$ref": REF + "HostConfigConsoleSizeItem"
    }
    assert schemas["Tags"]["additionalProperties"] == {"$ref": REF + "TagsValue"}
    assert {"HostConfigConsoleSizeItem", "TagsValue"} <= set(library(data).locations)


def test_an_enum_holding_null_is_one_nullable_enum_class() -> None:
    access = {"type": "string", "enum": ["playable", "blocked", None], "nullable": True}
    data = spec(schemas={"Track": {"type": "object", "required": ["access"], "properties": {"access": access}}})
    names, schemas = hoisted(data)
    assert schemas["TrackAccess"]["enum"] == ["playable", "blocked"] and schemas["TrackAccess"]["nullable"]
    assert names.members["TrackAccess"] == {"'playable'": "PLAYABLE", "'blocked'": "BLOCKED"}
    models = library(data)
    assert models.members == names.members and "access: TrackAccess | None" in models.modules["track"]


def test_fields_an_allof_subclass_restates_keep_the_parents_names() -> None:
    kind = {"type": "string", "enum": ["EventGrid", "EventHub"]}
    endpoint = {
        "type": "object",
        "discriminator": {"propertyName": "endpointType"},
        "properties": {"endpointType": kind, "createdTime": {"type": "string"}},
        "required": ["endpointType"],
    }
    grid = {"allOf": [{"$ref": REF + "Endpoint"}, {"type": "object", "properties": {"accessKey": {"type": "string"}}}]}
    described = {"allOf": [{"$ref": REF + "Endpoint"}], "required": ["createdTime"], "type": "object"}
    data = spec(schemas={"Endpoint": endpoint, "EventGrid": grid, "Described": described})
    names, _ = hoisted(data)
    assert names.fields["EventGrid"] == {
        "endpointType": "endpoint_type",
        "createdTime": "created_time",
        "accessKey": "access_key",
    }
    assert names.fields["Described"] == names.fields["Endpoint"]
    assert library(data).fields == names.fields


def test_a_type_beside_a_ref_and_items_of_an_object_make_no_class() -> None:
    status = {"$ref": REF + "Status", "type": "string", "nullable": True}  # twilio's
    prices = {"type": "object", "items": {"$ref": REF + "Status"}}  # mercedes-benz's
    flow = {"type": "object", "properties": {"status": status, "prices": prices}}
    data = spec(schemas={"Status": {"type": "string", "enum": ["draft", "published"]}, "Flow": flow})
    names, schemas = hoisted(data)
    assert schemas["Flow"]["properties"] == {
        "status": {"$ref": REF + "Status", "nullable": True},
        "prices": {"type": "object"},
    }
    assert "status: Status | None" in library(data).modules["flow"]


def test_properties_of_an_array_make_no_class() -> None:
    pair = {"type": "object", "properties": {"name": {"type": "string"}}}
    body = {"type": "array", "items": {"$ref": REF + "Pair"}, "properties": {"name": {"type": "string"}}}  # vtex's
    content = {"content": {"application/json": {"schema": body}}}
    data = spec({"/data": {"post": operation(requestBody=content)}}, {"Pair": pair})
    names, _ = hoisted(data)
    assert data["paths"]["/data"]["post"]["requestBody"]["content"]["application/json"]["schema"] == {
        "type": "array",
        "items": {"$ref": REF + "Pair"},
    }
    assert set(names.classes.values()) == {"Pair"}
    library(data)


def test_typed_additional_properties_beside_properties_are_no_field_to_name() -> None:
    board = {"type": "object", "properties": {"focusId": {"type": "integer"}}, "additionalProperties": OBJECT}
    data = spec(schemas={"Leaderboard": board})  # bungie's
    names, _ = hoisted(data)
    assert names.fields["Leaderboard"] == {"focusId": "focus_id"}
    assert "__pydantic_extra__" in library(data).modules["leaderboard"]


def test_a_union_that_only_says_which_properties_are_required_makes_no_class() -> None:
    props = {"reviewers": {"type": "string"}, "team_reviewers": {"type": "string"}}
    body = {
        "type": "object",
        "properties": props,
        "anyOf": [{"required": ["reviewers"]}, {"required": ["team_reviewers"]}],
    }
    content = {"content": {"application/json": {"schema": body}}}
    data = spec({"/reviewers": {"post": operation(requestBody=content)}})  # GitHub's
    names, schemas = hoisted(data)
    assert schemas["CreateAgentBody"] == {"type": "object", "properties": props}
    assert library(data).fields == {"CreateAgentBody": {"reviewers": "reviewers", "team_reviewers": "team_reviewers"}}


def test_items_constraints_misplaced_on_a_scalar_item_make_a_class_too() -> None:
    emails = {"type": "array", "items": {"type": "string", "minItems": 1}}  # GitHub's
    data = spec(schemas={"AddEmails": {"type": "object", "properties": {"emails": emails}}})
    names, _ = hoisted(data)
    assert "AddEmailsEmailsItem" in names.classes.values()
    library(data)


def test_properties_beside_a_union_of_objects_go_into_each_option() -> None:
    check = {
        "type": "object",
        "required": ["name"],
        "properties": {"name": {"type": "string"}},
        "oneOf": [{"properties": {"status": {"type": "string"}}, "required": ["status"]}, {"properties": {}}],
    }  # GitHub's checks/create body
    data = spec(schemas={"Check": check})
    names, schemas = hoisted(data)
    assert schemas["Check"] == {
        "type": "object",
        "oneOf": [{"$ref": REF + "CheckOption1"}, {"$ref": REF + "CheckOption2"}],
    }
    assert schemas["CheckOption1"]["required"] == ["name", "status"]
    assert names.fields["CheckOption1"] == {"name": "name", "status": "status"}
    library(data)


def test_an_enum_beside_a_union_is_the_unions_not_a_class() -> None:
    source = {"type": "string", "enum": ["master"], "anyOf": [{"type": "string", "enum": ["master"]}, dict(OBJECT)]}
    data = spec(schemas={"Pages": {"type": "object", "properties": {"source": source}}})  # GitHub's pages source
    names, _ = hoisted(data)
    assert set(names.classes.values()) == {"Pages", "PagesSourceOption1", "PagesSourceOption2"}
    library(data)


def test_an_inline_all_of_of_objects_is_one_hoisted_class() -> None:
    # wiremock's mappings: `response: {allOf: [{properties: ...}]}` inline; the library merged it into one class
    # named after the property, which nothing had named
    extra = {"type": "object", "properties": {"status": {"type": "integer"}}}
    response = {"allOf": [{"type": "object", "properties": {"body": {"type": "string"}}}, extra]}
    mapping = {"type": "object", "properties": {"response": response}}
    data = spec(schemas={"Mapping": mapping})
    names, schemas = hoisted(data)
    assert schemas["Mapping"]["properties"]["response"] == {"$ref": REF + "MappingResponse"}
    assert names.fields["MappingResponse"] == {"body": "body", "status": "status"}
    assert "response: MappingResponse | None" in library(data).modules["mapping"]


def test_an_inline_all_of_of_references_is_one_hoisted_class_of_both() -> None:
    # `both: {allOf: [A, B]}`: the library makes a class inheriting from both, named after the property
    a = {"type": "object", "properties": {"a": {"type": "string"}}}
    b = {"type": "object", "properties": {"b": {"type": "integer"}}}
    holder = {"type": "object", "properties": {"both": {"allOf": [{"$ref": REF + "A"}, {"$ref": REF + "B"}]}}}
    data = spec(schemas={"A": a, "B": b, "Holder": holder})
    names, schemas = hoisted(data)
    assert schemas["Holder"]["properties"]["both"] == {"$ref": REF + "HolderBoth"}
    modules = library(data).modules
    assert "class HolderBoth(A, B):" in modules["holder_both"] and "both: HolderBoth | None" in modules["holder"]


def test_an_all_of_with_a_union_part_is_a_union_of_named_combined_options() -> None:
    # intellifi.nl: `SpotSet: {allOf: [SpotSetBase, {oneOf: [TypeAny, TypeList, ...]}]}`; the library made a class
    # per option and numbered them itself (SpotSet1, SpotSet2, ...): A and (B or C) is (A and B) or (A and C)
    base = {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]}
    a = {"type": "object", "properties": {"a": {"type": "string"}}}
    b = {"type": "object", "properties": {"b": {"type": "integer"}}}
    own = {"note": {"type": "string"}}
    spot = {"allOf": [{"$ref": REF + "Base"}, {"oneOf": [{"$ref": REF + "A"}, {"$ref": REF + "B"}]}], "properties": own}
    holder = {"type": "object", "properties": {"spot": {"$ref": REF + "SpotSet"}}}
    data = spec(schemas={"Base": base, "A": a, "B": b, "SpotSet": spot, "Holder": holder})
    names, schemas = hoisted(data)
    assert [m["$ref"] for m in schemas["SpotSet"]["oneOf"]] == [REF + "SpotSetOption1", REF + "SpotSetOption2"]
    assert names.fields["SpotSetOption2"] == {"id": "id", "b": "b", "note": "note"}  # the base's, its own, the option's
    modules = library(data).modules
    assert "class SpotSetOption1(Base, A):" in modules["spot_set_option1"]
    assert "spot: SpotSetOption1 | SpotSetOption2 | None" in modules["holder"]


def test_fields_of_an_all_of_nested_in_an_all_of_part_are_named() -> None:
    # azure's sql specs: `allOf: [{allOf: [{properties: {id: ...}}]}, {properties: ...}]` written inline; the
    # library merges every level into one class
    resource = {"allOf": [{"type": "object", "properties": {"id": {"type": "string"}}}]}
    pool = {"allOf": [resource, {"type": "object", "properties": {"elasticPoolName": {"type": "string"}}}]}
    data = spec(schemas={"ElasticPoolActivity": pool})
    names, _ = hoisted(data)
    assert names.fields["ElasticPoolActivity"] == {"id": "id", "elasticPoolName": "elastic_pool_name"}
    assert library(data).fields == names.fields


def test_an_enum_of_no_string_or_integer_is_its_values_type_not_a_class() -> None:
    # Speakeasy's test spec: enums of null, of booleans, of floats; the library made an unnamed class of each
    props = {"nothing": {"enum": [None]}, "flag": {"type": "boolean", "enum": [True]}, "ratio": {"enum": [1.5, 2.5]}}
    data = spec(schemas={"Odd": {"type": "object", "properties": props}, "Ratios": {"type": "number", "enum": [0.5]}})
    names, schemas = hoisted(data)
    assert schemas["Odd"]["properties"] == {
        "nothing": {"type": "null"},
        "flag": {"type": "boolean"},
        "ratio": {"type": "number"},
    }
    assert schemas["Ratios"] == {"type": "number"}
    assert set(names.classes.values()) == {"Odd", "Ratios"} and "Ratios" not in names.members
    assert "ratio: float | None" in library(data).modules["odd"]


def test_an_all_of_of_parts_that_say_nothing_is_a_free_form_object() -> None:
    said_nothing = {"allOf": [{"type": "object"}, {"x-speakeasy-name-override": "ignored"}]}  # Speakeasy's overridden3
    data = spec(schemas={"Holder": {"type": "object", "properties": {"extra": said_nothing}}})
    names, schemas = hoisted(data)
    assert schemas["Holder"]["properties"]["extra"] == {"type": "object"}
    assert set(names.classes.values()) == {"Holder"}
    assert "extra: dict[str, Any] | None" in library(data).modules["holder"]


def test_an_object_type_beside_a_union_of_references_makes_the_union_class() -> None:
    boat = {"type": "object", "properties": {"length": {"type": "number"}}}
    car = {"type": "object", "properties": {"wheels": {"type": "integer"}}}
    vehicle = {"type": "object", "oneOf": [{"$ref": REF + "Boat"}, {"$ref": REF + "Car"}]}  # Speakeasy's ExampleVehicle
    data = spec(schemas={"Boat": boat, "Car": car, "Vehicle": vehicle})
    names, schemas = hoisted(data)
    assert schemas["Vehicle"] == {"oneOf": [{"$ref": REF + "Boat"}, {"$ref": REF + "Car"}]}
    assert "Boat | Car" in library(data).modules["vehicle"]


def test_basic_and_oauth2_schemes_take_two_arguments_prefixed_when_several() -> None:
    """HTTP basic takes ``username``/``password`` and OAuth2 ``client_id``/``client_secret``; with two schemes of a
    kind, each pair is prefixed by its key, and no name clashes with another scheme's or the constructor's."""
    one = naming.credential_arguments([("Basic", "basic"), ("OAuth", "oauth2"), ("username", "header")])
    assert one == [("username", "password"), ("client_id", "client_secret"), ("username_2",)]
    two = naming.credential_arguments([("Admin", "basic"), ("User", "basic"), ("server_url", "bearer")])
    assert two == [("admin_username", "admin_password"), ("user_username", "user_password"), ("server_url_2",)]


# -- references into the middle of a schema (generator/deep_refs.py) ------------------------------------------------


def test_a_reference_into_a_hoisted_property_points_at_its_class() -> None:
    # nexmo: `applications._embedded: {$ref: .../applicationsBase/properties/_embedded}`, an inline object there;
    # the library made a class `_embedded` of the reference that nothing had named
    base = {"properties": {"_embedded": {"type": "object", "properties": {"n": {"type": "string"}}}}}
    apps = {"type": "object", "properties": {"_embedded": {"$ref": REF + "applicationsBase/properties/_embedded"}}}
    data = spec(schemas={"applicationsBase": base, "applications": apps})
    names, schemas = hoisted(data)
    assert schemas["applications"]["properties"]["_embedded"] == {"$ref": REF + "ApplicationsBaseEmbedded"}
    assert (
        "embedded: Annotated[ApplicationsBaseEmbedded | None, Field(alias='_embedded')]"
        in library(data).modules["applications"]
    )


def test_a_reference_through_hoisted_schemas_follows_them() -> None:
    # Azure's network specs refer to `.../properties/ip/properties/subnet`: once `ip` is hoisted the path is gone
    subnet = {"type": "object", "properties": {"id": {"type": "string"}}}
    server = {"type": "object", "properties": {"ip": {"type": "object", "properties": {"subnet": subnet}}}}
    other = {"type": "object", "properties": {"subnet": {"$ref": REF + "Server/properties/ip/properties/subnet"}}}
    data = spec(schemas={"Server": server, "Other": other})
    names, schemas = hoisted(data)
    assert schemas["Other"]["properties"]["subnet"] == {"$ref": REF + "ServerIpSubnet"}
    assert "subnet: ServerIpSubnet | None" in library(data).modules["other"]


def test_an_all_of_part_referred_to_on_its_own_becomes_a_class() -> None:
    # `#/components/schemas/Gateway/allOf/0`: the part is merged into Gateway, and the library named a class of the
    # reference from its pointer ("0": a module that did not parse)
    part = {"type": "object", "properties": {"id": {"type": "string"}}}
    gateway = {"allOf": [part, {"type": "object", "properties": {"size": {"type": "integer"}}}]}
    user = {"type": "object", "properties": {"resource": {"$ref": REF + "Gateway/allOf/0"}}}
    data = spec(schemas={"Gateway": gateway, "User": user})
    names, schemas = hoisted(data)
    assert schemas["Gateway"]["allOf"][0] == {"$ref": REF + "GatewayAllOf0"} and schemas["GatewayAllOf0"] is part
    assert schemas["User"]["properties"]["resource"] == {"$ref": REF + "GatewayAllOf0"}
    modules = library(data).modules
    assert "class Gateway(GatewayAllOf0):" in modules["gateway"], modules["gateway"]
    assert "resource: GatewayAllOf0 | None" in modules["user"]
