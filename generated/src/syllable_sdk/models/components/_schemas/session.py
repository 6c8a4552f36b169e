# Generated from the OpenAPI spec by the SDK generator. Do not edit.

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from syllable_sdk.models._base import Model


class Session(Model):
    """
    One interaction between a user and an agent; the unit a conversation is made of.
    """

    timestamp: Annotated[datetime, Field(title="Timestamp")]
    """
    When the session took place.
    """
    session_id: Annotated[str | None, Field(title="Session Id")] = None
    """
    Internal ID of the session, derived from the interaction's details.
    """
    conversation_id: Annotated[str | None, Field(title="Conversation Id")] = None
    """
    ID of the conversation this session belongs to.
    """
    channel_manager_service: Annotated[
        str | None, Field(examples=["hedy", "console"], title="Channel Manager Service")
    ] = None
    """
    Name of the service that carried the session.
    """
    channel_manager_type: Annotated[
        str | None, Field(examples=["voice_sip_v1", "voice_twilio_v1", "web_chat_v1"], title="Channel Manager Type")
    ] = None
    """
    Kind of service that carried the session.
    """
    channel_manager_sid: Annotated[str | None, Field(title="Channel Manager Sid")] = None
    """
    The channel manager's own ID for the session (not the same as session_id).
    """
    agent_id: Annotated[str | None, Field(title="Agent Id")] = None
    """
    ID of the agent the session was with.
    """
    agent_name: Annotated[str | None, Field(title="Agent Name")] = None
    """
    Name of the agent the session was with.
    """
    agent_type: Annotated[str | None, Field(title="Agent Type")] = None
    """
    Type of the agent the session was with.
    """
    agent_timezone: Annotated[str | None, Field(title="Agent Timezone")] = None
    """
    Time zone of the agent the session was with.
    """
    prompt_id: Annotated[str | None, Field(title="Prompt Id")] = None
    """
    ID of the prompt the agent used.
    """
    prompt_name: Annotated[str | None, Field(title="Prompt Name")] = None
    """
    Name of the prompt the agent used.
    """
    prompt_version: Annotated[str | None, Field(title="Prompt Version")] = None
    """
    Timestamp identifying the prompt version under the older versioning scheme.
    """
    prompt_version_number: Annotated[int | None, Field(title="Prompt Version Number")] = None
    """
    Number of the prompt version under the current versioning scheme.
    """
    duration: Annotated[float | None, Field(title="Duration")] = None
    """
    Length of the session in seconds.
    """
    session_label_id: Annotated[str | None, Field(title="Session Label Id")] = None
    """
    ID of the label that rates the session's quality and records any problems.
    """
    source: Annotated[str | None, Field(examples=["+18042221111", "user@email.com"], title="Source")] = None
    """
    Where the session came from, such as the caller's phone number, user name or email address for an inbound session.
    """
    target: Annotated[str | None, Field(title="Target")] = None
    """
    Name of the agent's channel target when the session took place.
    """
    is_legacy: Annotated[bool | None, Field(title="Is Legacy")] = None
    """
    True when the session ran on the legacy Syllable system.
    """
    is_test: Annotated[bool | None, Field(title="Is Test")] = None
    """
    True for a test session.
    """
    is_outbound: Annotated[bool | None, Field(title="Is Outbound")] = None
    """
    True for an outbound session, false for an inbound one.
    """
    user_terminated: Annotated[bool | None, Field(title="User Terminated")] = None
    """
    For a voice session, true when the caller (inbound) or the person called (outbound) hung up; false after a transfer or an error; unset for other channels.
    """
    transfer_voicemail_detected: Annotated[bool | None, Field(title="Transfer Voicemail Detected")] = None
    """
    True when voicemail answered the transferred leg of the session.
    """
    override_timestamp: Annotated[str | None, Field(title="Override Timestamp")] = None
    """
    ISO 8601 date-time that replaced the session's clock; only set for test sessions that asked for one, null otherwise.
    """
