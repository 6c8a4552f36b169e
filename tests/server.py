"""A small stand-in for the Syllable API, served by uvicorn on loopback for contract tests.

It records every request it receives, and a test can queue faults (``app.state.plan``) that the
next requests get instead of the normal answer.
"""

from __future__ import annotations

import asyncio
import datetime
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

API_KEY = "test-key-8f3a"
STREAM_CHUNK = bytes(range(256)) * 256  # 64 KiB
BIG_RECORDING_BYTES = 8 * 1024 * 1024

SESSION_PROPERTIES = {
    "timestamp", "session_id", "conversation_id", "channel_manager_service", "channel_manager_type",
    "channel_manager_sid", "agent_type", "agent_id", "agent_name", "prompt_id", "prompt_name", "source",
    "target", "duration", "is_outbound", "is_legacy", "is_test",
}  # fmt: skip


def make_session(n: int) -> dict[str, Any]:
    start = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    return {
        "timestamp": (start + datetime.timedelta(minutes=n)).isoformat(),
        "session_id": str(1000 + n),
        "conversation_id": f"conv-{n // 2}",
        "channel_manager_service": "hedy",
        "channel_manager_type": "voice_twilio_v1",
        "channel_manager_sid": f"CA{n:032x}",
        "agent_id": "17",
        "agent_name": "Front desk",
        "agent_type": "voice",
        "agent_timezone": "America/Chicago",
        "prompt_id": "4",
        "prompt_name": "Reception",
        "prompt_version": None,
        "prompt_version_number": 3,
        "duration": 61.5 + n,
        "session_label_id": None,
        "source": "+18042221111",
        "target": "+18005550100",
        "is_legacy": False,
        "is_test": n % 5 == 0,
        "is_outbound": n % 2 == 1,
        "user_terminated": True,
        "transfer_voicemail_detected": None,
        "override_timestamp": None,
    }


SESSIONS = [make_session(n) for n in range(60)]
# The placeholder IDs the generated docs' examples use, answered as a real session (tests/test_docs.py runs them).
DOC_PLACEHOLDER_IDS = {"<id>": "1000"}


@dataclass
class Fault:
    """What the next request gets instead of the normal answer."""

    status: int = 503
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    sleep: float = 0.0  # seconds before answering
    truncate: bool = False  # promise a body, send part of it, then drop the connection


def _detail(loc: list[str | int], msg: str, type_: str) -> JSONResponse:
    return JSONResponse({"detail": [{"loc": loc, "msg": msg, "type": type_}]}, status_code=422)


def _authorized(request: Request) -> Response | None:
    if request.headers.get("syllable-api-key") != API_KEY:
        return JSONResponse({"detail": "Not authenticated"}, status_code=401)
    return None


async def list_sessions(request: Request) -> Response:
    if (denied := _authorized(request)) is not None:
        return denied
    q = request.query_params
    try:
        page = int(q.get("page", "0"))
        limit = int(q.get("limit", "25"))
    except ValueError:
        return _detail(["query", "page"], "Input should be a valid integer", "int_parsing")
    if page < 0:
        return _detail(["query", "page"], "Input should be greater than or equal to 0", "greater_than_equal")
    for name in q.getlist("search_fields") + q.getlist("fields") + q.getlist("order_by"):
        if name not in SESSION_PROPERTIES:
            return _detail(["query", "search_fields"], f"unknown field {name!r}", "enum")
    items = SESSIONS
    for name, value in zip(q.getlist("search_fields"), q.getlist("search_field_values"), strict=False):
        items = [s for s in items if str(s.get(name)) == value]
    if q.get("order_by_direction") == "desc":
        items = list(reversed(items))
    chunk = items[page * limit : (page + 1) * limit]
    fields = q.getlist("fields")
    if fields:
        chunk = [{k: v for k, v in s.items() if k in fields or k == "timestamp"} for s in chunk]
    total_pages = (len(items) + limit - 1) // limit if limit else 0
    return JSONResponse(
        {"items": chunk, "page": page, "page_size": limit, "total_pages": total_pages, "total_count": len(items)}
    )


async def get_session(request: Request) -> Response:
    if (denied := _authorized(request)) is not None:
        return denied
    session_id = request.path_params["session_id"]
    session_id = DOC_PLACEHOLDER_IDS.get(session_id, session_id)
    for session in SESSIONS:
        if session["session_id"] == session_id:
            return JSONResponse(session)
    return JSONResponse({"detail": f"Session {session_id} not found"}, status_code=404)


async def recording_urls(request: Request) -> Response:
    if (denied := _authorized(request)) is not None:
        return denied
    session_id = request.path_params["session_id"]
    base = str(request.base_url).rstrip("/")
    return JSONResponse(
        {
            "session_id": session_id,
            "recordings": [f"{base}/api/v1/sessions/recording/stream?token=rec-{session_id}-{i}" for i in (1, 2)],
        }
    )


async def recording_stream(request: Request) -> Response:
    if (denied := _authorized(request)) is not None:
        return denied
    token = request.query_params.get("token")
    if not token:
        return _detail(["query", "token"], "Field required", "missing")
    size = int(request.query_params.get("size", BIG_RECORDING_BYTES if token == "big" else len(STREAM_CHUNK)))

    async def body() -> AsyncIterator[bytes]:
        sent = 0
        while sent < size:
            piece = STREAM_CHUNK[: min(len(STREAM_CHUNK), size - sent)]
            sent += len(piece)
            yield piece

    return StreamingResponse(body(), media_type="application/octet-stream", headers={"content-length": str(size)})


async def redirect(request: Request) -> Response:
    return Response(
        status_code=int(request.query_params.get("status", "307")), headers={"location": request.query_params["to"]}
    )


async def echo(request: Request) -> Response:
    return JSONResponse({"headers": dict(request.headers), "url": str(request.url)})


class Recorder:
    """ASGI middleware: records each request, and plays queued faults before the real app."""

    def __init__(self, app: Starlette) -> None:
        self.app = app
        self.requests: list[dict[str, Any]] = []
        self.plan: list[Fault] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.requests.append(
            {
                "method": scope["method"],
                "path": scope["path"],
                "raw_path": scope.get("raw_path", b"").decode("latin-1"),
                "query": scope["query_string"].decode("latin-1"),
                "headers": {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]},
                "host": dict(scope["headers"]).get(b"host", b"").decode("latin-1"),
            }
        )
        if not self.plan:
            await self.app(scope, receive, send)
            return
        fault = self.plan.pop(0)
        if fault.sleep:
            await asyncio.sleep(fault.sleep)
        headers = [(k.lower().encode(), v.encode()) for k, v in fault.headers.items()]
        length = len(fault.body) * (2 if fault.truncate else 1)
        headers.append((b"content-length", str(length).encode()))
        await send({"type": "http.response.start", "status": fault.status, "headers": headers})
        await send({"type": "http.response.body", "body": fault.body, "more_body": fault.truncate})
        if fault.truncate:
            raise ConnectionAbortedError("test fault: connection dropped mid-body")

    def reset(self) -> None:
        self.requests.clear()
        self.plan.clear()


def build_app() -> Recorder:
    app = Starlette(
        routes=[
            Route("/api/v1/sessions/", list_sessions),
            Route("/api/v1/sessions/recording/stream", recording_stream),
            Route("/api/v1/sessions/recording/{session_id:path}", recording_urls, methods=["POST"]),
            Route("/api/v1/sessions/{session_id:path}", get_session),
            Route("/redirect", redirect),
            Route("/echo", echo),
        ]
    )
    return Recorder(app)


class LiveServer:
    """uvicorn in a background thread on a free port of ``host``, serving ``app`` (by default this module's)."""

    def __init__(self, host: str = "127.0.0.1", app: Any = None) -> None:
        self.app = app if app is not None else build_app()
        config = uvicorn.Config(self.app, host=host, port=0, log_level="critical", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.host = host

    def __enter__(self) -> LiveServer:
        self.thread.start()
        for _ in range(500):
            if self.server.started:
                break
            threading.Event().wait(0.01)
        else:  # pragma: no cover
            raise RuntimeError("test server did not start")
        port = self.server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://{self.host}:{port}"
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)

    @property
    def requests(self) -> list[dict[str, Any]]:
        return self.app.requests

    @property
    def plan(self) -> list[Fault]:
        return self.app.plan
