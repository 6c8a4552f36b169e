"""The models stage in a second process, so that the two costly halves of a run overlap.

datamodel-code-generator's import and its parse of the schemas are most of a run. Started first, the process
imports and warms the library while this one loads and checks the spec and compiles the templates; it then
turns the schemas into models while this one builds the IR and renders and writes the rest of the package: every
class, field and member name is decided before (``generator.hoist``), so nothing but the model modules and their
index waits on the library. Where ``fork`` is missing, ``spawn`` works
the same, only with a slower start.
"""

from __future__ import annotations

import copy
import multiprocessing
import os
import threading
import traceback
from multiprocessing.connection import Connection
from multiprocessing.context import ForkContext, SpawnContext
from pathlib import Path
from types import TracebackType
from typing import Any

from generator.errors import Problem
from generator.hoist import Names, hoist
from generator.models import Models, ModelsError, generate_models

_WARM_UP = {"components": {"schemas": {"Warm": {"type": "object", "properties": {"up": {"type": "string"}}}}}}


class ModelsProcess:
    """``with ModelsProcess(templates) as process``, then ``process.submit(data, package, names)`` and, once other work is
    done, ``process.result()``: one request per process."""

    def __init__(self, template_dir: Path) -> None:
        context: ForkContext | SpawnContext = (
            multiprocessing.get_context("fork")
            if "fork" in multiprocessing.get_all_start_methods()
            else multiprocessing.get_context("spawn")
        )
        self._connection, child = context.Pipe()
        # A forked child inherits this end of the pipe too, so it would never see EOF if this process died: it
        # closes its copy, and watches a second pipe (``lifeline``) whose only writer is this process.
        forked = isinstance(context, ForkContext)
        lifeline, self._lifeline = os.pipe() if forked else (-1, -1)
        inherited = (self._connection, self._lifeline) if forked else None
        self._process = context.Process(
            target=_serve, args=(child, template_dir, lifeline, inherited), name="generator-models", daemon=True
        )
        self._process.start()
        child.close()
        if forked:
            os.close(lifeline)
        self._sender: threading.Thread | None = None
        self._send_error: BaseException | None = None
        self._answered = False

    def submit(self, data: dict[str, Any], package: str, names: Names) -> None:
        """Start on the models of ``data``'s component schemas, without waiting for the process to take them."""
        # The request is larger than a pipe's buffer and the process reads it only once warm: send it from a
        # thread, so that this process goes on meanwhile.
        self._sender = threading.Thread(target=self._send, args=((data, package, names),), daemon=True)
        self._sender.start()

    def _send(self, request: tuple[dict[str, Any], str, Names]) -> None:
        try:
            self._connection.send(request)
        except BaseException as error:  # noqa: BLE001 - result() reports it; the process must not wait forever
            self._send_error = error
            self._process.kill()

    def result(self) -> Models:
        """The models asked for; :class:`ModelsError` when the library cannot make them."""
        try:
            kind, value = self._connection.recv()
        except (EOFError, OSError):
            if self._sender is not None:
                self._sender.join()
            if isinstance(self._send_error, RecursionError):
                message = "the schemas nest too deeply to become models"
            elif self._send_error is not None:
                message = f"the schemas could not be handed to the models process: {self._send_error!r}"
            else:
                self._process.join(timeout=5)
                message = f"making the models stopped the models process (exit code {self._process.exitcode})"
            raise ModelsError([Problem("/components/schemas", message)]) from None
        self._answered = True
        if kind == "ok":
            assert isinstance(value, Models)
            return value
        if kind == "problems":
            raise ModelsError(value)
        raise RuntimeError(f"the models process failed:\n{value}")

    def close(self) -> None:
        if not self._answered:  # the spec was rejected, or this process is failing: no one wants the models
            self._process.kill()
        if self._sender is not None:
            self._sender.join()
        self._connection.close()
        if self._lifeline != -1:
            os.close(self._lifeline)
            self._lifeline = -1
        self._process.join()

    def __enter__(self) -> ModelsProcess:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def _serve(
    connection: Connection, template_dir: Path, lifeline: int = -1, inherited: tuple[Connection, int] | None = None
) -> None:
    """Warm up, take one request ``(data, package, names)``, answer ``("ok", Models)``, ``("problems", [Problem])`` or
    ``("crash", traceback text)``; exit as soon as the parent does, however it ends."""
    if inherited is not None:
        parent_end, parent_lifeline = inherited
        parent_end.close()
        os.close(parent_lifeline)
        threading.Thread(target=_exit_with_parent, args=(lifeline,), daemon=True).start()
    try:
        # The first run of the library imports most of it and compiles its templates; do that while waiting.
        warm = copy.deepcopy(_WARM_UP)
        generate_models(warm, "warm", template_dir, hoist(warm))
        try:
            data, package, names = connection.recv()
        except EOFError:
            return
        try:
            answer: tuple[str, Any] = ("ok", generate_models(data, package, template_dir, names))
        except ModelsError as error:
            answer = ("problems", error.problems)
        except Exception:  # noqa: BLE001 - a generator bug: report it to the parent, which raises it
            answer = ("crash", traceback.format_exc())
        connection.send(answer)
    finally:
        connection.close()


def _exit_with_parent(lifeline: int) -> None:
    """Block until the parent's end of ``lifeline`` closes (it exited, crashed or was killed), then exit: a
    models process left waiting would hold the caller's output pipes open for ever."""
    while os.read(lifeline, 1):
        pass
    os._exit(0)
