"""The request model of ``files.upload_file``."""

from __future__ import annotations

from ... import components
from ..._base import Model


class UploadFileRequest(Model):
    """Parameters of ``files.upload_file`` (POST /files)."""

    body: components.UploadFileBody
    """The request body (multipart/form-data). (body parameter ``body``)"""
