"""Imports are lazy: the package, a resource and a model each load only what they need."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.server import API_KEY, LiveServer


def loaded_after(code: str) -> list[str]:
    script = (
        f"import json, sys\n{code}\nprint(json.dumps(sorted(m for m in sys.modules if m.startswith('syllable_sdk'))))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout.splitlines()[-1]))


def test_importing_the_package_loads_almost_nothing() -> None:
    assert loaded_after("import syllable_sdk") == ["syllable_sdk", "syllable_sdk._version"]
    assert (
        "httpx"
        not in subprocess.run(
            [sys.executable, "-c", "import sys, syllable_sdk; print(sorted(sys.modules))"],
            capture_output=True,
            text=True,
        ).stdout
    )


def test_a_standalone_call_loads_only_the_models_it_needs(live: LiveServer) -> None:
    def schemas_after(token: str) -> set[str]:
        loaded = loaded_after(
            "from syllable_sdk.core import SyllableSDKCore\n"
            "from syllable_sdk.funcs import sessions_session_recording_stream\n"
            f"core = SyllableSDKCore(api_key_header={API_KEY!r}, server_url={live.url!r})\n"
            f"result = sessions_session_recording_stream(core, token={token!r})\n"
            "result.value.read() if result.ok else None"
        )
        assert "syllable_sdk.models.operations._requests.sessions_session_recording_stream" in loaded
        assert "syllable_sdk.models.operations._requests.sessions_list" not in loaded
        return {m.rsplit(".", 1)[-1] for m in loaded if "._schemas." in m}

    assert schemas_after("t") == set()  # a stream that succeeds needs no model at all
    assert schemas_after("") == {"http_validation_error", "validation_error"}  # its 422 body does


def test_components_are_importable_by_name_and_cached() -> None:
    loaded = loaded_after(
        "from syllable_sdk.models import components\n"
        "from syllable_sdk.models.components import Session\n"
        "assert components.Session is Session and 'Session' in vars(components)\n"
        "assert components.__all__ == sorted(components.__all__) and 'OrderByDirection' in dir(components)"
    )
    assert "syllable_sdk.models.components._schemas.session" in loaded
    assert "syllable_sdk.models.components._schemas.list_response_session" not in loaded
