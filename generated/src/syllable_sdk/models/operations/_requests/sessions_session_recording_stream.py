"""The request model of ``sessions.session_recording_stream``."""

from __future__ import annotations

from ..._base import Model


class SessionRecordingStreamRequest(Model):
    """Parameters of ``sessions.session_recording_stream`` (GET /api/v1/sessions/recording/stream)."""

    token: str
    """Token taken from a generated recording URL. (query parameter ``token``)"""
