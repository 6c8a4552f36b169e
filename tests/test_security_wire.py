"""Security as OpenAPI means it (issue 14.4), on the wire of a uvicorn server on 127.0.0.1.

A call's ``security`` list is OR, the schemes of one requirement AND: the client sends the first requirement it has
every credential of, and only that one; ``{}`` lets the call go with none. HTTP basic, bearer (a ``Bearer `` prefix
given with the token is not doubled), an API key in a cookie, and OAuth2's client credentials flow (a token fetched
once, cached until shortly before it expires, refreshed once on a 401). One package is generated from the spec below
and imported in-process; the server records every request's path, headers and body, and serves the token endpoint.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl

import pytest

from tests.cli_runs import generate_ok
from tests.server import LiveServer
from tests.test_shipped_tests import passed, run_tests
from tests.tools import imported

PACKAGE = "auth_sdk"
CLIENT_ID = "client-7f2e"
CLIENT_SECRET = "s3cret-client-91ab"
OK = {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object"}}}}}


def operation(name: str, security: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"get": {"operationId": name, "tags": ["calls"], "security": security, "responses": OK, **extra}}


def spec() -> dict[str, Any]:
    lang = {"name": "lang", "in": "cookie", "required": False, "schema": {"type": "string"}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Auth", "version": "1"},
        "servers": [{"url": "http://localhost"}],
        "security": [{"Key": []}],
        "paths": {
            "/either": operation("either", [{"Key": []}, {"Bearer": []}]),
            "/both": operation("both", [{"Key": [], "Cookie": []}]),
            "/optional": operation("optional", [{}, {"Basic": []}]),
            "/basic": operation("basic", [{"Basic": []}]),
            "/bearer": operation("bearer", [{"Bearer": []}]),
            "/cookie": operation("cookie", [{"Cookie": []}], parameters=[lang]),
            "/oauth": operation("oauth", [{"OAuth": ["read"]}]),
        },
        "components": {
            "securitySchemes": {
                "Key": {"type": "apiKey", "in": "header", "name": "X-Key"},
                "Cookie": {"type": "apiKey", "in": "cookie", "name": "session"},
                "Bearer": {"type": "http", "scheme": "bearer"},
                "Basic": {"type": "http", "scheme": "basic"},
                "OAuth": {
                    "type": "oauth2",
                    "flows": {
                        "clientCredentials": {
                            "tokenUrl": "/oauth/token",
                            "scopes": {"read": "read things", "write": "write them"},
                        }
                    },
                },
                "Implicit": {
                    "type": "oauth2",
                    "flows": {"implicit": {"authorizationUrl": "https://x.test/auth", "scopes": {}}},
                },
            }
        },
    }


class Recorder:
    """An ASGI app: the token endpoint (``/oauth/token``) issues ``tok-1``, ``tok-2``, ...; every other path answers
    ``{}`` (401 to a bearer token in ``reject``, or to every token when ``reject_all``), and is recorded."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.token_requests: list[dict[str, Any]] = []
        self.reset()

    def reset(self) -> None:
        self.requests.clear()
        self.token_requests.clear()
        self.expires_in: Any = 3600
        self.token_status = 200
        self.token_body: dict[str, Any] | None = None
        self.token_delay = 0.0
        self.token_drip = False  # a byte of the token response every 0.1 s, for 10 s
        self.reject: set[str] = set()
        self.reject_all = False

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        assert scope["type"] == "http"
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        record = {"path": scope["path"], "method": scope["method"], "headers": headers, "body": body.decode()}
        if scope["path"] == "/oauth/token":
            self.token_requests.append(record)
            if self.token_delay:
                await asyncio.sleep(self.token_delay)
            if self.token_drip:
                start = [(b"content-type", b"application/json"), (b"content-length", b"100")]
                await send({"type": "http.response.start", "status": 200, "headers": start})
                for _ in range(100):
                    await asyncio.sleep(0.1)
                    await send({"type": "http.response.body", "body": b" ", "more_body": True})
                return
            n = len(self.token_requests)
            answer = self.token_body or {
                "access_token": f"tok-{n}",
                "token_type": "Bearer",
                "expires_in": self.expires_in,
            }
            await respond(send, self.token_status, answer)
            return
        self.requests.append(record)
        token = headers.get("authorization", "").removeprefix("Bearer ")
        rejected = scope["path"] == "/oauth" and (self.reject_all or token in self.reject)
        await respond(send, 401 if rejected else 200, {})


async def respond(send: Any, status: int, data: dict[str, Any]) -> None:
    headers = [(b"content-type", b"application/json")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": json.dumps(data).encode()})


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("auth")
    (work / "spec.json").write_text(json.dumps(spec()), encoding="utf-8")
    (work / "config.yaml").write_text(
        f"package: {PACKAGE}\ndistribution: {PACKAGE}\nsdk_class: Api\ncore_class: ApiCore\nenv_prefix: AUTH\n"
    )
    out = work / "out"
    result = generate_ok(out, spec=work / "spec.json", config=work / "config.yaml")
    # the implicit flow is left to the caller, as before
    assert "securitySchemes/Implicit: unsupported security scheme; it is ignored" in result.stderr
    return out


@pytest.fixture(scope="module")
def sdk_module(generated: Path) -> Iterator[ModuleType]:
    with imported(generated, PACKAGE) as module:
        yield module


@pytest.fixture(scope="module")
def live() -> Iterator[tuple[LiveServer, Recorder]]:
    recorder = Recorder()
    with LiveServer("127.0.0.1", app=recorder) as server:
        yield server, recorder


@pytest.fixture
def make(sdk_module: ModuleType, live: tuple[LiveServer, Recorder], monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """``make(**credentials)``: a client of the server, only the credentials given (none from the environment)."""
    server, recorder = live
    for name in ("KEY", "COOKIE", "BEARER", "USERNAME", "PASSWORD", "CLIENT_ID", "CLIENT_SECRET"):
        monkeypatch.delenv(f"AUTH_{name}", raising=False)
    recorder.reset()
    clients: list[Any] = []

    def build(**credentials: Any) -> Any:
        client = sdk_module.Api(server_url=server.url, **credentials)
        clients.append(client)
        return client

    yield build
    for client in clients:
        client.close()
    recorder.reset()


def oauth_client(make: Any) -> Any:
    return make(client_id=CLIENT_ID, client_secret=CLIENT_SECRET)


def only(recorder: Recorder) -> dict[str, str]:
    """The headers of the one request the server got."""
    assert len(recorder.requests) == 1, recorder.requests
    return dict(recorder.requests.pop()["headers"])


# -- OR of ANDs -------------------------------------------------------------------------------------------------------


def test_or_sends_the_first_requirement_the_client_has_every_credential_of(
    make: Any, live: tuple[LiveServer, Recorder]
) -> None:
    _, recorder = live
    make(bearer="tok-abc").calls.either()  # no key: the second requirement
    headers = only(recorder)
    assert headers["authorization"] == "Bearer tok-abc" and "x-key" not in headers
    make(key="key-123", bearer="tok-abc").calls.either()  # both: the first, and only it
    headers = only(recorder)
    assert headers["x-key"] == "key-123" and "authorization" not in headers


def test_or_picks_the_first_satisfiable_requirement_async(make: Any, live: tuple[LiveServer, Recorder]) -> None:
    _, recorder = live

    async def calls() -> None:
        await make(bearer="tok-abc").calls.either_async()
        assert only(recorder)["authorization"] == "Bearer tok-abc"
        await make(key="key-123", bearer="tok-abc").calls.either_async()
        headers = only(recorder)
        assert headers["x-key"] == "key-123" and "authorization" not in headers

    asyncio.run(calls())


def test_and_sends_every_scheme_of_the_requirement(make: Any, live: tuple[LiveServer, Recorder]) -> None:
    _, recorder = live
    make(key="key-123", cookie="sess-456").calls.both()
    headers = only(recorder)
    assert headers["x-key"] == "key-123" and headers["cookie"] == "session=sess-456"


def test_a_credential_the_chosen_requirement_does_not_name_is_not_sent(
    make: Any, live: tuple[LiveServer, Recorder]
) -> None:
    _, recorder = live
    client = make(key="key-123", cookie="sess-456", bearer="tok-abc", username="u", password="p")
    client.calls.both()
    headers = only(recorder)
    assert "authorization" not in headers and headers["x-key"] == "key-123"
    client.calls.bearer()
    headers = only(recorder)
    assert headers["authorization"] == "Bearer tok-abc"
    assert "x-key" not in headers and "cookie" not in headers


def test_an_empty_requirement_lets_the_call_go_with_none(make: Any, live: tuple[LiveServer, Recorder]) -> None:
    _, recorder = live
    assert make().calls.optional() == {}
    assert "authorization" not in only(recorder)
    make(username="u", password="p").calls.optional()  # the other requirement is sent when it can be
    assert only(recorder)["authorization"].startswith("Basic ")


def test_a_missing_credential_is_refused_before_anything_is_sent(
    sdk_module: ModuleType, make: Any, live: tuple[LiveServer, Recorder]
) -> None:
    _, recorder = live
    client = make(key="key-123")  # half of the one requirement
    with pytest.raises(sdk_module.models.errors.MissingCredentialError) as raised:
        client.calls.both()
    message = str(raised.value)
    assert "key=" in message and "AUTH_KEY" in message and "cookie=" in message and "AUTH_COOKIE" in message
    with pytest.raises(sdk_module.models.errors.MissingCredentialError) as raised:
        make(client_id=CLIENT_ID).calls.oauth()  # no secret
    message = str(raised.value)
    assert "client_id= and client_secret=" in message and "AUTH_CLIENT_ID and AUTH_CLIENT_SECRET" in message
    assert recorder.requests == [] and recorder.token_requests == []


# -- the schemes --------------------------------------------------------------------------------------------------------


def test_basic_sends_the_base64_of_user_and_password(
    make: Any, live: tuple[LiveServer, Recorder], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, recorder = live
    make(username="Aladdin", password="open sesame").calls.basic()
    assert only(recorder)["authorization"] == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="  # RFC 7617's example
    monkeypatch.setenv("AUTH_USERNAME", "Aladdin")
    monkeypatch.setenv("AUTH_PASSWORD", "open sesame")
    client = make()
    client.calls.basic()
    assert only(recorder)["authorization"] == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
    assert "sesame" not in repr(client) and "QWxh" not in repr(client)


def test_a_bearer_token_given_with_its_prefix_is_not_prefixed_twice(
    make: Any, live: tuple[LiveServer, Recorder]
) -> None:
    _, recorder = live
    for given in ("tok-abc", "Bearer tok-abc", "bearer tok-abc", "BEARER  tok-abc"):
        make(bearer=given).calls.bearer()
        assert only(recorder)["authorization"] == "Bearer tok-abc", given


def test_a_cookie_api_key_joins_the_cookie_header(
    sdk_module: ModuleType, live: tuple[LiveServer, Recorder], make: Any
) -> None:
    server, recorder = live
    make(cookie="sess-456").calls.cookie(lang="en")
    assert only(recorder)["cookie"] == "session=sess-456; lang=en"
    with sdk_module.Api(server_url=server.url, cookie="a b;c", http_headers={"Cookie": "theme=dark"}) as client:
        client.calls.cookie()
    assert only(recorder)["cookie"] == "theme=dark; session=a%20b%3Bc"  # one header; `;` cannot split the key


# -- OAuth2 client credentials ------------------------------------------------------------------------------------------


def test_oauth2_token_is_fetched_once_and_reused(make: Any, live: tuple[LiveServer, Recorder]) -> None:
    _, recorder = live
    client = oauth_client(make)
    client.calls.oauth()
    client.with_options(timeout_ms=5000).calls.oauth()  # a copy shares the token
    assert [r["headers"]["authorization"] for r in recorder.requests] == ["Bearer tok-1", "Bearer tok-1"]
    (fetch,) = recorder.token_requests
    assert fetch["method"] == "POST"
    assert fetch["headers"]["content-type"] == "application/x-www-form-urlencoded"
    # the scopes the requirements list ("read"), not every one the flow declares
    assert dict(parse_qsl(fetch["body"])) == {"grant_type": "client_credentials", "scope": "read"}
    basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
    assert fetch["headers"]["authorization"] == f"Basic {basic}"  # client_secret_basic


@pytest.mark.parametrize("expires_in", [1, "1"])  # some servers write the number as a string
def test_oauth2_token_is_refreshed_when_it_expires(
    make: Any, live: tuple[LiveServer, Recorder], expires_in: int | str
) -> None:
    _, recorder = live
    recorder.expires_in = expires_in  # used for 0.9 s: a tenth of the lifetime is kept as the margin
    client = oauth_client(make)
    client.calls.oauth()
    client.calls.oauth()
    time.sleep(1.0)
    client.calls.oauth()
    sent = [r["headers"]["authorization"] for r in recorder.requests]
    assert sent == ["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"] and len(recorder.token_requests) == 2


def test_oauth2_a_401_gets_a_new_token_and_the_call_is_sent_once_more(
    make: Any, live: tuple[LiveServer, Recorder]
) -> None:
    _, recorder = live
    recorder.reject = {"tok-1"}  # revoked by the server before it expired
    assert oauth_client(make).calls.oauth() == {}
    assert [r["headers"]["authorization"] for r in recorder.requests] == ["Bearer tok-1", "Bearer tok-2"]
    assert len(recorder.token_requests) == 2


def test_oauth2_a_persistent_401_is_raised_after_one_refresh(
    sdk_module: ModuleType, make: Any, live: tuple[LiveServer, Recorder]
) -> None:
    _, recorder = live
    recorder.reject_all = True
    with pytest.raises(sdk_module.models.errors.AuthenticationError):
        oauth_client(make).calls.oauth()
    assert len(recorder.requests) == 2 and len(recorder.token_requests) == 2


def test_oauth2_a_failed_token_request_is_a_token_error_without_secrets(
    sdk_module: ModuleType, make: Any, live: tuple[LiveServer, Recorder]
) -> None:
    _, recorder = live
    errors = sdk_module.models.errors
    recorder.token_status = 401
    recorder.token_body = {"error": "invalid_client", "error_description": f"bad secret {CLIENT_SECRET}"}
    with pytest.raises(errors.TokenError) as raised:
        oauth_client(make).calls.oauth()
    error = raised.value
    assert isinstance(error, errors.ApiError) and not isinstance(error, errors.SDKError)
    assert str(error) == "could not get an OAuth2 access token from 127.0.0.1: status 401 (invalid_client)"
    assert (error.host, error.status_code) == ("127.0.0.1", 401)
    assert recorder.requests == []  # the call itself was not sent
    recorder.token_status, recorder.token_body = 200, {"access_token": "", "note": CLIENT_SECRET}
    with pytest.raises(errors.TokenError) as raised:
        oauth_client(make).calls.oauth()
    assert "without an access_token" in str(raised.value) and CLIENT_SECRET not in repr(raised.value)


def test_oauth2_secret_and_tokens_never_reach_the_debug_log(
    make: Any, live: tuple[LiveServer, Recorder], caplog: pytest.LogCaptureFixture
) -> None:
    _, recorder = live
    caplog.set_level(logging.DEBUG)  # every logger: the SDK's, httpx's and httpcore's
    recorder.reject = {"tok-1"}
    client = oauth_client(make)
    client.calls.oauth()
    assert len(recorder.token_requests) == 2 and "/oauth" in caplog.text  # logged, with a refresh
    basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
    for secret in (CLIENT_SECRET, basic, "tok-1", "tok-2"):
        assert secret not in caplog.text
        assert secret not in repr(client)


def test_oauth2_cached_and_refreshed_async(make: Any, live: tuple[LiveServer, Recorder]) -> None:
    _, recorder = live
    recorder.token_delay = 0.2  # long enough for every task to ask for a token at once

    async def calls() -> None:
        client = oauth_client(make)
        await asyncio.gather(*(client.calls.oauth_async() for _ in range(5)))
        assert len(recorder.token_requests) == 1
        recorder.reject = {"tok-1"}
        assert await client.calls.oauth_async() == {}
        await client.aclose()

    asyncio.run(calls())
    sent = [r["headers"]["authorization"] for r in recorder.requests]
    assert sent == ["Bearer tok-1"] * 6 + ["Bearer tok-2"] and len(recorder.token_requests) == 2


def test_oauth2_one_token_request_for_many_threads(make: Any, live: tuple[LiveServer, Recorder]) -> None:
    _, recorder = live
    recorder.token_delay = 0.2
    client = oauth_client(make)
    threads = [threading.Thread(target=client.calls.oauth) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert len(recorder.token_requests) == 1
    assert [r["headers"]["authorization"] for r in recorder.requests] == ["Bearer tok-1"] * 6


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork")
def test_oauth2_a_forked_child_gets_a_token_while_a_parent_thread_held_the_lock(
    make: Any, live: tuple[LiveServer, Recorder]
) -> None:
    _, recorder = live
    client = oauth_client(make)
    source = client._tokens["OAuth"]  # noqa: SLF001
    with source._lock:  # noqa: SLF001 - as if another thread were fetching a token at the fork
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            signal.alarm(10)  # a child stuck on the parent's lock is killed, not left hanging
            try:
                client.calls.oauth()
                os._exit(0)
            except BaseException:  # noqa: BLE001
                os._exit(1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert len(recorder.token_requests) == 1 and len(recorder.requests) == 1


def test_the_shipped_tests_send_every_kind_of_credential(generated: Path) -> None:
    """The package's own tests (``tests/_mock_api.py``) expect each operation's first requirement, OAuth2 included
    (their mock transport answers the token request)."""
    result = run_tests(generated)
    assert result.returncode == 0, result.stdout[-3000:]
    assert passed(result) == 14


def test_oauth2_a_dripping_token_server_is_cut_at_the_timeout(
    make: Any, live: tuple[LiveServer, Recorder], sdk_module: ModuleType
) -> None:
    # each byte comes within the read timeout, so only a deadline over the whole response ends it
    _, recorder = live
    recorder.token_drip = True
    client = oauth_client(make).with_options(timeout_ms=500)
    started = time.monotonic()
    with pytest.raises(sdk_module.models.errors.TokenError, match="ReadTimeout"):
        client.calls.oauth()
    assert time.monotonic() - started < 3 and recorder.requests == []

    async def call() -> None:
        await client.calls.oauth_async()

    started = time.monotonic()
    with pytest.raises(sdk_module.models.errors.TokenError, match="ReadTimeout"):
        asyncio.run(call())
    assert time.monotonic() - started < 3 and recorder.requests == []
