"""The request pipeline every operation shares: build the request, send it (retrying), parse the answer.

Building and parsing are plain functions used by both sync and async calls; only the two small
send loops differ, by ``await``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar
from urllib.parse import quote

import httpx
import pydantic
import pydantic_core

from ..models.errors import (
    ATTEMPTS_NOTE,
    APIConnectionError,
    APITimeoutError,
    ClientError,
    RequestValidationError,
    ResponseValidationError,
    SDKError,
)
from ._auth import TokenSource
from ._limits import aread_body, attempt_deadline, read_body, within
from ._logging import redact_url
from ._missing_credential import require_credentials
from ._params import add_cookies, cookie_pieces, header_value, path_value, query_pairs, query_string
from ._params import scalar as _scalar
from ._retry import Retrier
from ._secrets import protect, redact
from ._servers import ServerTemplate, base_url
from ._stream import AsyncBinaryStream, BinaryStream
from .hooks import HookContext
from .retries import DEFAULT_RETRY_CONFIG, RetryConfig

if TYPE_CHECKING:
    from ..core import ClientCore

T = TypeVar("T")
_MAX_REDIRECTS = 20


@dataclass(frozen=True, slots=True)
class Param:
    """One request parameter: the request model's attribute, its name on the wire, and how it is serialised.

    ``style`` is empty for a plain value in its location's default style (the fast path); otherwise the OpenAPI
    style the generator decided, which ``_params`` applies with ``explode`` and ``reserved`` (``allowReserved``).
    """

    attr: str
    wire: str
    explode: bool = True
    style: str = ""
    reserved: bool = False


@dataclass(frozen=True, slots=True)
class Body:
    """The request body: the request model's attribute that holds it, and how it goes on the wire."""

    attr: str
    kind: Literal["json", "multipart", "form", "binary", "text"]
    content_type: str
    # every declared media type (content type, kind) when there are several; the call's content_type picks one
    media: tuple[tuple[str, Literal["json", "multipart", "form", "binary", "text"]], ...] = ()


@dataclass(frozen=True, slots=True)
class Operation(Generic[T]):
    """Everything the pipeline needs to know about one API operation."""

    id: str
    method: str
    path: str
    parse: Callable[[bytes], T] | None  # None: the body is streamed, or there is none
    kind: Literal["json", "stream", "text", "empty", "events"] = "json"
    accept: str = "application/json"
    path_params: tuple[Param, ...] = ()
    query_params: tuple[Param, ...] = ()
    header_params: tuple[Param, ...] = ()
    cookie_params: tuple[Param, ...] = ()
    errors: tuple[tuple[str, Callable[[httpx.Response], SDKError]], ...] = ()
    idempotent: bool = True
    # the alternatives of schemes (OR of ANDs) in the spec's order: the first the client has every credential of is sent
    security: tuple[tuple[str, ...], ...] = ()
    # ``security`` when the call may not go without credentials; () when it may
    required_security: tuple[tuple[str, ...], ...] = ()
    body: Body | None = None
    servers: tuple[ServerTemplate, ...] = ()  # the operation's own (else its path's): where it goes by default
    # when the 2XX responses differ: (status or "2XX", kind, parser) tried in order; ``parse`` takes any other 2XX
    by_status: tuple[tuple[str, Literal["json", "text", "empty"], Callable[[bytes], Any] | None], ...] = ()
    parse_event: Callable[[str], T] | None = None  # events: each event's data (utils/_events.py)


@dataclass(frozen=True, slots=True)
class RequestOptions:
    """Per-call overrides; None means "as configured on the client"."""

    retries: RetryConfig | None = None
    server_url: str | None = None
    timeout_ms: int | None = None
    http_headers: Mapping[str, str] | None = None
    content_type: str | None = None  # the request body's media type, for a body declared with several


# -- building ---------------------------------------------------------------------------------


def build_request(
    client: httpx.Client | httpx.AsyncClient,
    core: ClientCore,
    op: Operation[Any],
    request: pydantic.BaseModel | None,
    options: RequestOptions,
) -> httpx.Request:
    path = op.path
    for param in op.path_params:
        # safe="" so that "/", "?" or "#" in a value can never change the path it lands in (path_value too)
        value = getattr(request, param.attr)
        if param.style:
            value = path_value(param, value)
        else:
            raw = _scalar(value)
            value = raw if _UNRESERVED.issuperset(raw) else quote(raw, safe="")
        if value in _MOVING_SEGMENTS:
            raise _moving_segment(param, value)
        path = path.replace("{" + param.wire + "}", value)
    query: list[tuple[str, Any]] = []
    for param in op.query_params:
        value = getattr(request, param.attr)
        if value is None:
            continue
        if param.style:
            query.extend(query_pairs(param, value))
        else:
            query.append((param.wire, _scalar(value)))
    headers = core._default_headers(client, op.accept)  # noqa: SLF001 - the pipeline is the core's own machinery
    if core.http_headers:
        _merge_headers(headers, core.http_headers)
    for param in op.header_params:
        value = getattr(request, param.attr)
        if value is not None:  # a User-Agent parameter replaces the SDK's user agent (names match in any case)
            text = header_value(param, value) if param.style else _scalar(value)
            if text is not None:
                _merge_headers(headers, {param.wire: text})
    body: dict[str, Any] = {}
    if op.body is not None and getattr(request, op.body.attr) is not None:
        chosen = _chosen_body(op.body, options.content_type)
        body = _encode_body(chosen, getattr(request, op.body.attr))
        if "content" in body:
            _merge_headers(headers, {"content-type": chosen.content_type})
    credentials = core._chosen(op.security) if op.security else None  # noqa: SLF001
    cookies: list[str] = []
    if credentials is not None:  # only the chosen alternative's; an OAuth2 token is the send loop's
        for location, wire, value in credentials:
            if location == "header":
                headers[wire] = value
            elif location == "query":
                query.append((wire, value))
            elif location == "cookie":
                cookies.append(value)
    if options.http_headers:
        _merge_headers(headers, options.http_headers)
    if op.cookie_params:  # after every configured header: they join a Cookie header given there
        cookies += [
            p
            for param in op.cookie_params
            if (v := getattr(request, param.attr)) is not None
            for p in cookie_pieces(param, v)
        ]
    if cookies:
        add_cookies(headers, cookies)
    if credentials is None and op.required_security:
        require_credentials(core, client, op.id, op.required_security, headers, query)
    timeout_ms = options.timeout_ms if options.timeout_ms is not None else core.timeout_ms
    if timeout_ms is not None and timeout_ms <= 0:  # to httpx, 0 means a non-blocking socket, not "no time"
        raise RequestValidationError(f"timeout_ms must be more than 0, not {timeout_ms}; nothing was sent")
    url = _base(core, op, options) + path
    if query:  # encoded here, not by httpx: "%20" for a space, and the delimiters of a style kept as they are
        url += "?" + query_string(query)
    try:
        return client.build_request(
            op.method,
            url,
            headers=headers,
            timeout=httpx.Timeout(timeout_ms / 1000) if timeout_ms is not None else httpx.USE_CLIENT_DEFAULT,
            **body,
        )
    except (UnicodeEncodeError, httpx.InvalidURL) as error:  # a non-ASCII header, a URL httpx cannot parse
        raise RequestValidationError(
            redact(f"the request could not be built ({type(error).__name__}: {error}); nothing was sent")
        ) from error


def _merge_headers(headers: dict[str, str], more: Mapping[str, str]) -> None:
    """``headers`` updated from ``more``, header names compared in any case: a name given again replaces the value,
    never adds a second header of that name (httpx would send both)."""
    for name, value in more.items():
        for old in [key for key in headers if key.lower() == name.lower() and key != name]:
            del headers[old]
        headers[name] = value


def _chosen_body(body: Body, content_type: str | None) -> Body:
    """The body as the call's ``content_type`` says to send it: one of the media types the operation declares."""
    if content_type is None or content_type == body.content_type:
        return body
    for media, kind in body.media:
        if media == content_type:
            return Body(body.attr, kind, media)
    declared = ", ".join(repr(media) for media, _ in body.media) or repr(body.content_type)
    raise RequestValidationError(f"content_type={content_type!r} is not one of {declared}; nothing was sent")


def _base(core: ClientCore, op: Operation[Any], options: RequestOptions) -> str:
    """The call's ``server_url``, else the client's if given, else the operation's server, else the client's."""
    if options.server_url:
        return options.server_url.rstrip("/")
    return base_url(core._server_given, core.server_url, op.servers, core.server_variables)  # noqa: SLF001


# A path value that would move the request elsewhere: URL normalisation (httpx's, a proxy's, the
# server's, which may decode %2E first) resolves "." and "..", and "" drops a segment.
_MOVING_SEGMENTS = frozenset({"", ".", ".."})
# What ``quote(text, safe="")`` leaves as it is (RFC 3986's unreserved characters): a value of only these, as most
# IDs are, is its own encoding, and skips ``quote`` on the per-call path.
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def _moving_segment(param: Param, value: str) -> RequestValidationError:
    return RequestValidationError(
        f"{param.attr}={value!r} cannot be sent as a path value: it would change the endpoint; nothing was sent"
    )


def _wire_value(value: Any) -> Any:
    """Models as dicts keyed by wire name, leaving out optional fields the caller never set.

    A field the caller set to None is kept (an explicit null); a default that is not None (such as a
    discriminator's tag) is kept too, so the server sees what the model means.
    """
    if isinstance(value, pydantic.BaseModel):
        if isinstance(value, pydantic.RootModel):
            return _wire_value(value.root)
        out: dict[str, Any] = {}
        for name, field in type(value).model_fields.items():
            item = getattr(value, name)
            if item is None and name not in value.model_fields_set:
                continue
            wire = field.serialization_alias if field.serialization_alias is not None else field.alias
            out[wire if wire is not None else name] = _wire_value(item)
        out.update((key, _wire_value(item)) for key, item in (value.model_extra or {}).items())
        return out
    if isinstance(value, Mapping):
        return {key: _wire_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_wire_value(item) for item in value]
    if isinstance(value, tuple):  # kept a tuple: in a multipart body, (filename, content[, content type]) is a file
        return tuple(_wire_value(item) for item in value)
    return value


def _encode_body(body: Body, value: Any) -> dict[str, Any]:
    """httpx.build_request arguments for a request body."""
    if body.kind == "json":
        return {"content": pydantic_core.to_json(_wire_value(value))}
    if body.kind == "text":
        return {"content": str(value).encode("utf-8")}
    if body.kind == "binary":
        return {"content": value}
    fields = _wire_value(value)
    items = fields.items() if isinstance(fields, dict) else [("body", fields)]
    if body.kind == "form":
        form: dict[str, Any] = {}
        for key, item in items:
            if item is not None:
                form[key] = [_form_scalar(v) for v in item] if isinstance(item, (list, tuple)) else _form_scalar(item)
        return {"data": form}
    # multipart: every field as a part, so that the body is multipart even without a file in it
    parts: list[tuple[str, Any]] = []
    for key, item in items:
        for part in item if isinstance(item, list) else [item]:
            if isinstance(part, (bytes, bytearray)):
                parts.append((key, (key, bytes(part), "application/octet-stream")))
            elif isinstance(part, tuple) and 2 <= len(part) <= 3 and isinstance(part[1], (bytes, bytearray, str)):
                # httpx's file tuples: (filename, content) guesses the content type from the filename
                parts.append((key, part))
            elif hasattr(part, "read"):
                parts.append((key, (getattr(part, "name", key), part, "application/octet-stream")))
            elif part is not None:
                parts.append((key, (None, _form_scalar(part))))
    return {"files": parts}


def _form_scalar(value: Any) -> str:
    if isinstance(value, (dict, list, tuple)):
        return pydantic_core.to_json(value).decode("utf-8")
    return _scalar(value)


def _retry_config(core: ClientCore, op: Operation[Any], options: RequestOptions) -> RetryConfig | None:
    if options.retries is not None:
        return options.retries
    if core.retry_config is not None:
        return core.retry_config
    return DEFAULT_RETRY_CONFIG if op.idempotent else None


def _same_origin(a: httpx.URL, b: httpx.URL) -> bool:
    return (a.scheme, a.host, a.port) == (b.scheme, b.host, b.port)


def _next_hop(core: ClientCore, response: httpx.Response) -> httpx.Request | None:
    """The redirect to follow, without credentials when it leaves the origin they were meant for."""
    request = response.next_request
    if request is None or request.url.scheme not in ("http", "https"):
        return None  # not followed: the 3XX is the answer, an SDKError with its status (``raise_for_error``)
    if not _same_origin(request.url, response.request.url):
        core._strip_security(request)  # noqa: SLF001
    return protect(request)


def _token_sources(core: ClientCore, op: Operation[Any], request: httpx.Request) -> tuple[TokenSource, ...]:
    """The OAuth2 token sources of the call's chosen alternative; none when the request carries the caller's own
    ``Authorization`` (``http_headers``, the caller's client)."""
    chosen = core._chosen(op.security) if op.security else None  # noqa: SLF001
    if not chosen or "authorization" in request.headers:
        return ()
    return tuple(core._tokens[value] for location, _, value in chosen if location == "oauth2")  # noqa: SLF001


def _connection_error(error: httpx.RequestError, note: str = "") -> APIConnectionError:
    kind = APITimeoutError if isinstance(error, httpx.TimeoutException) else APIConnectionError
    return kind(redact(f"{type(error).__name__}: {error}" if str(error) else type(error).__name__) + note)


# -- sending ----------------------------------------------------------------------------------


class _Call:
    """One call's state across attempts: retry budget, hooks and logging, shared by both send loops."""

    __slots__ = ("core", "op", "request", "retrier", "context", "log", "started", "tokens", "used")

    def __init__(self, core: ClientCore, op: Operation[Any], request: httpx.Request, options: RequestOptions) -> None:
        config = _retry_config(core, op, options)
        self.core = core
        self.op = op
        self.request = request
        self.retrier = Retrier(config, core.max_retries) if config is not None else None
        secret = core._secret_query  # noqa: SLF001
        self.context = HookContext(op.id, request.method, redact_url(request.url, secret)) if core.hooks else None
        # the one logging check per call: the logger (the package's unless given) is enabled for DEBUG
        logger = core.logger
        self.log = logger if logger is not None and logger.isEnabledFor(logging.DEBUG) else None
        self.started = time.perf_counter() if self.log is not None else 0.0
        self.tokens = _token_sources(core, op, request) if core._tokens else ()  # noqa: SLF001
        self.used: tuple[str, ...] | None = None  # the OAuth2 tokens sent; None once refreshed (a 401 is then final)

    def token_request(self) -> tuple[str, httpx.Timeout | Any]:
        """Where a relative token URL is resolved, and the timeout of the token request."""
        timeout_ms = self.core.timeout_ms
        return self.core.server_url, httpx.Timeout(
            timeout_ms / 1000
        ) if timeout_ms is not None else httpx.USE_CLIENT_DEFAULT

    def authorize(self, tokens: list[str], refreshed: bool = False) -> None:
        """Send the OAuth2 access token on this call's every further attempt."""
        self.used = None if refreshed else tuple(tokens)
        self.request.headers["Authorization"] = "Bearer " + tokens[-1]

    def stale(self) -> list[tuple[TokenSource, str]]:
        """Each token source with the token a 401 answered, to be replaced."""
        return list(zip(self.tokens, self.used or (), strict=True))

    def unauthorized(self, response: httpx.Response) -> bool:
        """A 401 to a call that sent an OAuth2 token it has not refreshed yet: get a new one and send once more."""
        return response.status_code == 401 and self.used is not None

    def prepare(self) -> httpx.Request:
        """The request for the next attempt, after the before_request hooks."""
        request = self.request
        if self.context is not None:
            for hook in self.core.hooks.before_request:  # protected first: a hook may log repr(request.headers)
                request = hook(self.context, protect(request)) or request
        if self.log is not None:
            self.started = time.perf_counter()  # each attempt's own time goes in its log line
        return protect(request)

    def retry_after_response(self, response: httpx.Response) -> float | None:
        delay = self.retrier.after_response(response) if self.retrier is not None else None
        logger = self.log
        if logger is not None:
            elapsed = (time.perf_counter() - self.started) * 1000
            url = redact_url(response.request.url, self.core._secret_query)  # noqa: SLF001
            retried = self.retrier is not None and self.retrier.attempts > 1
            verdict = self._verdict(delay) if delay is not None or (retried and response.status_code >= 400) else ""
            logger.debug(
                "%s %s -> %s in %.1f ms (%s)%s",
                response.request.method,
                url,
                response.status_code,
                elapsed,
                self.op.id,
                verdict,
            )
        return delay

    def retry_after_error(self, error: httpx.RequestError) -> float | None:
        delay = self.retrier.after_error(error) if self.retrier is not None else None
        logger = self.log
        if logger is not None:
            url = redact_url(self.request.url, self.core._secret_query)  # noqa: SLF001
            name, elapsed = type(error).__name__, (time.perf_counter() - self.started) * 1000
            verdict = self._verdict(delay)
            logger.debug(
                "%s %s failed in %.1f ms (%s): %s%s", self.request.method, url, elapsed, self.op.id, name, verdict
            )
        return delay

    def _verdict(self, delay: float | None) -> str:
        """The retry decision, for the log: the next attempt and its wait, or how many attempts were made."""
        attempts = self.retrier.attempts if self.retrier is not None else 1
        if delay is not None:
            return f"; retrying in {delay:.3f}s (attempt {attempts})"
        return f"; giving up after {attempts} attempt{'s' if attempts != 1 else ''}"

    def attempts_note(self) -> str:
        """`` after 3 attempts to api.example.com``: for the final error of a call."""
        attempts = self.retrier.attempts if self.retrier is not None else 1
        return f" after {attempts} attempt{'s' if attempts != 1 else ''} to {self.request.url.host}"

    def failed(self, error: httpx.RequestError) -> APIConnectionError:
        """The SDK error for a transport failure, after the after_error hooks saw it."""
        raised = _connection_error(error, self.attempts_note())
        if self.context is not None:
            for hook in self.core.hooks.after_error:
                hook(self.context, None, raised)
        return raised

    def refused(self, error: ClientError) -> None:
        """Tell the after_error hooks of an SDK error raised while sending or reading (a body too large, too many redirects)."""
        if self.context is not None:
            for hook in self.core.hooks.after_error:
                hook(self.context, getattr(error, "raw_response", None), error)

    def deadline(self, request: httpx.Request) -> float | None:
        """When this attempt must be done: its timeout from now, but never past the retry deadline."""
        now = time.monotonic()
        return attempt_deadline(request, self.retrier.remaining(now) if self.retrier is not None else None, now)

    def finish(self, response: httpx.Response) -> httpx.Response:
        """Run after_success or after_error on the final response."""
        if self.retrier is not None and self.retrier.attempts > 1 and response.status_code >= 400:
            response.extensions[ATTEMPTS_NOTE] = self.attempts_note()  # read by SDKError for its message
        if self.context is None:
            return response
        if response.status_code >= 400:
            for error_hook in self.core.hooks.after_error:
                error_hook(self.context, response, None)
            return response
        for hook in self.core.hooks.after_success:
            response = hook(self.context, response) or response
        return response


_CLOSED = "the httpx client given to the SDK was closed; nothing was sent"


def send(client: httpx.Client, call: _Call, *, stream: bool = False) -> httpx.Response:
    if call.tokens:
        base, timeout = call.token_request()
        call.authorize([source.token(client, base, timeout) for source in call.tokens])
    while True:
        request = call.prepare()
        deadline = call.deadline(request)
        if client.is_closed:  # close() meanwhile (another thread, a hook): the SDK opens its own client again
            client = call.core._sync_client()  # noqa: SLF001
            if client.is_closed:
                raise APIConnectionError(_CLOSED)
        try:
            for _ in range(_MAX_REDIRECTS + 1):
                response = client.send(request, stream=True, follow_redirects=False)
                hop = _next_hop(call.core, response)
                if hop is None:
                    break
                response.close()
                request = hop
            else:
                response.close()
                raise APIConnectionError(f"more than {_MAX_REDIRECTS} redirects")
            delay = call.retry_after_response(response)
            if delay is None and call.unauthorized(response):
                response.close()
                call.authorize(
                    [s.token(client, *call.token_request(), stale=old) for s, old in call.stale()], refreshed=True
                )
                continue
            if delay is None:
                if not stream or not 200 <= response.status_code < 300:  # an error body is read within the attempt
                    read_body(response, call.core.max_response_bytes, deadline)
                return call.finish(response)
            response.close()
        except httpx.RequestError as error:  # TransportError, and DecodingError for a body that does not decode
            delay = call.retry_after_error(error)
            if delay is None:
                raise call.failed(error) from error
        except ClientError as error:  # ResponseTooLargeError, too many redirects: the hooks hear of it too
            call.refused(error)
            raise
        time.sleep(delay)


async def _sleep_async(delay: float) -> None:
    import asyncio  # here, not at the top: sync-only programs never pay for importing asyncio

    await asyncio.sleep(delay)


async def _exchange_async(
    client: httpx.AsyncClient, call: _Call, request: httpx.Request, stream: bool
) -> tuple[httpx.Response, float | None]:
    """One attempt: the response (read unless streamed) and the delay before the next, None to keep it."""
    for _ in range(_MAX_REDIRECTS + 1):
        response = await client.send(request, stream=True, follow_redirects=False)
        hop = _next_hop(call.core, response)
        if hop is None:
            break
        await response.aclose()
        request = hop
    else:
        await response.aclose()
        raise APIConnectionError(f"more than {_MAX_REDIRECTS} redirects")
    delay = call.retry_after_response(response)
    if delay is None:
        if not stream or not 200 <= response.status_code < 300:  # an error body is read within the attempt
            await aread_body(response, call.core.max_response_bytes)
        return response, None
    await response.aclose()
    return response, delay


async def send_async(client: httpx.AsyncClient, call: _Call, *, stream: bool = False) -> httpx.Response:
    if call.tokens:
        base, timeout = call.token_request()
        call.authorize([await source.atoken(client, base, timeout) for source in call.tokens])
    while True:
        request = call.prepare()
        deadline = call.deadline(request)
        if client.is_closed:  # aclose() meanwhile (another task, a hook): the SDK opens its own client again
            client = call.core._async_client()  # noqa: SLF001
            if client.is_closed:
                raise APIConnectionError(_CLOSED)
        try:
            response, delay = await within(deadline, request, _exchange_async(client, call, request, stream))
            if delay is None and call.unauthorized(response):
                await response.aclose()
                tokens = [await s.atoken(client, *call.token_request(), stale=old) for s, old in call.stale()]
                call.authorize(tokens, refreshed=True)
                continue
            if delay is None:
                return call.finish(response)
        except httpx.RequestError as error:  # TransportError, DecodingError, and the deadline's ReadTimeout
            delay = call.retry_after_error(error)
            if delay is None:
                raise call.failed(error) from error
        except ClientError as error:  # ResponseTooLargeError, too many redirects: the hooks hear of it too
            call.refused(error)
            raise
        await _sleep_async(delay)


# -- parsing ----------------------------------------------------------------------------------


def _status_matches(pattern: str, status: int) -> bool:
    if pattern == "default":
        return status >= 400
    if pattern.endswith("XX"):
        return str(status)[0] == pattern[0]
    return pattern == str(status)


def raise_for_error(op: Operation[Any], response: httpx.Response) -> None:
    """Raise the typed error for a non-2XX response; the body must already be read."""
    status = response.status_code
    if 200 <= status < 300:
        return
    for pattern in ("exact", "range", "default"):
        for spec, factory in op.errors:
            kind = "default" if spec == "default" else "range" if spec.endswith("XX") else "exact"
            if kind == pattern and _status_matches(spec, status):
                raise factory(response)
    raise SDKError.from_response(response)


def parse_response(op: Operation[T], response: httpx.Response) -> T:
    raise_for_error(op, response)
    kind, parse = op.kind, op.parse
    for pattern, status_kind, status_parse in op.by_status:
        if _status_matches(pattern, response.status_code):
            kind, parse = status_kind, status_parse
            break
    if parse is None:
        return None  # type: ignore[return-value]  # an "empty" operation is typed as returning None
    content_type = response.headers.get("content-type", "")
    if kind == "json" and content_type and "json" not in content_type.lower():
        raise ResponseValidationError(f"expected a JSON response, got content type {content_type!r}", response)
    try:
        return parse(response.content)
    except (pydantic.ValidationError, ValueError) as error:
        raise ResponseValidationError(
            f"response body did not match the spec ({_first_line(error)})", response
        ) from error


def _first_line(error: Exception) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def json_parser(type_: Any) -> Callable[[bytes], Any]:
    """A parser for a non-model type; the TypeAdapter is built on first use, not at import."""
    adapter: pydantic.TypeAdapter[Any] | None = None

    def parse(data: bytes) -> Any:
        nonlocal adapter
        if adapter is None:
            adapter = pydantic.TypeAdapter(type_)
        return adapter.validate_json(data)

    return parse


def text_parser(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


# -- the four entry points the generated code calls ---------------------------------------------


def invoke(core: ClientCore, op: Operation[T], request: pydantic.BaseModel | None, options: RequestOptions) -> T:
    client = core._sync_client()  # noqa: SLF001
    response = send(client, _Call(core, op, build_request(client, core, op, request, options), options))
    return parse_response(op, response)


async def invoke_async(
    core: ClientCore, op: Operation[T], request: pydantic.BaseModel | None, options: RequestOptions
) -> T:
    client = core._async_client()  # noqa: SLF001
    response = await send_async(client, _Call(core, op, build_request(client, core, op, request, options), options))
    return parse_response(op, response)


def open_stream(
    core: ClientCore, op: Operation[Any], request: pydantic.BaseModel | None, options: RequestOptions
) -> BinaryStream:
    client = core._sync_client()  # noqa: SLF001
    call = _Call(core, op, build_request(client, core, op, request, options), options)
    response = send(client, call, stream=True)
    if not 200 <= response.status_code < 300:
        response.close()  # its body was read by ``send``, within the attempt's deadline
        raise_for_error(op, response)
    return BinaryStream(response, owner=core)


async def open_stream_async(
    core: ClientCore, op: Operation[Any], request: pydantic.BaseModel | None, options: RequestOptions
) -> AsyncBinaryStream:
    client = core._async_client()  # noqa: SLF001
    call = _Call(core, op, build_request(client, core, op, request, options), options)
    response = await send_async(client, call, stream=True)
    if not 200 <= response.status_code < 300:
        await response.aclose()  # its body was read by ``send_async``, within the attempt's deadline
        raise_for_error(op, response)
    return AsyncBinaryStream(response, owner=core)
