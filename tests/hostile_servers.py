"""Hostile servers on 127.0.0.1 for the retry tests: one that answers every request with the same
error and a chosen ``Retry-After``, and one that accepts connections and never answers.

Both count what they received, so a test can assert how many requests one call sent.
"""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


class _Storm(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real API would
    server: StormServer

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's naming
        with self.server.lock:
            self.server.count += 1
            self.server.paths.append(self.path)
        body = b'{"detail": "try again"}'
        self.send_response(self.server.status)
        for name, value in self.server.extra_headers.items():
            self.send_header(name, value)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET  # noqa: N815

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's signature
        pass


class StormServer(ThreadingHTTPServer):
    """Answers every GET with ``status`` and ``headers``; ``count`` is the requests received."""

    daemon_threads = True

    def __init__(self, headers: dict[str, str], status: int = 503) -> None:
        super().__init__(("127.0.0.1", 0), _Storm)
        self.extra_headers = headers
        self.status = status
        self.count = 0
        self.paths: list[str] = []
        self.lock = threading.Lock()
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up between requests is normal here, not worth a traceback

    def __enter__(self) -> StormServer:
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.shutdown()
        self.server_close()
        self._thread.join(timeout=5)


class SilentServer:
    """Accepts every connection, reads what comes, and never answers; ``connections`` counts them."""

    def __init__(self) -> None:
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.05)
        self._held: list[socket.socket] = []
        self._stop = threading.Event()
        self.connections = 0
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._sock.getsockname()[1]}"

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            self._held.append(conn)

    def __enter__(self) -> SilentServer:
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        for conn in self._held:
            conn.close()
        self._sock.close()
