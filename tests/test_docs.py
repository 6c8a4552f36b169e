"""The generated Markdown: every Python example runs against the test server, and every relative link resolves."""

from __future__ import annotations

import ast
import dataclasses
import json
import os
import re
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.filters import mdcode, slug
from generator.ir import Parameter, PyType
from generator.pipeline import generate_files
from generator.template_queries import example
from tests.cli_runs import generate_ok
from tests.conftest import ROOT
from tests.server import API_KEY, LiveServer

GENERATED = ROOT / "generated"
NO_RUN = "# docs: no-run"
MAX_NO_RUN = 2
# What a standalone-function example prints when the call came back as Err(...).
_STANDALONE_FAILED = re.compile(r"^\w+ failed:", re.MULTILINE)
_FENCE = re.compile(r"^(`{3,}|~{3,})\s*([\w+-]*)\s*$")
_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_HTML_ANCHOR = re.compile(r"<a\s+(?:id|name)=\"([^\"]+)\"")


@dataclass(frozen=True)
class Block:
    path: Path
    line: int  # of the opening fence, 1-based
    language: str
    code: str

    @property
    def where(self) -> str:
        path = self.path.relative_to(ROOT) if self.path.is_relative_to(ROOT) else self.path
        return f"{path}:{self.line}"


def markdown_files(root: Path = GENERATED) -> list[Path]:
    return sorted(p for p in root.rglob("*.md") if not any(part.startswith(".") for part in p.relative_to(root).parts))


def split(path: Path) -> tuple[list[Block], list[tuple[int, str]]]:
    """The fenced code blocks of a Markdown file, and its other lines (numbered)."""
    blocks: list[Block] = []
    prose: list[tuple[int, str]] = []
    fence: tuple[str, str, int, list[str]] | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = _FENCE.match(line)
        if fence is None:
            if match:
                fence = (match.group(1), match.group(2).lower(), number, [])
            else:
                prose.append((number, line))
        elif match and not match.group(2) and line.strip().startswith(fence[0]):
            blocks.append(Block(path, fence[2], fence[1], "\n".join(fence[3]) + "\n"))
            fence = None
        else:
            fence[3].append(line)
    assert fence is None, f"{path}:{fence[2]}: unclosed code fence"
    return blocks, prose


def python_blocks() -> list[Block]:
    return [b for path in markdown_files() for b in split(path)[0] if b.language in ("python", "py")]


def github_anchors(path: Path) -> set[str]:
    """The anchors GitHub gives a file's headings (``-1``, ``-2``... for repeats), plus explicit HTML anchors."""
    anchors: set[str] = set()
    seen: dict[str, int] = {}
    for _, line in split(path)[1]:
        anchors.update(_HTML_ANCHOR.findall(line))
        match = _HEADING.match(line)
        if not match:
            continue
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", match.group(2))  # a linked heading keeps its text
        base = re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")
        count = seen.get(base, 0)
        seen[base] = count + 1
        anchors.add(base if count == 0 else f"{base}-{count}")
    return anchors


# -- the examples ----------------------------------------------------------------------------


def run_block(block: Block, env: dict[str, str], cwd: Path) -> str | None:
    """None when the block ran cleanly, else why not."""
    python = ROOT / ".venv" / "bin" / "python"
    try:
        done = subprocess.run(
            [str(python) if python.exists() else sys.executable, "-c", block.code],
            env=env,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        return f"{block.where}: timed out after 60 s"
    if done.returncode != 0:
        return f"{block.where}: exit {done.returncode}\n{done.stderr[-3000:]}"
    if _STANDALONE_FAILED.search(done.stdout):
        return f"{block.where}: a standalone function returned Err\n{done.stdout[-3000:]}"
    return None


def test_every_python_example_runs(server: LiveServer, tmp_path: Path) -> None:
    blocks = [b for b in python_blocks() if NO_RUN not in b.code]
    assert len(blocks) >= 20, "expected examples for every operation and README section"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SYLLABLESDK_") and k != "PYTHONDONTWRITEBYTECODE"}
    env.update(SYLLABLESDK_SERVER_URL=server.url, SYLLABLESDK_API_KEY_HEADER=API_KEY)
    # Compile each module once for all the interpreters, into a cache outside the repository.
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "pycache")
    cwd = tmp_path / "cwd"  # examples that write files write them here
    cwd.mkdir()
    with ThreadPoolExecutor(max_workers=min(16, (os.cpu_count() or 2) * 2)) as pool:
        failures = [f for f in pool.map(lambda b: run_block(b, env, cwd), blocks) if f is not None]
    assert not failures, "\n\n".join(failures)
    assert server.requests, "the examples never reached the test server"
    assert all(r["headers"].get("syllable-api-key") == API_KEY for r in server.requests)


def test_few_examples_are_exempt() -> None:
    exempt = [b.where for b in python_blocks() if NO_RUN in b.code]
    assert len(exempt) <= MAX_NO_RUN, f"too many {NO_RUN!r} blocks: {exempt}"


def test_examples_cover_every_operation() -> None:
    page = GENERATED / "docs" / "sdks" / "sessions" / "README.md"
    code = "\n".join(b.code for b in split(page)[0] if b.language == "python")
    for method in ("list", "get_by_id", "generate_session_recording_urls", "session_recording_stream"):
        assert f"sdk.sessions.{method}(" in code, method
        assert f"sdk.sessions.{method}_async(" in code, method
        assert f"sessions_{method}(" in code, method
    assert "sdk.sessions.list_all(" in code


def test_examples_are_complete_programs() -> None:
    """Each block imports what it uses: no example leans on a name defined in another."""
    for block in python_blocks():
        if "SyllableSDK" in block.code:
            assert re.search(r"^from syllable_sdk(\.core)? import SyllableSDK", block.code, re.M), block.where
        if "components." in block.code:
            assert "from syllable_sdk.models import components" in block.code, block.where
        if "os.getenv" in block.code:
            assert re.search(r"^import os$", block.code, re.M), block.where


# -- links -----------------------------------------------------------------------------------


def link_problems(root: Path) -> tuple[int, list[str]]:
    """(how many relative links the Markdown under ``root`` has, the ones that do not resolve)."""
    problems: list[str] = []
    anchors: dict[Path, set[str]] = {}
    links = 0
    for path in markdown_files(root):
        for number, line in split(path)[1]:
            for target in _LINK.findall(_CODE_SPAN.sub("", line)):
                if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):  # http:, https:, mailto: ...
                    continue
                links += 1
                file_part, _, anchor = target.partition("#")
                resolved = (path.parent / unquote(file_part)).resolve() if file_part else path
                where = f"{path.relative_to(root)}:{number}: {target}"
                if not resolved.exists():
                    problems.append(f"{where}: no such file")
                    continue
                if anchor and resolved.suffix == ".md":
                    if resolved not in anchors:
                        anchors[resolved] = github_anchors(resolved)
                    if unquote(anchor) not in anchors[resolved]:
                        problems.append(f"{where}: no such anchor")
    return links, problems


def test_relative_links_resolve() -> None:
    links, problems = link_problems(GENERATED)
    assert links > 50
    assert not problems, "\n".join(problems)


def test_every_model_has_a_page() -> None:
    from syllable_sdk.models import components, errors, operations

    docs = GENERATED / "docs" / "models"
    for module, folder in ((components, "components"), (operations, "operations")):
        for name in dir(module):
            obj = getattr(module, name)
            if isinstance(obj, type) and obj.__module__ == module.__name__:
                assert (docs / folder / f"{name.lower()}.md").is_file(), f"{folder}/{name}"
    for name in errors.__all__:
        assert (docs / "errors" / f"{name.lower()}.md").is_file(), f"errors/{name}"
    assert (GENERATED / "docs" / "lib" / "utils" / "retryconfig.md").is_file()


def test_documented_retry_defaults_are_the_runtime_defaults() -> None:
    from syllable_sdk.utils import BackoffStrategy
    from syllable_sdk.utils.retries import RETRYABLE_STATUS

    text = (GENERATED / "docs" / "lib" / "utils" / "retryconfig.md").read_text(encoding="utf-8")
    for field in dataclasses.fields(BackoffStrategy):
        assert re.search(rf"^\| `{field.name}` \| \w+ \| `{field.default}` \|", text, re.M), field.name
    retried = next(line for line in text.splitlines() if line.startswith("A try is repeated after"))
    assert {int(code) for code in re.findall(r"`(\d{3})`", retried)} == set(RETRYABLE_STATUS)


def test_root_readme_links_to_the_generated_readme() -> None:
    assert "](generated/README.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


# -- the filters that put spec text into Markdown --------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", "`plain`"),
        ("a|b", "`a\\|b`"),
        ("x`y", "``x`y``"),
        ("`edge`", "`` `edge` ``"),
        ("two\nlines", "`two lines`"),
    ],
)
def test_mdcode(text: str, expected: str) -> None:
    assert mdcode(text) == expected


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [("get_by_id", "get_by_id"), ("SDK Example Usage", "sdk-example-usage"), ("Error Handling!", "error-handling")],
)
def test_slug_matches_github(heading: str, anchor: str) -> None:
    assert slug(heading) == anchor


def test_hostile_spec_text_stays_text(tmp_path: Path) -> None:
    """Docs from a spec full of quotes, fences and code: links resolve, and every example is plain, inert Python."""
    files, _ = generate_files(ROOT / "tests" / "specs" / "hostile.yaml", None)
    for rel, text in files.items():
        if rel.endswith(".md"):
            (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / rel).write_text(text, encoding="utf-8")
    pages = markdown_files(tmp_path)
    assert len(pages) > 10
    for page in pages:
        for block in split(page)[0]:  # split() fails on a fence left open
            if block.language == "python":
                tree = ast.parse(block.code, str(page))
                names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
                assert "__import__" not in names, f"{page}:{block.line}: spec text became code"
    links, problems = link_problems(tmp_path)
    assert links > 50
    assert not problems, "\n".join(problems)


def test_example_literals_cannot_close_a_fence() -> None:
    str_type = PyType("builtin", "str")
    hostile = Parameter("q", "q", "query", str_type, True, None, "", repr("```\nimport os"), True, False)
    literal = example(hostile)
    assert "`" not in literal and eval(literal) == "```\nimport os"  # noqa: S307 - a repr() we built
    placeholder = Parameter("session_id", "session_id", "path", str_type, True, None, "", None, True, False)
    assert example(placeholder) == repr("<id>")


# -- nested resources, iterate-all names, deprecation: tests/specs/docs_features.yaml ---------


class _FeaturesHandler(BaseHTTPRequestHandler):
    """Answers every operation of docs_features.yaml with a valid body (one item per page, one page)."""

    seen: list[tuple[str, str]] = []  # noqa: RUF012 - one class per test run, reset by the test

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = urlsplit(self.path).path
        self.seen.append(("GET", path))
        book = {"id": "b-1", "title": "Dune"}
        if path.endswith("/scan"):
            self.reply(200, b"%PDF-1.4 scan", "application/pdf")
        elif path in ("/books",) or re.fullmatch(r"/shelves/[^/]+/books", path):
            self.reply(200, json.dumps({"items": [book], "total_pages": 1}).encode())
        elif path == "/authors":
            self.reply(200, json.dumps({"items": [{"name": "Frank"}], "total_pages": 1}).encode())
        elif path.startswith("/books/"):
            self.reply(200, json.dumps(book).encode())
        elif path.startswith("/archive/boxes/"):
            self.reply(200, json.dumps({"id": path.rsplit("/", 1)[1], "label": "old"}).encode())
        else:
            self.reply(404, b'{"title": "no such path"}')

    def do_DELETE(self) -> None:  # noqa: N802
        self.seen.append(("DELETE", urlsplit(self.path).path))
        self.reply(204, b"", None)

    def reply(self, status: int, body: bytes, content_type: str | None = "application/json") -> None:
        self.send_response(status)
        if content_type:
            self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_docs_features(tmp_path: Path) -> None:
    """Nested resources by their full path, the IR's iterate-all names, deprecated items struck through; every link
    resolves and every example runs against a small server."""
    out = tmp_path / "pkg"
    generate_ok(out, "--strict", spec=ROOT / "tests" / "specs" / "docs_features.yaml")

    def page(rel: str) -> str:
        return (out / rel).read_text(encoding="utf-8")

    blocks = [b for p in markdown_files(out) for b in split(p)[0] if b.language == "python"]
    code = "\n".join(b.code for b in blocks)
    # nested resources: always reached through their parent
    for call in ("sdk.library.shelves.list(", "sdk.library.shelves.list_all(", "sdk.archive.boxes.get_by_id("):
        assert call in code, call
    assert "sdk.archive.boxes.delete(" in page("docs/sdks/archive_boxes/README.md")
    assert not re.search(r"\bsdk\.(shelves|boxes)\b", code), "a nested resource called without its parent"
    readme = page("README.md")
    resources = [line for line in readme.splitlines() if re.match(r"#{3,6} \[", line)]
    assert resources == [
        "### [archive](docs/sdks/archive/README.md)",
        "#### [archive.boxes](docs/sdks/archive_boxes/README.md)",
        "### [library](docs/sdks/library/README.md)",
        "#### [library.shelves](docs/sdks/library_shelves/README.md)",
    ]
    assert "[library.shelves](../library_shelves/README.md)" in page("docs/sdks/library/README.md")
    assert "nested in [library](../library/README.md)" in page("docs/sdks/library_shelves/README.md")
    # two paginated operations in one resource: each has its own iterate-all method, named by the IR
    library = page("docs/sdks/library/README.md")
    assert "sdk.library.list_all(" in library and "sdk.library.list_authors_all(" in library
    assert "`list_authors_all_async` is its `async for` twin" in library
    assert "* `list_authors_all` / `list_authors_all_async` - every item of `list_authors`" in readme
    assert "list_authors_all" not in page("docs/sdks/library_shelves/README.md")
    # deprecated operations, parameters and fields: struck through, with a note; the rest not
    assert "* [~~get_book~~](#get_book) - Get a book :warning: **Deprecated**" in library
    assert "\n## ~~get_book~~\n" in library and "\n## list_authors\n" in library
    assert "> :warning: **DEPRECATED**" in library
    assert "* [~~delete~~](docs/sdks/archive_boxes/README.md#delete)" in readme
    assert "~~`library_get_book` / `library_get_book_async`~~ (deprecated)" in readme
    assert "| ~~`q`~~ | str \\| None | :heavy_minus_sign: | :warning: **Deprecated.** Full-text filter" in library
    assert "| `title` |" in library and "q='dune'" not in code  # a deprecated parameter is not in examples
    assert "| ~~`force`~~ |" in page("docs/sdks/archive_boxes/README.md")
    assert "| ~~`force`~~ |" in page("docs/models/operations/archiveboxesdeleterequest.md")
    book = page("docs/models/components/book.md")
    assert "| ~~`isbn`~~ | str \\| None | :heavy_minus_sign: | :warning: **Deprecated.** The ISBN-10" in book
    assert "| `ean` |" in book and "| `id` |" in book
    assert "| ~~`pen_name`~~ |" in page("docs/models/components/author.md")
    struck = {m for p in markdown_files(out) for m in re.findall(r"~~`?(\w+)", p.read_text(encoding="utf-8"))}
    assert struck == {
        "get_book",
        "delete",
        "library_get_book",
        "archive_boxes_delete",
        "q",
        "force",
        "isbn",
        "pen_name",
    }
    # links
    links, problems = link_problems(out)
    assert links > 40
    assert not problems, "\n".join(problems)
    # every example runs
    _FeaturesHandler.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FeaturesHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SDK_") and k != "PYTHONDONTWRITEBYTECODE"}
        env.update(
            SDK_SERVER_URL=f"http://127.0.0.1:{server.server_port}",
            SDK_API_KEY="key",
            PYTHONPATH=str(out / "src"),
            PYTHONPYCACHEPREFIX=str(tmp_path / "pycache"),
        )
        cwd = tmp_path / "cwd"
        cwd.mkdir()
        runnable = [b for b in blocks if NO_RUN not in b.code]
        assert len(runnable) >= 25
        with ThreadPoolExecutor(max_workers=min(16, (os.cpu_count() or 2) * 2)) as pool:
            failures = [f for f in pool.map(lambda b: run_block(b, env, cwd), runnable) if f is not None]
    finally:
        server.shutdown()
        server.server_close()
    assert not failures, "\n\n".join(failures)
    paths = {path for _, path in _FeaturesHandler.seen}
    assert {"/books", "/authors", "/books/b-1", "/books/b-1/scan", "/shelves/3/books", "/archive/boxes/box-7"} <= paths
    assert ("DELETE", "/archive/boxes/box-7") in _FeaturesHandler.seen


_CORPUS = ROOT.parent / "shared" / "specs" / "syllable-openapi.json"


@pytest.mark.skipif(
    not _CORPUS.is_file(), reason=f"{_CORPUS} is absent (the shared corpus lives beside the repository)"
)
def test_corpus_docs(tmp_path: Path) -> None:
    """The whole Syllable API's docs: every example calls its resource by the full path its page names, every
    example parses, deprecated fields are struck through exactly where the models say so, and every link resolves."""
    out = tmp_path / "pkg"
    generate_ok(out, "--strict", spec=_CORPUS, config=ROOT / "tests" / "specs" / "corpus.yaml", timeout=300)
    nested = 0
    for page in sorted((out / "docs" / "sdks").glob("*/README.md")):
        text = page.read_text(encoding="utf-8")
        reached = re.search(r"^Reached as `sdk\.([\w.]+)`", text, re.M)
        assert reached, page
        nested += "." in reached.group(1)
        for block in split(page)[0]:
            if block.language == "python":
                ast.parse(block.code, str(page))
                for call in re.findall(r"\bsdk\.([\w.]+)\.\w+\(", block.code):
                    resource = call.removesuffix(".with_raw_response")  # the raw twins are the resource's too
                    assert resource == reached.group(1), (
                        f"{block.where}: sdk.{call} on the page of sdk.{reached.group(1)}"
                    )
    assert nested >= 10
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert "#### [sessions.transcript](docs/sdks/sessions_transcript/README.md)" in readme
    assert "##### [channels.twilio.numbers](docs/sdks/channels_twilio_numbers/README.md)" in readme
    models = out / "docs" / "models" / "components"
    struck = sum(len(re.findall(r"^\| ~~`\w+`~~ \|", p.read_text(encoding="utf-8"), re.M)) for p in models.glob("*.md"))
    marked = sum(
        p.read_text(encoding="utf-8").count("deprecated=True") for p in (out / "src").rglob("components/**/*.py")
    )
    assert struck == marked > 0
    links, problems = link_problems(out)
    assert links > 1000
    assert not problems, "\n".join(problems[:50])
