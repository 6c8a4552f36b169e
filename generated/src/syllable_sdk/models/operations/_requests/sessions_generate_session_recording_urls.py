"""The request model of ``sessions.generate_session_recording_urls``."""

from __future__ import annotations

from ..._base import Model


class GenerateSessionRecordingUrlsRequest(Model):
    """Parameters of ``sessions.generate_session_recording_urls`` (POST /api/v1/sessions/recording/{session_id})."""

    session_id: str
    """Internal ID of the session. (path parameter ``session_id``)"""
