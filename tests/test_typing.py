"""What a user's type checker sees: the public surface is precisely typed, not Any."""

from __future__ import annotations

from pathlib import Path

from tests.typecheck import check_snippet

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
    revealed, errors = check_snippet(USER_CODE, tmp_path)
    assert revealed == [
        "syllable_sdk.sdk.SyllableSDK",
        "datetime.datetime",
        "syllable_sdk.models.components._schemas.session.Session",
        "syllable_sdk.utils._stream.BinaryStream",
        "syllable_sdk.models.components._schemas.session.Session",
        "syllable_sdk.models.errors.SyllableSDKError",
    ], errors
    assert len(errors) == 1 and "page" in errors[0] and "str" in errors[0], errors
