"""A scripted stand-in for any API, served by uvicorn on loopback (through ``tests.server.LiveServer``).

Every request is recorded whole (method, path, query, headers, body) with its body decoded the way the
server would read it: JSON, form fields, or multipart parts with their filenames and content types. The
answer to each ``(method, path)`` comes from a script a test sets with ``answer``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.server import LiveServer

METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"]


@dataclass(frozen=True)
class Part:
    """One part of a multipart body."""

    name: str
    filename: str | None
    content_type: str | None  # None: the part had no Content-Type header
    data: bytes


@dataclass(frozen=True)
class Received:
    """One request as the server saw it."""

    method: str
    path: str  # decoded
    raw_path: str  # as sent, percent-encoding kept
    query: list[tuple[str, str]]
    headers: dict[str, str]  # lower-case names
    body: bytes
    raw_headers: tuple[tuple[str, str], ...] = ()  # every header as it arrived, repeats kept

    def all(self, name: str) -> list[str]:
        """Every value of the header ``name`` (any case), in the order they arrived."""
        return [v for k, v in self.raw_headers if k.lower() == name.lower()]

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    def json(self) -> Any:
        assert self.content_type.split(";")[0] == "application/json", self.content_type
        return json.loads(self.body)

    def form(self) -> list[tuple[str, str]]:
        assert self.content_type == "application/x-www-form-urlencoded", self.content_type
        return parse_qsl(self.body.decode("ascii"), keep_blank_values=True, strict_parsing=True)

    def parts(self) -> list[Part]:
        assert self.content_type.startswith("multipart/form-data; boundary="), self.content_type
        head = f"Content-Type: {self.content_type}\r\n\r\n".encode("latin-1")
        message = BytesParser(policy=HTTP).parsebytes(head + self.body)
        assert message.is_multipart() and not message.defects, message.defects
        parts = []
        for part in message.iter_parts():
            assert part.get_content_disposition() == "form-data", part
            payload = part.get_payload(decode=True)
            parts.append(
                Part(
                    name=str(part.get_param("name", header="content-disposition")),
                    filename=part.get_filename(),
                    content_type=part.get_content_type() if "content-type" in part else None,
                    data=payload if isinstance(payload, bytes) else b"",
                )
            )
        return parts


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "application/json"


@dataclass
class ScriptedApp:
    """An ASGI app that records every request and answers from ``script``; unscripted requests get a 599."""

    requests: list[Received] = field(default_factory=list)
    script: dict[tuple[str, str], Answer] = field(default_factory=dict)
    headers: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)  # extra answer headers

    def __post_init__(self) -> None:
        self.app = Starlette(routes=[Route("/{path:path}", self.endpoint, methods=METHODS)])

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await self.app(scope, receive, send)

    async def endpoint(self, request: Request) -> Response:
        self.requests.append(
            Received(
                method=request.method,
                path=request.url.path,
                raw_path=request.scope.get("raw_path", b"").decode("latin-1"),
                query=parse_qsl(request.scope["query_string"].decode("latin-1"), keep_blank_values=True),
                headers={k.lower(): v for k, v in request.headers.items()},
                body=await request.body(),
                raw_headers=tuple((k.decode("latin-1"), v.decode("latin-1")) for k, v in request.scope["headers"]),
            )
        )
        answer = self.script.get((request.method, request.url.path), Answer(599, b"not scripted", "text/plain"))
        headers = {"content-type": answer.content_type} if answer.content_type else {}
        headers.update(self.headers.get((request.method, request.url.path), {}))
        return Response(answer.body, status_code=answer.status, headers=headers)

    def answer(
        self, method: str, path: str, status: int = 200, body: Any = b"", content_type: str | None = None
    ) -> None:
        """Script the answer to ``method path``: bytes as they are, anything else as JSON."""
        if not isinstance(body, bytes):
            body, content_type = json.dumps(body).encode(), content_type or "application/json"
        self.script[(method, path)] = Answer(status, body, content_type)

    def reset(self) -> None:
        self.requests.clear()
        self.script.clear()
        self.headers.clear()

    @property
    def last(self) -> Received:
        assert self.requests, "no request arrived"
        return self.requests[-1]


@contextmanager
def scripted_server() -> Iterator[tuple[LiveServer, ScriptedApp]]:
    app = ScriptedApp()
    with LiveServer("127.0.0.1", app=app) as server:
        yield server, app
