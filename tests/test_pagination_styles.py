"""Pagination beyond page numbers (issue 14.5): offset/limit, cursors and the ``Link`` header behind one Pager.

One package is generated from the spec below, imported in-process and iterated against uvicorn on 127.0.0.1, whose
app (``Things``) serves ``THINGS`` in pages and records each request's path, raw query string and headers. The
detection rules and the config's errors are checked on the IR and the command (exit 2).
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qs

import pytest

from generator.build import build_api
from generator.config import load_config
from generator.errors import Problem, SpecError
from generator.hoist import hoist
from generator.ir import Pagination
from generator.models import named
from tests.cli_runs import generate_ok, generator
from tests.server import LiveServer
from tests.test_docs import markdown_files, split
from tests.tools import imported

pytestmark = pytest.mark.anyio

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "paging_sdk"
KEY = "k-secret-1"
QUERY_KEY = "q-secret-2"
THINGS = [{"id": f"t{i}"} for i in range(5)]
IDS = [t["id"] for t in THINGS]
THING = {"$ref": "#/components/schemas/Thing"}
STRING = {"type": "string"}
INTEGER = {"type": "integer"}
NULLABLE_STRING = {"type": ["string", "null"]}


def query(name: str, schema: Any = STRING) -> dict[str, Any]:
    return {"name": name, "in": "query", "schema": schema}


def listing(op_id: str, params: list[dict[str, Any]], schema: Any, headers: dict[str, Any] | None = None) -> Any:
    ok: dict[str, Any] = {"description": "a page", "content": {"application/json": {"schema": schema}}}
    if headers:
        ok["headers"] = headers
    return {"get": {"operationId": op_id, "tags": ["things"], "parameters": params, "responses": {"200": ok}}}


def model(**properties: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties}


def spec() -> dict[str, Any]:
    things = {"type": "array", "items": THING}
    scenario = query("scenario")
    return {
        "openapi": "3.1.0",
        "info": {"title": "Paging", "version": "1"},
        "security": [{"key": [], "qkey": []}],
        "paths": {
            # detected: offset + limit, one list
            "/offset": listing(
                "offset_list",
                [query("offset", INTEGER), query("limit", INTEGER), scenario],
                model(data=things, total=INTEGER),
            ),
            # declared: skip/top are not detected names, and two lists make "the items" ambiguous
            "/skip": listing(
                "skip_list",
                [query("skip", INTEGER), query("top", INTEGER)],
                model(value=things, warnings={"type": "array", "items": STRING}),
            ),
            # detected: one cursor parameter, a nested next_cursor
            "/cursor": listing(
                "cursor_list",
                [query("limit", INTEGER), query("after"), scenario],
                {"$ref": "#/components/schemas/CursorPage"},
            ),
            # declared: ``next`` is not detected (it is often a URL)
            "/token": listing("token_list", [query("page_token")], model(results=things, next=NULLABLE_STRING)),
            # detected: a Link header on a list body
            "/link": listing("link_list", [query("page", INTEGER), scenario], things, {"Link": {"schema": STRING}}),
            # ambiguous: offset + limit and a cursor: not paged unless declared
            "/both": listing(
                "both_list",
                [query("offset", INTEGER), query("limit", INTEGER), query("cursor")],
                model(data=things, next_cursor=NULLABLE_STRING),
            ),
        },
        "components": {
            "securitySchemes": {
                "key": {"type": "apiKey", "in": "header", "name": "X-Key"},
                "qkey": {"type": "apiKey", "in": "query", "name": "api_key"},
            },
            "schemas": {
                "Thing": {"type": "object", "properties": {"id": STRING}, "required": ["id"]},
                "Meta": model(next_cursor=NULLABLE_STRING),
                "CursorPage": model(data=things, meta={"$ref": "#/components/schemas/Meta"}),
            },
        },
    }


CONFIG = f"""package: {PACKAGE}
distribution: {PACKAGE}
sdk_class: Api
core_class: ApiCore
pagination:
  skip_list: {{style: offset, offset_param: skip, limit_param: top, items: value}}
  token_list:
    style: cursor
    cursor_param: page_token
    next_cursor: next
    items: results
"""


class Things:
    """Serves ``THINGS`` in pages in the style of each path, and records every request."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.url = ""  # this server's own URL, for Link headers
        self.elsewhere = ""  # another origin's

    def paths(self) -> list[str]:
        """Each request's path and query, without the query credential every request carries."""
        out = []
        for r in self.requests:
            assert r["query"].endswith(f"api_key={QUERY_KEY}"), r
            rest = r["query"].removesuffix(f"api_key={QUERY_KEY}").rstrip("&")
            out.append(f"{r['path']}?{rest}" if rest else r["path"])
        return out

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        assert scope["type"] == "http"
        raw = scope["query_string"].decode("latin-1")
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        self.requests.append({"path": scope["path"], "query": raw, "headers": headers})
        args = {k: v[0] for k, v in parse_qs(raw, keep_blank_values=True).items()}
        body, extra = self.answer(scope["path"], args)
        out = [(b"content-type", b"application/json"), *((k.encode(), v.encode()) for k, v in extra)]
        await send({"type": "http.response.start", "status": 200, "headers": out})
        await send({"type": "http.response.body", "body": json.dumps(body).encode()})

    def answer(self, path: str, args: dict[str, str]) -> tuple[Any, list[tuple[str, str]]]:
        scenario = args.get("scenario", "")
        if path in ("/offset", "/skip", "/both"):
            start = int(args.get("offset", args.get("skip", "0")))
            size = int(args.get("limit", args.get("top", "2")))
            key = "value" if path == "/skip" else "data"
            page = {key: THINGS[start : start + size]}
            return (page | {"total": len(THINGS)} if scenario == "total" else page), []
        if path == "/cursor":
            return self.cursor(args.get("after"), scenario), []
        if path == "/token":
            at = int(args.get("page_token", "0"))
            return {"results": THINGS[at : at + 2], "next": str(at + 2) if at + 2 < len(THINGS) else None}, []
        number = int(args.get("page", "1"))
        link = f'<{self.url}/link?page={number + 1}&scenario={scenario}>; rel="next", <{self.url}/link>; rel="first"'
        if scenario == "relative":
            link = f'</link?page={number + 1}&scenario=relative>; rel="next"'
        if scenario == "elsewhere" and number == 2:
            link = f'<{self.elsewhere}/link?page=3>; rel="next"'
        last = number >= 3
        return THINGS[(number - 1) * 2 : number * 2], [] if last else [("link", link)]

    def cursor(self, after: str | None, scenario: str) -> dict[str, Any]:
        at = int(after[1:]) if after and after[1:].isdigit() else 0
        following: str | None = f"c{at + 2}" if at + 2 < len(THINGS) else None
        if scenario == "repeat":  # c2, then c2 again: a server stuck on one page
            following = "c2"
        if scenario == "cycle":  # c2, c4, then back to c2
            following = {0: "c2", 2: "c4", 4: "c2"}[at]
        if scenario == "empty" and at == 2:
            following = ""
        return {"data": THINGS[at : at + 2], "meta": {"next_cursor": following}}


def _refusal() -> type[Exception]:
    """The error a listing raises at a next link it does not follow."""
    error: type[Exception] = importlib.import_module(f"{PACKAGE}.models.errors").ResponseValidationError
    return error


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("paging")
    (work / "spec.json").write_text(json.dumps(spec()), encoding="utf-8")
    (work / "config.yaml").write_text(CONFIG, encoding="utf-8")
    out = work / "out"
    result = generate_ok(out, spec=work / "spec.json", config=work / "config.yaml")
    assert "both_list fits several pagination styles (offset, cursor)" in result.stderr
    return out


@pytest.fixture(scope="module")
def sdk_module(generated: Path) -> Iterator[ModuleType]:
    with imported(generated, PACKAGE) as module:
        yield module


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[Things, Things]]:
    here, there = Things(), Things()
    with LiveServer("127.0.0.1", app=here) as one, LiveServer("127.0.0.2", app=there) as other:
        here.url, here.elsewhere = one.url, other.url
        yield here, there


@pytest.fixture
def things(sdk_module: ModuleType, servers: tuple[Things, Things]) -> Iterator[tuple[Any, Things]]:
    here, there = servers
    here.requests.clear()
    there.requests.clear()
    with sdk_module.Api(key=KEY, qkey=QUERY_KEY, server_url=here.url) as sdk:
        yield sdk.things, here
    assert there.requests == []  # nothing ever goes to the other origin


# -- offset ---------------------------------------------------------------------------------------


def test_offset_pages_advance_by_the_items_received_and_stop_on_a_short_page(things: tuple[Any, Things]) -> None:
    api, server = things
    pager = api.offset_list_all(limit=2)
    assert server.requests == []  # nothing before iteration
    assert [t.id for t in pager] == IDS
    assert server.paths() == ["/offset?offset=0&limit=2", "/offset?offset=2&limit=2", "/offset?offset=4&limit=2"]
    assert [t.id for t in pager] == IDS  # iterating again fetches again
    assert len(server.requests) == 6


def test_offset_without_a_limit_stops_on_an_empty_page_and_a_total_stops_it_early(things: tuple[Any, Things]) -> None:
    api, server = things
    assert [t.id for t in api.offset_list_all()] == IDS
    assert server.paths() == ["/offset?offset=0", "/offset?offset=2", "/offset?offset=4", "/offset?offset=5"]
    server.requests.clear()
    pages = list(api.offset_list_all(limit=1, offset=1, scenario="total").pages())
    assert [[t.id for t in p.data] for p in pages] == [[i] for i in IDS[1:]]  # offset 4 + 1 reaches the total 5
    assert server.paths()[-1] == "/offset?offset=4&limit=1&scenario=total" and len(server.requests) == 4


def test_declared_offset_names_skip_and_top(things: tuple[Any, Things], sdk_module: ModuleType) -> None:
    api, server = things
    pages = list(api.skip_list_all(top=2).pages())
    assert all(isinstance(p, sdk_module.models.components.SkipListResponse) for p in pages)
    assert [t.id for p in pages for t in p.value] == IDS
    assert server.paths() == ["/skip?skip=0&top=2", "/skip?skip=2&top=2", "/skip?skip=4&top=2"]


# -- cursor ---------------------------------------------------------------------------------------


def test_cursor_pages_follow_a_nested_next_cursor_until_it_is_null(
    things: tuple[Any, Things], sdk_module: ModuleType
) -> None:
    api, server = things
    pager = api.cursor_list_all(limit=2)
    pages = list(pager.pages())
    assert all(isinstance(p, sdk_module.models.components.CursorPage) for p in pages)
    assert [t.id for p in pages for t in p.data] == IDS
    assert server.paths() == ["/cursor?limit=2", "/cursor?limit=2&after=c2", "/cursor?limit=2&after=c4"]
    assert [t.id for t in pager] == IDS and len(server.requests) == 6  # again: fetched again
    server.requests.clear()
    assert [t.id for t in api.cursor_list_all(limit=2, after="c2")] == IDS[2:]  # resumed from a cursor
    assert server.paths() == ["/cursor?limit=2&after=c2", "/cursor?limit=2&after=c4"]


@pytest.mark.parametrize(
    ("scenario", "fetched"),
    [
        ("repeat", ["", "c2"]),  # c2 given twice: its page is not fetched a second time
        ("cycle", ["", "c2", "c4"]),  # c2, c4, c2: a cycle is not followed round
        ("empty", ["", "c2"]),  # an empty cursor ends the listing like a null one
    ],
)
def test_a_repeated_or_empty_cursor_stops_the_pager(
    things: tuple[Any, Things], scenario: str, fetched: list[str]
) -> None:
    api, server = things
    items = [t.id for t in api.cursor_list_all(limit=2, scenario=scenario)]
    assert [parse_qs(r["query"]).get("after", [""])[0] for r in server.requests] == fetched
    assert items == IDS[: 2 * len(fetched)]


def test_declared_cursor_reads_a_next_field(things: tuple[Any, Things]) -> None:
    api, server = things
    assert [t.id for t in api.token_list_all()] == IDS
    assert server.paths() == ["/token", "/token?page_token=2", "/token?page_token=4"]


# -- Link header ----------------------------------------------------------------------------------


def test_link_pages_follow_rel_next_on_the_same_origin_with_credentials(things: tuple[Any, Things]) -> None:
    api, server = things
    pager = api.link_list_all(scenario="abs")
    pages = list(pager.pages())
    assert all(isinstance(p, list) for p in pages)  # the page is the list body itself
    assert [[t.id for t in p] for p in pages] == [IDS[:2], IDS[2:4], IDS[4:]]
    assert server.paths() == ["/link?scenario=abs", "/link?page=2&scenario=abs", "/link?page=3&scenario=abs"]
    assert all(r["headers"].get("x-key") == KEY for r in server.requests)  # header and query credentials both
    assert [parse_qs(r["query"])["api_key"] for r in server.requests] == [[QUERY_KEY]] * 3
    assert [t.id for t in pager] == IDS and len(server.requests) == 6


def test_a_relative_next_link_is_resolved_against_the_response(things: tuple[Any, Things]) -> None:
    api, server = things
    assert [t.id for t in api.link_list_all(scenario="relative")] == IDS
    assert server.paths()[1:] == ["/link?page=2&scenario=relative", "/link?page=3&scenario=relative"]


def test_a_next_link_to_another_origin_is_not_followed(things: tuple[Any, Things]) -> None:
    api, server = things  # the fixture asserts the other origin saw nothing
    seen: list[str] = []
    with pytest.raises(_refusal(), match="another origin") as raised:
        seen.extend(t.id for t in api.link_list_all(scenario="elsewhere"))
    assert seen == IDS[:4]  # the pages before it, then an error: a listing cut short is never taken for a whole one
    assert raised.value.status_code == 200 and "127.0.0.2" in str(raised.value)
    assert len(server.requests) == 2


# -- async ----------------------------------------------------------------------------------------


async def test_every_style_iterates_items_and_pages_with_async_for(things: tuple[Any, Things]) -> None:
    api, server = things
    for pager in (api.offset_list_all_async(limit=2), api.cursor_list_all_async(limit=2), api.link_list_all_async()):
        assert [t.id async for t in pager] == IDS
        pages = [p async for p in pager.pages()]
        assert len(pages) == 3
    assert [t.id async for t in api.cursor_list_all_async(limit=2, scenario="cycle")] == IDS[:2] + IDS[2:4] + IDS[4:]
    seen = []
    with pytest.raises(_refusal(), match="another origin"):
        seen.extend([t.id async for t in api.link_list_all_async(scenario="elsewhere")])
    assert seen == []  # the comprehension is lost with the error; the sync test checks the pages before it
    assert len(server.requests) == 6 * 3 + 3 + 2


# -- detection and declaration --------------------------------------------------------------------


def built(data: dict[str, Any], config: str, tmp_path: Path) -> tuple[dict[str, Pagination | None], list[Problem]]:
    path = tmp_path / "generator.yaml"
    path.write_text(config, encoding="utf-8")
    api, warnings = build_api(data, load_config(path), named(hoist(data)))
    return {o.id: o.pagination for r in api.resources for o in r.operations}, warnings


def test_only_an_unambiguous_shape_is_paged_unless_declared(tmp_path: Path) -> None:
    paged, warnings = built(spec(), "", tmp_path)
    assert {k: p.style if p else None for k, p in paged.items()} == {
        "offset_list": "offset",
        "skip_list": None,  # skip/top: not the names of the rule
        "cursor_list": "cursor",
        "token_list": None,  # next: not a detected cursor field
        "link_list": "link",
        "both_list": None,  # offset and cursor both fit
    }
    assert [w.message.split(" ")[0] for w in warnings] == ["both_list"]
    cursor, link = paged["cursor_list"], paged["link_list"]
    assert cursor is not None and (cursor.page_param, cursor.next_cursor, cursor.items_field) == (
        "after",
        ("meta", "next_cursor"),
        "data",
    )
    assert link is not None and (link.items_field, link.page_param) == (None, None)
    declared, warnings = built(spec(), "pagination:\n  both_list: {style: cursor}\n  offset_list: false\n", tmp_path)
    assert warnings == [] and declared["offset_list"] is None
    both = declared["both_list"]
    assert both is not None and (both.style, both.page_param, both.next_cursor) == (
        "cursor",
        "cursor",
        ("next_cursor",),
    )


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "{style: cursor, cursor_param: before}",
            "#/pagination/cursor_list/cursor_param: cursor_list has no query parameter 'before'",
        ),
        (
            "{style: cursor, next_cursor: meta.next}",
            "#/pagination/cursor_list/next_cursor: cursor_list's response has no field 'meta.next'",
        ),
        (
            "{style: offset, offset_param: after, total: meta.next_cursor}",
            "#/pagination/cursor_list/total: total must be a field at the top of cursor_list's response, not 'meta.next_cursor'",
        ),
        (
            "{style: link, items: rows}",
            "#/pagination/cursor_list/items: cursor_list's response has no list field 'rows'",
        ),
        (
            "{style: pages}",
            "#/pagination/cursor_list: style must be one of ['cursor', 'link', 'offset', 'page'], got 'pages'",
        ),
        (
            "{style: link, cursor_param: after}",
            "#/pagination/cursor_list/cursor_param: unknown key for style link; expected one of ['items']",
        ),
        ("[after]", "#/pagination/cursor_list: expected true, false or a mapping with a style, got ['after']"),
    ],
)
def test_a_declaration_the_spec_contradicts_is_an_error_in_the_config(entry: str, message: str, tmp_path: Path) -> None:
    config = f"package: {PACKAGE}\npagination:\n  cursor_list: {entry}\n"
    with pytest.raises(SpecError) as caught:
        built(spec(), config, tmp_path)
    assert caught.value.lines == [f"{tmp_path / 'generator.yaml'}:3: {message}"]


def test_a_config_error_exits_2_with_its_location(tmp_path: Path) -> None:
    (tmp_path / "spec.json").write_text(json.dumps(spec()), encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text("package: p\npagination:\n  link_list:\n    style: link\n    items: entries\n", encoding="utf-8")
    result = generator("--out", tmp_path / "o", spec=tmp_path / "spec.json", config=config)
    assert result.returncode == 2
    assert (
        f"{config}:5: #/pagination/link_list/items: link_list's response has no list field 'entries'" in result.stderr
    )
    assert "Traceback" not in result.stderr and not (tmp_path / "o").exists()


def test_the_docs_examples_of_every_style_pass_mypy_strict(generated: Path, tmp_path: Path) -> None:
    """The README and resource page, written per style (a list page, no page number to resume from), type-check."""
    blocks = [b for path in markdown_files(generated) for b in split(path)[0] if b.language in ("python", "py")]
    code = "\n".join(b.code for b in blocks)
    assert all(f"things.{name}_list_all" in code for name in ("offset", "cursor", "link", "skip", "token"))
    for number, block in enumerate(blocks):
        (tmp_path / f"example_{number:03d}.py").write_text(f"# {block.where}\n{block.code}", encoding="utf-8")
    cache = str(ROOT / ".venv" / ".mypy_cache_snippets")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", cache, "."],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        env={**os.environ, "MYPYPATH": str(generated / "src")},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(blocks)} source files" in result.stdout
