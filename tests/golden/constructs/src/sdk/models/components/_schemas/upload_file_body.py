# Generated from the OpenAPI spec by the SDK generator. Do not edit.

from __future__ import annotations

from sdk.models._base import Model


class UploadFileBody(Model):
    file: bytes | tuple[str, bytes] | tuple[str, bytes, str]
    caption: str | None = None
