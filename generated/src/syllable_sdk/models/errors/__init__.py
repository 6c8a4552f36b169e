"""Every exception the SDK raises derives from ``SyllableSDKError``.

- ``APIConnectionError`` (and ``APITimeoutError``): no response arrived; ``__cause__`` is the httpx error.
- ``MissingCredentialError``: a call needs a credential the client was not given; nothing was sent.
- ``TokenError``: an OAuth2 access token could not be had from the token URL; the call was not sent.
- ``SDKError``: the server answered with an error status the spec does not describe further, raised as the
  class for its status when it has one:
  ``BadRequestError`` 400,
  ``AuthenticationError`` 401,
  ``PermissionDeniedError`` 403,
  ``NotFoundError`` 404,
  ``ConflictError`` 409,
  ``UnprocessableEntityError`` 422,
  ``RateLimitError`` 429,
  ``InternalServerError`` 5XX.
- ``HTTPValidationError`` (an ``SDKError``): the body of an error response, parsed.
- ``ResponseValidationError`` (an ``SDKError``): a success response whose body did not match the spec.
- ``ResponseTooLargeError`` (an ``SDKError``): a body read into memory grew past ``max_response_bytes``.
- ``EventValidationError`` (a ``ResponseValidationError``): a server-sent event's data did not match its model.
- ``EventTooLargeError`` (a ``ResponseTooLargeError``): a server-sent event grew past ``max_event_bytes``.
- ``RequestValidationError``: the arguments of a call did not validate; nothing was sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx
import pydantic
import pydantic_core

from ...utils._secrets import redact

if TYPE_CHECKING:
    from .. import components

_BODY_IN_MESSAGE = 2_000
ATTEMPTS_NOTE = "syllable_sdk.attempts"  # the response extension that says how many attempts a call made


class SyllableSDKError(Exception):
    """Base class of every error this SDK raises."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __reduce__(self) -> tuple[Any, ...]:
        # pickle (Celery, multiprocessing) rebuilds the error without calling __init__, whose arguments differ
        # between subclasses; the attributes come back as they were, but for the raw response (see _rebuild)
        state = {k: _redacted(v) for k, v in vars(self).items() if k != "raw_response"}
        return (_rebuild, (type(self), self.args, state, "raw_response" in vars(self)))


class APIConnectionError(SyllableSDKError):
    """The request did not get a response: DNS, connect, TLS, reset or protocol failure."""


class APITimeoutError(APIConnectionError):
    """The request timed out before a full response arrived."""


class MissingCredentialError(SyllableSDKError):
    """A call needs a credential that was neither passed to the client nor set in the environment; nothing was sent."""


class TokenError(SyllableSDKError):
    """An OAuth2 access token could not be had from the token URL, so the call was not sent.

    ``host`` is the token URL's host, ``status_code`` the token endpoint's status (None when no response came; the
    httpx error is then the ``__cause__``). Neither the message nor the attributes hold the client secret or a token.
    """

    def __init__(self, message: str, host: str, status_code: int | None) -> None:
        super().__init__(redact(message))
        self.host = host
        self.status_code = status_code


class SDKError(SyllableSDKError):
    """The server answered with an error status (or a body the SDK could not use)."""

    def __init__(self, message: str, raw_response: httpx.Response, body: str | None = None) -> None:
        self.raw_response = raw_response
        self.status_code = raw_response.status_code
        self.headers = raw_response.headers
        self.body = body if body is not None else _text(raw_response)
        shown = self.body if len(self.body) <= _BODY_IN_MESSAGE else self.body[:_BODY_IN_MESSAGE] + "..."
        retried = raw_response.extensions.get(ATTEMPTS_NOTE, "")  # " after 3 attempts to host", set by the send loop
        super().__init__(
            redact(f"{message}: status {self.status_code}{retried}" + (f", body: {shown}" if shown else ""))
        )

    @classmethod
    def from_response(cls, response: httpx.Response) -> SDKError:
        """The error for ``response``; ``SDKError.from_response`` picks the class for its status (``status_error``)."""
        return (status_error(response.status_code) if cls is SDKError else cls)("API error", response)


class ResponseValidationError(SDKError):
    """A response arrived but its body or content type is not what the spec declares."""


class ResponseTooLargeError(SDKError):
    """The body grew past the client's ``max_response_bytes``; reading stopped there and the connection was closed."""

    def __init__(self, raw_response: httpx.Response, limit: int) -> None:
        self.limit = limit
        super().__init__(f"response body larger than max_response_bytes ({limit} bytes)", raw_response, body="")


class EventValidationError(ResponseValidationError):
    """A server-sent event's data is not the model the spec gives it (not JSON, or JSON of another shape).

    ``event`` and ``event_id`` name the event, ``body`` is its data; the stream was closed. pydantic's error is the
    ``__cause__``.
    """

    def __init__(
        self, raw_response: httpx.Response, event: str, event_id: str | None, data: str, model: str, error: Exception
    ) -> None:
        self.event = event
        self.event_id = event_id
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        where = f"event {event!r}" + (f" (id {event_id!r})" if event_id is not None else "")
        super().__init__(f"{where}: data did not match {model} ({first})", raw_response, body=data)


class EventTooLargeError(ResponseTooLargeError):
    """A server-sent event, or one line of the stream, grew past the client's ``max_event_bytes``; the stream was closed."""

    def __init__(self, raw_response: httpx.Response, limit: int) -> None:
        self.limit = limit
        SDKError.__init__(self, f"event larger than max_event_bytes ({limit} bytes)", raw_response, body="")


class RequestValidationError(SyllableSDKError):
    """The arguments of a call did not validate (``__cause__`` is pydantic's error); no request was sent."""


class BadRequestError(SDKError):
    """400 without a model in the spec: the server could not use the request."""


class AuthenticationError(SDKError):
    """401 without a model in the spec: the API key is missing or wrong."""


class PermissionDeniedError(SDKError):
    """403 without a model in the spec: the API key may not do this."""


class NotFoundError(SDKError):
    """404 without a model in the spec: nothing at this path, often no object with this ID."""


class ConflictError(SDKError):
    """409 without a model in the spec: the request conflicts with the current state of the object."""


class UnprocessableEntityError(SDKError):
    """422 without a model in the spec: the request did not validate."""


class RateLimitError(SDKError):
    """429 without a model in the spec: too many requests; the headers may say when to try again."""


class InternalServerError(SDKError):
    """5XX without a model in the spec: the server failed."""


_BY_STATUS: dict[int, type[SDKError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error(status: int) -> type[SDKError]:
    """The class raised for an error status the spec gives no model of: ``SDKError`` when none is more specific."""
    return _BY_STATUS.get(status) or (InternalServerError if status >= 500 else SDKError)


class HTTPValidationError(SDKError):
    """The request was well-formed but some of its values were not accepted."""

    data: components.HTTPValidationError

    def __init__(
        self, data: components.HTTPValidationError, raw_response: httpx.Response, body: str | None = None
    ) -> None:
        self.data = data
        super().__init__("HTTPValidationError", raw_response, body)

    @classmethod
    def from_response(cls, response: httpx.Response) -> SDKError:
        from ..components import HTTPValidationError

        try:
            return cls(HTTPValidationError.model_validate_json(response.content), response)
        except ValueError:
            return status_error(response.status_code)("API error (body did not match HTTPValidationError)", response)

    @property
    def detail(self) -> list[components.ValidationError] | None:
        """``data.detail``."""
        return self.data.detail


def _rebuild(
    cls: type[SyllableSDKError], args: tuple[Any, ...], state: dict[str, Any], had_response: bool
) -> SyllableSDKError:
    """Unpickle an error: ``raw_response`` becomes a stand-in with the status, headers and body (no request)."""
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    vars(error).update(state)
    if had_response:
        body = state.get("body") or ""
        vars(error)["raw_response"] = httpx.Response(
            state["status_code"], headers=state.get("headers"), content=body.encode()
        )
    return error


def _redacted(value: Any) -> Any:
    """``value`` with every live credential redacted, for a pickle: it leaves the process (a task queue, a
    result store), and where it is loaded no client knows the key to redact it any more."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, httpx.Headers):
        return httpx.Headers([(name, redact(item)) for name, item in value.multi_items()])
    if isinstance(value, pydantic.BaseModel):
        text = value.model_dump_json(by_alias=True)
        clean = redact(text)
        if clean is text:
            return value
        try:
            return type(value).model_validate_json(clean)
        except ValueError:  # the redacted text breaks a constraint: the fields as they are, unvalidated
            return type(value).model_construct(**pydantic_core.from_json(clean))
    return value


def _text(response: httpx.Response) -> str:
    try:
        return response.text
    except (httpx.ResponseNotRead, httpx.StreamError):
        return ""


__all__ = [
    "SyllableSDKError",
    "APIConnectionError",
    "APITimeoutError",
    "MissingCredentialError",
    "TokenError",
    "SDKError",
    "ResponseValidationError",
    "ResponseTooLargeError",
    "EventValidationError",
    "EventTooLargeError",
    "RequestValidationError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "UnprocessableEntityError",
    "RateLimitError",
    "InternalServerError",
    "HTTPValidationError",
]
