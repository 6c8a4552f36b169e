# Generated from the OpenAPI spec by the SDK generator. Do not edit.

from __future__ import annotations

from syllable_sdk.models._base import OpenEnum


class SessionProperties(str, OpenEnum):
    """Session fields that the list endpoint can search, filter and sort by."""

    TIMESTAMP = "timestamp"
    SESSION_ID = "session_id"
    CONVERSATION_ID = "conversation_id"
    CHANNEL_MANAGER_SERVICE = "channel_manager_service"
    CHANNEL_MANAGER_TYPE = "channel_manager_type"
    CHANNEL_MANAGER_SID = "channel_manager_sid"
    AGENT_TYPE = "agent_type"
    AGENT_ID = "agent_id"
    AGENT_NAME = "agent_name"
    PROMPT_ID = "prompt_id"
    PROMPT_NAME = "prompt_name"
    SOURCE = "source"
    TARGET = "target"
    DURATION = "duration"
    IS_OUTBOUND = "is_outbound"
    IS_LEGACY = "is_legacy"
    IS_TEST = "is_test"
