"""The request model of ``sessions.get_by_id``."""

from __future__ import annotations

from ..._base import Model


class SessionGetByIdRequest(Model):
    """Parameters of ``sessions.get_by_id`` (GET /api/v1/sessions/{session_id})."""

    session_id: str
    """Internal ID of the session. (path parameter ``session_id``)"""
