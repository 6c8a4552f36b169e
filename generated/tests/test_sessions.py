"""``sdk.sessions``: each method, sync and async, against a mock server answering from the spec.

Generated with the package; the generator rewrites it on every run.
"""

from __future__ import annotations

import asyncio

from _mock_api import Case, check_request, check_result, mock_sdk, mock_sdk_async

from syllable_sdk.models import components

CASE_LIST = Case(
    method="GET",
    path="/api/v1/sessions/",
    security=("APIKeyHeader",),
    arguments={
        "page": 0,
        "limit": 0,
        "search_fields": ["timestamp"],
        "search_field_values": ["sample"],
        "order_by": "timestamp",
        "order_by_direction": "asc",
        "fields": [],
        "start_datetime": "sample",
        "end_datetime": "sample",
    },
    query=[
        ("page", "0"),
        ("limit", "0"),
        ("search_fields", "timestamp"),
        ("search_field_values", "sample"),
        ("order_by", "timestamp"),
        ("order_by_direction", "asc"),
        ("start_datetime", "sample"),
        ("end_datetime", "sample"),
    ],
    headers=[],
    body_kind="",
    body_type="",
    body=None,
    status=200,
    content_type="application/json",
    response_kind="json",
    response={"items": [], "page": 0, "page_size": 0},
)


def test_list() -> None:
    case = CASE_LIST
    with mock_sdk(case) as (sdk, server):
        result = sdk.sessions.list(**case.arguments)
    check_request(server, case)
    assert isinstance(result, components.ListResponseSession)
    check_result(result, case)


def test_list_async() -> None:
    case = CASE_LIST

    async def call() -> None:
        async with mock_sdk_async(case) as (sdk, server):
            result = await sdk.sessions.list_async(**case.arguments)
        check_request(server, case)
        assert isinstance(result, components.ListResponseSession)
        check_result(result, case)

    asyncio.run(call())


CASE_GET_BY_ID = Case(
    method="GET",
    path="/api/v1/sessions/sample",
    security=("APIKeyHeader",),
    arguments={
        "session_id": "sample",
    },
    query=[],
    headers=[],
    body_kind="",
    body_type="",
    body=None,
    status=200,
    content_type="application/json",
    response_kind="json",
    response={"timestamp": "2024-01-02T03:04:05Z"},
)


def test_get_by_id() -> None:
    case = CASE_GET_BY_ID
    with mock_sdk(case) as (sdk, server):
        result = sdk.sessions.get_by_id(**case.arguments)
    check_request(server, case)
    assert isinstance(result, components.Session)
    check_result(result, case)


def test_get_by_id_async() -> None:
    case = CASE_GET_BY_ID

    async def call() -> None:
        async with mock_sdk_async(case) as (sdk, server):
            result = await sdk.sessions.get_by_id_async(**case.arguments)
        check_request(server, case)
        assert isinstance(result, components.Session)
        check_result(result, case)

    asyncio.run(call())


CASE_GENERATE_SESSION_RECORDING_URLS = Case(
    method="POST",
    path="/api/v1/sessions/recording/sample",
    security=("APIKeyHeader",),
    arguments={
        "session_id": "sample",
    },
    query=[],
    headers=[],
    body_kind="",
    body_type="",
    body=None,
    status=200,
    content_type="application/json",
    response_kind="json",
    response={},
)


def test_generate_session_recording_urls() -> None:
    case = CASE_GENERATE_SESSION_RECORDING_URLS
    with mock_sdk(case) as (sdk, server):
        result = sdk.sessions.generate_session_recording_urls(**case.arguments)
    check_request(server, case)
    assert isinstance(result, components.SessionRecordingResponse)
    check_result(result, case)


def test_generate_session_recording_urls_async() -> None:
    case = CASE_GENERATE_SESSION_RECORDING_URLS

    async def call() -> None:
        async with mock_sdk_async(case) as (sdk, server):
            result = await sdk.sessions.generate_session_recording_urls_async(**case.arguments)
        check_request(server, case)
        assert isinstance(result, components.SessionRecordingResponse)
        check_result(result, case)

    asyncio.run(call())


CASE_SESSION_RECORDING_STREAM = Case(
    method="GET",
    path="/api/v1/sessions/recording/stream",
    security=("APIKeyHeader",),
    arguments={
        "token": "sample",
    },
    query=[("token", "sample")],
    headers=[],
    body_kind="",
    body_type="",
    body=None,
    status=200,
    content_type="application/octet-stream",
    response_kind="stream",
    response=b"sample bytes",
)


def test_session_recording_stream() -> None:
    case = CASE_SESSION_RECORDING_STREAM
    with mock_sdk(case) as (sdk, server):
        with sdk.sessions.session_recording_stream(**case.arguments) as stream:
            assert stream.read() == case.response
    check_request(server, case)


def test_session_recording_stream_async() -> None:
    case = CASE_SESSION_RECORDING_STREAM

    async def call() -> None:
        async with mock_sdk_async(case) as (sdk, server):
            async with await sdk.sessions.session_recording_stream_async(**case.arguments) as stream:
                assert await stream.aread() == case.response
        check_request(server, case)

    asyncio.run(call())
