"""Standalone functions: the same calls as the methods, with errors as values."""

from __future__ import annotations

import subprocess
import sys

import pytest
from syllable_sdk import SyllableSDK
from syllable_sdk.core import SyllableSDKCore
from syllable_sdk.models import components, errors
from syllable_sdk.utils import Err, Ok, RetryConfig

from tests.server import API_KEY, STREAM_CHUNK, LiveServer

pytestmark = pytest.mark.anyio
NO_RETRIES = RetryConfig("none", None, False)


def core_for(server: LiveServer) -> SyllableSDKCore:
    return SyllableSDKCore(api_key_header=API_KEY, server_url=server.url)


def test_functions_return_ok_values(server: LiveServer) -> None:
    from syllable_sdk.funcs import (
        sessions_generate_session_recording_urls,
        sessions_get_by_id,
        sessions_list,
        sessions_session_recording_stream,
    )

    with core_for(server) as core:
        page = sessions_list(core, page=0, limit=3)
        assert isinstance(page, Ok) and page.ok and page.error is None
        assert [s.session_id for s in page.value.items] == ["1000", "1001", "1002"]
        session = sessions_get_by_id(core, session_id="1005")
        assert session.ok and session.value.session_id == "1005"
        urls = sessions_generate_session_recording_urls(core, session_id="1005")
        assert urls.ok and isinstance(urls.value, components.SessionRecordingResponse)
        stream = sessions_session_recording_stream(core, token="t")
        assert stream.ok
        with stream.value as body:
            assert body.read() == STREAM_CHUNK


def test_functions_return_errors_as_values(server: LiveServer) -> None:
    from syllable_sdk.funcs import sessions_get_by_id, sessions_list

    with core_for(server) as core:
        missing = sessions_get_by_id(core, session_id="missing")
        assert isinstance(missing, Err) and not missing.ok and missing.value is None
        assert isinstance(missing.error, errors.SDKError) and missing.error.status_code == 404
        invalid = sessions_list(core, search_fields=[components.SessionProperties("nope")])
        assert not invalid.ok and isinstance(invalid.error, errors.HTTPValidationError)
        unreachable = sessions_get_by_id(core, session_id="1", server_url="http://127.0.0.1:9", retries=NO_RETRIES)
        assert not unreachable.ok and isinstance(unreachable.error, errors.APIConnectionError)


async def test_async_functions(server: LiveServer) -> None:
    from syllable_sdk.funcs import sessions_get_by_id_async, sessions_session_recording_stream_async

    async with core_for(server) as core:
        result = await sessions_get_by_id_async(core, session_id="1009")
        assert result.ok and result.value.session_id == "1009"
        failed = await sessions_get_by_id_async(core, session_id="missing")
        assert not failed.ok and failed.error.status_code == 404  # type: ignore[union-attr]
        stream = await sessions_session_recording_stream_async(core, token="t")
        assert stream.ok
        async with stream.value as body:
            assert await body.aread() == STREAM_CHUNK


def test_functions_stay_functions_after_the_methods_ran(server: LiveServer) -> None:
    """Using a resource first must not shadow a function with the module it lives in."""
    with SyllableSDK(api_key_header=API_KEY, server_url=server.url) as sdk:
        sdk.sessions.list(limit=1)
        from syllable_sdk.funcs import sessions_list

        assert callable(sessions_list) and sessions_list(sdk, limit=1).ok


def test_core_loads_no_resources_or_models() -> None:
    script = (
        "import sys\nfrom syllable_sdk.core import SyllableSDKCore\nSyllableSDKCore(api_key_header='k')\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('syllable_sdk'))\nprint(loaded)\n"
        "assert not any(m.endswith(('.sessions', '.components', '.operations', '.funcs')) for m in loaded), loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
