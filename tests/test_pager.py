"""``list_all`` returns a re-iterable pager: items or ``.pages()``, sync and async, resumable from a page."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
from syllable_sdk import SyllableSDK
from syllable_sdk.models import components, errors

from tests.server import API_KEY, SESSIONS, LiveServer
from tests.typecheck import check_snippet

pytestmark = pytest.mark.anyio

ALL_IDS = [s["session_id"] for s in SESSIONS]  # 60 sessions


def sdk_for(server: LiveServer, **kwargs: Any) -> SyllableSDK:
    return SyllableSDK(api_key_header=API_KEY, server_url=server.url, **kwargs)


def list_calls(server: LiveServer) -> list[int]:
    """The page number of each list request the server saw."""
    return [
        int(parse_qs(r["query"]).get("page", ["0"])[0]) for r in server.requests if r["path"] == "/api/v1/sessions/"
    ]


def test_iterating_twice_fetches_again_and_yields_the_same_items(server: LiveServer) -> None:
    with sdk_for(server) as sdk:
        pager = sdk.sessions.list_all(limit=25)
        assert list_calls(server) == []  # nothing is fetched before iteration
        first = [s.session_id for s in pager]
        assert list_calls(server) == [0, 1, 2]
        second = [s.session_id for s in pager]
    assert first == second == ALL_IDS
    assert list_calls(server) == [0, 1, 2, 0, 1, 2]


def test_pages_yields_each_list_response(server: LiveServer) -> None:
    with sdk_for(server) as sdk:
        pager = sdk.sessions.list_all(limit=25, order_by="session_id")
        pages = list(pager.pages())
        assert all(isinstance(p, components.ListResponseSession) for p in pages)
        assert [p.page for p in pages] == [0, 1, 2] and [len(p.items) for p in pages] == [25, 25, 10]
        assert [s.session_id for p in pages for s in p.items] == ALL_IDS
        assert [p.page for p in pager.pages()] == [0, 1, 2]  # pages() is re-iterable too


def test_resuming_from_a_page_number(server: LiveServer) -> None:
    with sdk_for(server) as sdk:
        seen = None
        for page in sdk.sessions.list_all(limit=20).pages():
            seen = page.page
            if seen == 1:
                break  # stop part way, keeping the page number...
        assert seen == 1 and list_calls(server) == [0, 1]
        rest = [s.session_id for s in sdk.sessions.list_all(limit=20, page=seen + 1)]  # ...and go on from the next
    assert rest == ALL_IDS[40:]
    assert list_calls(server) == [0, 1, 2]


def test_errors_surface_while_iterating(server: LiveServer) -> None:
    with sdk_for(server) as sdk:
        pager = sdk.sessions.list_all(page=-1)
        with pytest.raises(errors.HTTPValidationError):
            list(pager)


async def test_async_pager_items_pages_and_reiteration(server: LiveServer) -> None:
    async with sdk_for(server) as sdk:
        pager = sdk.sessions.list_all_async(limit=25)
        first = [s.session_id async for s in pager]
        second = [s.session_id async for s in pager]
        pages = [p async for p in pager.pages()]
        resumed = [s.session_id async for s in sdk.sessions.list_all_async(limit=25, page=2)]
    assert first == second == ALL_IDS
    assert [p.page for p in pages] == [0, 1, 2] and all(isinstance(p, components.ListResponseSession) for p in pages)
    assert resumed == ALL_IDS[50:]
    assert list_calls(server) == [0, 1, 2] * 3 + [2]


USER_CODE = """
from syllable_sdk import SyllableSDK
from syllable_sdk.models import components
from syllable_sdk.utils import AsyncPager, Pager


async def main(sdk: SyllableSDK) -> None:
    pager = sdk.sessions.list_all(limit=10)
    for session in pager:
        reveal_type(session)
    for page in pager.pages():
        reveal_type(page)
    async for item in sdk.sessions.list_all_async():
        reveal_type(item)
    async for async_page in sdk.sessions.list_all_async().pages():
        reveal_type(async_page.items)
    kept: Pager[components.Session, components.ListResponseSession] = sdk.sessions.list_all()
    kept_async: AsyncPager[components.Session, components.ListResponseSession] = sdk.sessions.list_all_async()
"""


def test_pagers_are_typed(tmp_path: Path) -> None:
    revealed, errors_ = check_snippet(USER_CODE, tmp_path)
    session = "syllable_sdk.models.components._schemas.session.Session"
    page = "syllable_sdk.models.components._schemas.list_response_session.ListResponseSession"
    assert revealed == [session, page, session, f"list[{session}]"], revealed
    assert errors_ == []
