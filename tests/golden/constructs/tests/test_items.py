"""``sdk.items``: each method, sync and async, against a mock server answering from the spec.

Generated with the package; the generator rewrites it on every run.
"""

from __future__ import annotations

import asyncio

from _mock_api import Case, check_request, check_result, mock_sdk, mock_sdk_async

from sdk.models import components

CASE_GET_ITEM = Case(
    method="GET",
    path="/items/0",
    security=(),
    arguments={
        "item_id": 0,
        "x_trace": "sample",
        "colour": "red",
        "tags": ["sample"],
        "session": "sample",
    },
    query=[("colour", "red"), ("tags", "sample")],
    headers=[("X-Trace", "sample"), ("cookie", "session=sample")],
    body_kind="",
    body_type="",
    body=None,
    status=200,
    content_type="application/json",
    response_kind="json",
    response={"id": 0, "name": "sample", "colour": "red", "parent_id": 0},
)


def test_get_item() -> None:
    case = CASE_GET_ITEM
    with mock_sdk(case) as (sdk, server):
        result = sdk.items.get_item(**case.arguments)
    check_request(server, case)
    assert isinstance(result, components.Item)
    check_result(result, case)


def test_get_item_async() -> None:
    case = CASE_GET_ITEM

    async def call() -> None:
        async with mock_sdk_async(case) as (sdk, server):
            result = await sdk.items.get_item_async(**case.arguments)
        check_request(server, case)
        assert isinstance(result, components.Item)
        check_result(result, case)

    asyncio.run(call())


CASE_CREATE_ITEM = Case(
    method="POST",
    path="/items",
    security=(),
    arguments={
        "body": {"name": "sample"},
    },
    query=[],
    headers=[],
    body_kind="json",
    body_type="application/json",
    body={"name": "sample"},
    status=201,
    content_type="application/json",
    response_kind="json",
    response={"id": 0, "name": "sample", "colour": "red", "parent_id": 0},
)


def test_create_item() -> None:
    case = CASE_CREATE_ITEM
    with mock_sdk(case) as (sdk, server):
        result = sdk.items.create_item(**case.arguments)
    check_request(server, case)
    assert isinstance(result, components.Item)
    check_result(result, case)


def test_create_item_async() -> None:
    case = CASE_CREATE_ITEM

    async def call() -> None:
        async with mock_sdk_async(case) as (sdk, server):
            result = await sdk.items.create_item_async(**case.arguments)
        check_request(server, case)
        assert isinstance(result, components.Item)
        check_result(result, case)

    asyncio.run(call())


CASE_WATCH_ITEM = Case(
    method="GET",
    path="/items/0/changes",
    security=(),
    arguments={
        "item_id": 0,
    },
    query=[],
    headers=[],
    body_kind="",
    body_type="",
    body=None,
    status=200,
    content_type="text/event-stream",
    response_kind="events",
    response={"item_id": 0, "field": "sample"},
)


def test_watch_item() -> None:
    case = CASE_WATCH_ITEM
    with mock_sdk(case) as (sdk, server):
        with sdk.items.watch_item(**case.arguments) as stream:
            events = list(stream)
        assert len(events) == 1, events
        result = events[0].data
    check_request(server, case)
    assert isinstance(result, components.Change)
    check_result(result, case)


def test_watch_item_async() -> None:
    case = CASE_WATCH_ITEM

    async def call() -> None:
        async with mock_sdk_async(case) as (sdk, server):
            async with await sdk.items.watch_item_async(**case.arguments) as stream:
                events = [event async for event in stream]
            assert len(events) == 1, events
            result = events[0].data
        check_request(server, case)
        assert isinstance(result, components.Change)
        check_result(result, case)

    asyncio.run(call())
