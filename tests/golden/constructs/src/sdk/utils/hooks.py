"""Hooks: your code, run around every request the SDK sends.

    sdk.hooks.before_request.append(lambda ctx, request: request)
    sdk.hooks.after_success.append(lambda ctx, response: response)
    sdk.hooks.after_error.append(lambda ctx, response, error: None)

``before_request`` runs before each attempt (retries included) and may return a replacement
request; ``after_success`` runs on the final 2XX/3XX response and may return a replacement;
``after_error`` runs once with the final error response, or with the exception when no response
arrived. A hook returning None keeps what it was given. Hooks run inline, in sync and async calls
alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import httpx


@dataclass(frozen=True, slots=True)
class HookContext:
    """What a hook is told about the call it runs in."""

    operation_id: str
    method: str
    url: str


BeforeRequestHook = Callable[[HookContext, httpx.Request], "httpx.Request | None"]
AfterSuccessHook = Callable[[HookContext, httpx.Response], "httpx.Response | None"]
AfterErrorHook = Callable[[HookContext, "httpx.Response | None", "Exception | None"], None]


@dataclass
class Hooks:
    """The hooks registered on one client; append to the lists at any time."""

    before_request: list[BeforeRequestHook] = field(default_factory=list)
    after_success: list[AfterSuccessHook] = field(default_factory=list)
    after_error: list[AfterErrorHook] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.before_request or self.after_success or self.after_error)
