"""Smoke test of ``scripts/corpus`` on three small specs given with ``--specs`` (nothing is downloaded), so the
real-world corpus script cannot rot: each spec is generated, imported, has every operation called through
``httpx.MockTransport``, and one is type-checked. The sampling from the directory is checked on a fake index."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import corpus  # noqa: E402

REFUSED = textwrap.dedent(
    """\
    openapi: 3.0.3
    info: {title: Broken, version: "1"}
    paths:
      /things:
        get:
          responses:
            "200":
              description: ok
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Missing"}
    """
)

SMALL = textwrap.dedent(
    """\
    openapi: 3.0.3
    info: {title: Small, version: "1"}
    paths:
      /things/{thing_id}:
        get:
          operationId: getThing
          parameters:
            - {name: thing_id, in: path, required: true, schema: {type: string}}
            - {name: limit, in: query, required: true, schema: {type: integer, minimum: 5}}
          responses:
            "200":
              description: ok
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Thing"}
        put:
          operationId: putThing
          parameters:
            - {name: thing_id, in: path, required: true, schema: {type: string}}
          requestBody:
            required: true
            content:
              application/json:
                schema: {$ref: "#/components/schemas/Thing"}
          responses:
            "204": {description: done}
    components:
      schemas:
        Thing:
          type: object
          required: [name, kind]
          properties:
            name: {type: string, minLength: 3}
            kind: {type: string, enum: [a, b]}
    """
)


def test_three_specs_are_generated_called_and_classified(tmp_path: Path) -> None:
    small = tmp_path / "small.yaml"
    small.write_text(SMALL, encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(REFUSED, encoding="utf-8")
    report = tmp_path / "report"
    proc = subprocess.run(
        ["bash", str(ROOT / "scripts" / "corpus"), "--specs", str(small), str(broken),
         str(ROOT / "tests" / "specs" / "uploads.yaml"), "--jobs", "2", "--report", str(report)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    results = {Path(r["spec"]).name: r for r in json.loads(report.with_suffix(".json").read_text())}
    assert results["broken.yaml"]["status"] == "refusal"
    assert "#/paths/~1things/get/responses/200" in results["broken.yaml"]["reason"]
    for name in ("small.yaml", "uploads.yaml"):
        r = results[name]
        assert r["status"] == "generated", r
        assert r["modules"] > 5 and not r["import_failures"] and not r["probe_error"], r
        assert set(r["calls"]) <= {"ok", "reached"}, r  # every operation got to the transport
    assert sum(results["small.yaml"]["calls"].values()) == 2
    assert results["small.yaml"]["mypy"] == "pass"  # the first spec given is always type-checked
    assert "specs: 3; generated 2/3" in proc.stdout
    assert "| small.yaml" in report.with_suffix(".md").read_text() or "small.yaml |" in proc.stdout


def test_the_sample_is_seeded_and_stratified_by_operation_count() -> None:
    rows = [{"path": f"p{i}.json", "bytes": i, "operations": i} for i in range(1, 101)]
    first = corpus.sample(rows, 10, seed=3)
    assert first == corpus.sample(rows, 10, seed=3) != corpus.sample(rows, 10, seed=4)
    counts = sorted(r["operations"] for r in first)
    assert [sum(1 for c in counts if lo < c <= lo + 20) for lo in range(0, 100, 20)] == [2, 2, 2, 2, 2]
    small = corpus.small_specs(rows, 5, seed=1)
    assert len(small) == 5 and all(int(p[1:-5]) <= 30 for p in small)
