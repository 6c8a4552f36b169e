# Generated from the OpenAPI spec by the SDK generator. Do not edit.

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from syllable_sdk.models._base import Model


class SessionRecordingResponse(Model):
    """
    The recording URLs of one session.
    """

    session_id: Annotated[str | None, Field(examples=["1"], title="Session Id")] = None
    """
    Internal ID of the session.
    """
    recordings: Annotated[
        list[str] | None,
        Field(
            examples=[["https://example.com/recording1.mp3", "https://example.com/recording2.mp3"]], title="Recordings"
        ),
    ] = None
    """
    URLs from which the recordings can be streamed.
    """
