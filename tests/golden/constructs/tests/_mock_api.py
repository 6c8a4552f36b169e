"""What the generated tests share: an ``httpx.MockTransport`` that answers with a response made from the spec,
and the checks that the request the client sent is the one the spec describes.

Generated with the package; the generator rewrites it on every run.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pydantic_core

from sdk import Client

SERVER_URL = "https://api.example.test"
TOKEN = "test-access-token"  # what the mock token endpoint gives an OAuth2 client
# scheme -> (where, wire name, the value the client must send)
SECURITY: dict[str, tuple[str, str, str]] = {}


@dataclass(frozen=True)
class Case:
    """One call: its arguments, what the spec says the request holds, and the response the server gives."""

    method: str
    path: str
    security: tuple[str, ...]
    arguments: dict[str, Any]
    query: list[tuple[str, str]]
    headers: list[tuple[str, str]]
    body_kind: str  # json, form, multipart, binary, text; "" for none
    body_type: str
    body: Any
    status: int
    content_type: str
    response_kind: str  # json, stream, text, empty, events (``response``: one event's data)
    response: Any


class Server:
    """Answers every request with the case's response, and keeps the requests it got."""

    def __init__(self, case: Case) -> None:
        self.case = case
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.content.startswith(b"grant_type=client_credentials"):  # OAuth2
            return httpx.Response(200, json={"access_token": TOKEN, "token_type": "Bearer", "expires_in": 3600})
        self.requests.append(request)
        case = self.case
        if case.response_kind == "json":
            content = json.dumps(case.response).encode("utf-8")
        elif case.response_kind == "events":
            data = case.response if isinstance(case.response, str) else json.dumps(case.response)
            content = b"data: " + data.encode("utf-8") + b"\n\n"
        elif isinstance(case.response, str):
            content = case.response.encode("utf-8")
        else:
            content = case.response or b""
        return httpx.Response(case.status, headers={"content-type": case.content_type}, content=content)


def _sdk(server: Server, **clients: Any) -> Client:
    return Client(
        server_url=SERVER_URL,
        **clients,
    )


@contextmanager
def mock_sdk(case: Case) -> Iterator[tuple[Client, Server]]:
    """A client whose requests go to a ``Server`` for ``case``."""
    server = Server(case)
    with httpx.Client(transport=httpx.MockTransport(server)) as client:
        yield _sdk(server, client=client), server


@asynccontextmanager
async def mock_sdk_async(case: Case) -> AsyncIterator[tuple[Client, Server]]:
    server = Server(case)
    async with httpx.AsyncClient(transport=httpx.MockTransport(server)) as client:
        yield _sdk(server, async_client=client), server


def check_request(server: Server, case: Case) -> None:
    """The one request sent is what the spec says: method, path, query, headers, credentials and body."""
    assert len(server.requests) == 1, server.requests
    request = server.requests[0]
    assert request.method == case.method
    assert request.url.raw_path.split(b"?")[0].decode("ascii") == case.path
    sent = request.url.params.multi_items()
    raw_query = request.url.query.decode("ascii")
    for name, value in case.query:  # percent-encoded as the spec's style puts them on the wire
        assert f"{name}={value}" in raw_query.split("&"), (name, value, raw_query)
    # the Cookie header holds the cookie parameters after any cookie credential
    credential_cookies = {f"{SECURITY[s][1]}={SECURITY[s][2]}" for s in case.security if SECURITY[s][0] == "cookie"}
    for name, value in case.headers:
        got = request.headers.get(name)
        if name.lower() == "cookie" and got is not None:
            got = "; ".join(piece for piece in got.split("; ") if piece not in credential_cookies)
        assert got == value, (name, got)
    for scheme in case.security:
        where, wire, value = SECURITY[scheme]
        if where == "query":
            assert (wire, value) in sent
        elif where == "cookie":
            assert f"{wire}={value}" in request.headers.get("cookie", "").split("; ")
        else:
            assert request.headers.get(wire) == value
    content = request.content
    if case.body_kind in ("json", "form", "binary", "text"):
        assert request.headers.get("content-type", "").startswith(case.body_type)
    if case.body_kind == "json":
        assert contains(json.loads(content), case.body), (content, case.body)
    elif case.body_kind == "form":
        fields: dict[str, list[str]] = {}
        for key, value in parse_qsl(content.decode("utf-8"), keep_blank_values=True):
            fields.setdefault(key, []).append(value)
        for key, expected in case.body.items():
            assert fields.get(key) == (expected if isinstance(expected, list) else [expected]), (key, fields)
    elif case.body_kind == "multipart":
        assert request.headers.get("content-type", "").startswith("multipart/form-data")
        for name in case.body:
            assert f'name="{name}"'.encode() in content, name
    elif case.body_kind == "text":
        assert content == case.body.encode("utf-8")
    elif case.body_kind == "binary":
        assert content == case.body
    else:
        assert content == b""


def check_result(result: Any, case: Case) -> None:
    """The method returned what the server answered, parsed: a JSON response's every key and item, or the text."""
    if case.response_kind == "text" or (case.response_kind == "events" and isinstance(case.response, str)):
        assert result == case.response
    else:
        assert contains(pydantic_core.to_jsonable_python(result, by_alias=True), case.response), result


def contains(sent: Any, expected: Any) -> bool:
    """``sent`` holds ``expected``: every key of an object (others may be added, such as defaults), every item."""
    if isinstance(expected, dict):
        return isinstance(sent, dict) and all(k in sent and contains(sent[k], v) for k, v in expected.items())
    if isinstance(expected, list):
        return isinstance(sent, list) and len(sent) == len(expected) and all(map(contains, sent, expected))
    if isinstance(expected, bytes) and isinstance(sent, str):
        return sent.encode("utf-8") == expected
    return bool(sent == expected)
