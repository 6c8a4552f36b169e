"""What a user's type checker sees: the public surface is precisely typed, not Any."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

USER_CODE = """
from syllable_sdk import SyllableSDK
from syllable_sdk.core import SyllableSDKCore
from syllable_sdk.funcs import sessions_get_by_id
from syllable_sdk.models import components

with SyllableSDK(api_key_header="k") as sdk:
    reveal_type(sdk)
    page = sdk.sessions.list(page=0)
    reveal_type(page.items[0].timestamp)
    for session in sdk.sessions.list_all():
        reveal_type(session)
    with sdk.sessions.session_recording_stream(token="t") as stream:
        reveal_type(stream)

res = sessions_get_by_id(SyllableSDKCore(), session_id="x")
if res.ok:
    reveal_type(res.value)
else:
    reveal_type(res.error)
sdk.sessions.list(page="zero")  # a wrong type must be an error
"""


def test_public_surface_types(tmp_path: Path) -> None:
    script = tmp_path / "user.py"
    script.write_text(USER_CODE)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--cache-dir",
            str(ROOT / ".venv" / ".mypy_cache_user"),
            str(script),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    revealed = [
        line.split("Revealed type is ")[1].strip('"') for line in result.stdout.splitlines() if "Revealed type" in line
    ]
    assert revealed == [
        "syllable_sdk.sdk.SyllableSDK",
        "datetime.datetime",
        "syllable_sdk.models.components._schemas.session.Session",
        "syllable_sdk.utils._stream.BinaryStream",
        "syllable_sdk.models.components._schemas.session.Session",
        "syllable_sdk.models.errors.SyllableSDKError",
    ], result.stdout
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1 and "page" in errors[0] and "str" in errors[0], result.stdout
