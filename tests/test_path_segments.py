"""A path value can never change the endpoint a call reaches (issue 11.7).

Before the fix, ``get_by_id(session_id="..")`` sent ``GET /api/v1`` and ``session_id="."`` listed the
sessions, with the caller's credentials.
"""

from __future__ import annotations

import asyncio

import pytest
from syllable_sdk import SyllableSDK
from syllable_sdk.core import SyllableSDKCore
from syllable_sdk.funcs import sessions_get_by_id
from syllable_sdk.models import errors

from tests.server import API_KEY, LiveServer

MOVING = ["..", ".", ""]


def sdk_for(server: LiveServer) -> SyllableSDK:
    return SyllableSDK(api_key_header=API_KEY, server_url=server.url)


@pytest.mark.parametrize("value", MOVING, ids=["dotdot", "dot", "empty"])
def test_dot_segments_and_empty_values_are_refused_before_sending(server: LiveServer, value: str) -> None:
    with sdk_for(server) as sdk:
        with pytest.raises(errors.RequestValidationError) as caught:
            sdk.sessions.get_by_id(session_id=value)
        assert "session_id" in str(caught.value) and "nothing was sent" in str(caught.value)
        with pytest.raises(errors.RequestValidationError):
            sdk.sessions.generate_session_recording_urls(session_id=value)  # a POST too
    assert isinstance(caught.value, errors.SyllableSDKError)
    assert server.requests == []


def test_async_and_standalone_functions_refuse_them_too(server: LiveServer) -> None:
    async def run() -> None:
        async with sdk_for(server) as sdk:
            for value in MOVING:
                with pytest.raises(errors.RequestValidationError):
                    await sdk.sessions.get_by_id_async(session_id=value)

    asyncio.run(run())
    result = sessions_get_by_id(SyllableSDKCore(api_key_header=API_KEY, server_url=server.url), session_id="..")
    assert not result.ok and isinstance(result.error, errors.RequestValidationError)
    assert server.requests == []


@pytest.mark.parametrize(
    ("value", "raw_path"),
    [
        ("../..", "/api/v1/sessions/..%2F.."),
        ("..%2F", "/api/v1/sessions/..%252F"),
        ("...", "/api/v1/sessions/..."),
        ("%2E%2E", "/api/v1/sessions/%252E%252E"),
        (" ", "/api/v1/sessions/%20"),
    ],
)
def test_values_that_only_look_like_dot_segments_stay_one_segment_on_the_wire(
    server: LiveServer, value: str, raw_path: str
) -> None:
    with sdk_for(server) as sdk, pytest.raises(errors.SDKError) as caught:
        sdk.sessions.get_by_id(session_id=value)
    assert caught.value.status_code == 404  # the session route answered: the endpoint did not move
    assert [r["raw_path"] for r in server.requests] == [raw_path]


def test_path_values_that_skip_quote_are_exactly_those_quote_leaves_alone() -> None:
    # the per-call fast path sends a value of unreserved characters as it is; anything else goes through quote()
    from urllib.parse import quote

    from syllable_sdk.utils._http import _UNRESERVED

    everything = [chr(c) for c in range(0x250)]
    assert {c for c in everything if quote(c, safe="") == c} == set(_UNRESERVED)
