"""``sdk.files``: each method, sync and async, against a mock server answering from the spec.

Generated with the package; the generator rewrites it on every run.
"""

from __future__ import annotations

import asyncio

from _mock_api import Case, check_request, mock_sdk, mock_sdk_async

CASE_UPLOAD_FILE = Case(
    method="POST",
    path="/files",
    security=(),
    arguments={
        "body": {"file": b"sample bytes", "caption": "sample"},
    },
    query=[],
    headers=[],
    body_kind="multipart",
    body_type="multipart/form-data",
    body=["caption", "file"],
    status=204,
    content_type="application/json",
    response_kind="empty",
    response=None,
)


def test_upload_file() -> None:
    case = CASE_UPLOAD_FILE
    with mock_sdk(case) as (sdk, server):
        sdk.files.upload_file(**case.arguments)
    check_request(server, case)


def test_upload_file_async() -> None:
    case = CASE_UPLOAD_FILE

    async def call() -> None:
        async with mock_sdk_async(case) as (sdk, server):
            await sdk.files.upload_file_async(**case.arguments)
        check_request(server, case)

    asyncio.run(call())
