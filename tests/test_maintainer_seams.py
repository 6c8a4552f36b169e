"""Seams between the generator's parts, tried the way a hostile spec, a hostile --out and a maintainer would."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from tests.cli_runs import ENV, ROOT, generator, snapshot
from tests.test_hand_edits import NEW_DESCRIPTION, OLD_DESCRIPTION, SESSIONS, git, replace_in, repo, sdkgen
from tests.tools import mypy_strict

__all__ = ["repo"]  # the fixture: a git repository with spec/ and generated/ committed

# -- a response whose schema is a component that is no pydantic model ---------------------------------------


def _json(ref: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}


NON_MODEL_SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Letters", "version": "1"},
    "servers": [{"url": "http://127.0.0.1:9"}],
    "paths": {
        "/letter": {
            "get": {
                "operationId": "letter_get",
                "tags": ["letters"],
                "responses": {
                    "200": {"description": "ok", "content": _json("Letter")},
                    "409": {"description": "conflict", "content": _json("Letter")},
                },
            }
        },
        "/letters": {
            "get": {
                "operationId": "letters_list",
                "tags": ["letters"],
                "responses": {"200": {"description": "ok", "content": _json("Letters")}},
            }
        },
        "/name": {
            "get": {
                "operationId": "name_get",
                "tags": ["letters"],
                "responses": {"200": {"description": "ok", "content": _json("Name")}},
            }
        },
    },
    "components": {
        "schemas": {
            "Letter": {"type": "string", "enum": ["a", "b"]},
            "Letters": {"type": "array", "items": {"$ref": "#/components/schemas/Letter"}},
            "Name": {"type": "string", "minLength": 1},
        }
    },
}

NON_MODEL_SCRIPT = """
import asyncio, json, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ANSWERS = {"/letter": (200, "a"), "/letters": (200, ["b", "a"]), "/name": (200, "rex"), "/conflict": (409, "b")}
route = {"path": "/letter"}

class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        status, body = ANSWERS[route["path"] if self.path == "/letter" else self.path]
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()

from syllable_sdk import SyllableSDK
from syllable_sdk.funcs import letters_get
from syllable_sdk.models import components, errors

with SyllableSDK(server_url=f"http://127.0.0.1:{server.server_port}", timeout_ms=5000) as sdk:
    letter = sdk.letters.get()
    assert letter is components.Letter.A, letter
    assert asyncio.run(sdk.letters.get_async()) is components.Letter.A
    assert letters_get(sdk).value is components.Letter.A
    assert sdk.letters.list() == [components.Letter.B, components.Letter.A]
    assert sdk.letters.name_get() == "rex"
    route["path"] = "/conflict"
    try:
        sdk.letters.get()
    except errors.SDKError as error:
        assert error.status_code == 409, error
    else:
        raise AssertionError("no error for a 409")
print("ok")
"""


def test_a_response_typed_by_an_enum_or_other_non_model_component_is_parsed(tmp_path: Path) -> None:
    """An enum component is a class without ``model_validate_json``: the package used to fail (mypy, then the call)."""
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(NON_MODEL_SPEC), encoding="utf-8")
    out = tmp_path / "pkg"
    run = generator("--out", out, "--strict", spec=spec)
    assert run.returncode == 0, run.stderr
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(NON_MODEL_SCRIPT)],
        env={**ENV, "PYTHONPATH": str(out / "src")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr
    mypy_strict(out)


# -- links in the output, met by the hand-edit merge and the _custom/ carry-over ----------------------------


def test_links_in_custom_are_kept_as_links_and_no_link_is_read_as_a_hand_edit(tmp_path: Path) -> None:
    """merge.py read through links: a generated file replaced by a link to a secret came back as a regular file
    holding the secret, and a link in ``_custom/`` (or ``_custom/`` itself a link) made the next run refuse."""
    out, outside = tmp_path / "out", tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.py").write_text("SECRET = 'SECRET-CONTENT'\n")
    (outside / "shared").mkdir()
    (outside / "shared" / "__init__.py").write_text("SHARED = 'SECRET-CONTENT'\n")
    assert generator("--out", out).returncode == 0
    package = out / "src" / "syllable_sdk"
    (package / "sessions.py").unlink()
    (package / "sessions.py").symlink_to(outside / "secret.py")  # a generated file, replaced by a link
    (package / "_custom" / "secret.py").symlink_to(outside / "secret.py")
    (package / "_custom" / "hooks.py").rename(outside / "hooks.py")
    (package / "_custom" / "hooks.py").symlink_to(outside / "hooks.py")  # a starter file, replaced by a link
    (package / "_custom" / "shared").symlink_to(outside / "shared", target_is_directory=True)
    before_outside = snapshot(outside)
    run = generator("--out", out)
    assert run.returncode == 0, run.stderr
    assert snapshot(outside) == before_outside
    assert not (package / "sessions.py").is_symlink() and "SECRET" not in (package / "sessions.py").read_text()
    for name in ("secret.py", "hooks.py", "shared"):
        assert (package / "_custom" / name).is_symlink(), name
    leaked = [p for p in out.rglob("*") if p.is_file() and not p.is_symlink() and b"SECRET-CONTENT" in p.read_bytes()]
    assert not leaked, leaked
    assert not (out / ".sdkgen" / "pristine").exists(), "a link is no hand edit"
    assert generator("--out", out, command="check").returncode == 0


def test_a_linked_directory_above_generated_files_is_never_read_through(tmp_path: Path) -> None:
    """``src/`` a link to a copy holding a secret: ``check`` printed the secret in its diff and ``--force`` merged it
    into the new tree as a hand edit (only the last path component was checked for a link)."""
    out, outside = tmp_path / "out", tmp_path / "outside"
    assert generator("--out", out).returncode == 0
    (out / "src").rename(outside)
    with (outside / "syllable_sdk" / "sessions.py").open("a") as sessions:
        sessions.write("SECRET = 'SECRET-CONTENT'\n")
    (out / "src").symlink_to(outside, target_is_directory=True)
    before_outside = snapshot(outside)
    check = generator("--out", out, command="check")
    assert check.returncode == 1 and "SECRET-CONTENT" not in check.stdout + check.stderr
    run = generator("--out", out, "--force")
    assert run.returncode == 0, run.stderr
    assert snapshot(outside) == before_outside
    leaked = [p for p in out.rglob("*") if p.is_file() and b"SECRET-CONTENT" in p.read_bytes()]
    assert not leaked and not (out / "src").is_symlink(), leaked


def test_a_directory_where_a_generated_file_goes_is_refused_cleanly(tmp_path: Path) -> None:
    """The hand-edit merge read it as an edited file: an ``IsADirectoryError`` traceback."""
    out = tmp_path / "out"
    assert generator("--out", out).returncode == 0
    sessions = out / "src" / "syllable_sdk" / "sessions.py"
    sessions.unlink()
    sessions.mkdir()
    (sessions / "notes.txt").write_text("mine\n")
    before = snapshot(out)
    run = generator("--out", out)
    assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
    assert "src/syllable_sdk/sessions.py/notes.txt" in run.stderr
    assert snapshot(out) == before
    check = generator("--out", out, command="check")
    assert check.returncode == 1 and "Traceback" not in check.stderr, check.stderr


def test_a_record_under_sdkgen_never_makes_someone_elses_file_the_generators(tmp_path: Path) -> None:
    """A record ``.sdkgen/pristine/notes/mine.md`` (committed by anyone) of a file the generator never wrote: it
    must stay someone else's file, never "an edit kept once" that the manifest then gives the generator to remove."""
    out = tmp_path / "out"
    assert generator("--out", out).returncode == 0
    (out / "notes").mkdir()
    (out / "notes" / "mine.md").write_text("my notes\n")
    record = out / ".sdkgen" / "pristine" / "notes" / "mine.md"
    record.parent.mkdir(parents=True)
    record.write_text("what the generator wrote, it says\n")
    for _ in range(2):
        run = generator("--out", out)
        assert run.returncode == 0, run.stderr
    assert (out / "notes" / "mine.md").read_text() == "my notes\n"
    assert "notes/mine.md" not in (out / ".sdkgen" / "manifest.json").read_text()


STREAM = "src/syllable_sdk/funcs/_sessions_session_recording_stream.py"
STREAM_PATH = "/api/v1/sessions/recording/stream"


def test_an_edit_to_an_operation_removed_then_restored_is_merged_again(repo: Path) -> None:
    """Kept once without its record, the edit came back as "not an edit" when the operation did: overwritten with
    the generated text (or refused as someone else's file) instead of merged."""
    import yaml

    stream = repo / "generated" / STREAM
    stream.write_text(stream.read_text(encoding="utf-8") + "MINE = 1\n", encoding="utf-8")
    assert sdkgen("generate", repo).returncode == 0  # records the edit
    spec = repo / "spec" / "openapi.yaml"
    original = spec.read_text(encoding="utf-8")
    data = yaml.safe_load(original)
    del data["paths"][STREAM_PATH]
    spec.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    cut = sdkgen("generate", repo)
    assert cut.returncode == 1 and "no longer generated: kept once" in cut.stderr, cut.stderr
    spec.write_text(original, encoding="utf-8")

    back = sdkgen("generate", repo)

    assert back.returncode == 0, back.stderr
    assert stream.read_text(encoding="utf-8").endswith("\nMINE = 1\n")
    assert sdkgen("check", repo).returncode == 0


def test_check_of_a_missing_directory_fails_without_creating_any(tmp_path: Path) -> None:
    """It took the lock beside ``--out``, creating every missing parent, and generated a whole package to say so."""
    out = tmp_path / "typo" / "deeper" / "out"
    run = generator("--out", out, command="check")
    assert run.returncode == 1 and "does not exist" in run.stderr and "Traceback" not in run.stderr
    assert list(tmp_path.iterdir()) == []


# -- sdkgen diff --against / bump, on a package that holds hand edits -----------------------------------------

HELPER = '''    def my_helper(self) -> int:
        """A maintainer's own method, kept across regeneration."""
        return 1

'''


def test_diff_against_a_ref_compares_with_what_generate_makes_hand_edits_included(repo: Path) -> None:
    """``diff --against`` compared the committed package (hand edits in it) with pristine new output: a method a
    maintainer added was reported removed (``bump: major``), and the records under .sdkgen/ as changed files."""
    replace_in(repo / "generated" / SESSIONS, "    @cached_property\n", HELPER + "    @cached_property\n")
    assert sdkgen("generate", repo).returncode == 0  # records the edit
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "a helper of our own")
    replace_in(repo / "spec" / "openapi.yaml", OLD_DESCRIPTION, NEW_DESCRIPTION)
    spec, out = repo / "spec" / "openapi.yaml", repo / "generated"
    done = subprocess.run(
        [sys.executable, "-m", "generator", "diff", "--against", "HEAD", "--spec", str(spec), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert "my_helper" not in done.stdout and ".sdkgen" not in done.stdout, done.stdout
    assert done.stdout.splitlines()[-1] == "bump: patch", done.stdout
    assert "src/syllable_sdk/sessions.py" in done.stdout, "the description changed in the resource"
