"""Enums print as their value, and enum parameters take plain strings (checked by mypy --strict too)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from syllable_sdk import SyllableSDK
from syllable_sdk.core import SyllableSDKCore
from syllable_sdk.funcs import sessions_list
from syllable_sdk.models import components, operations

from tests.conftest import ROOT
from tests.server import API_KEY, LiveServer
from tests.typecheck import check_snippet

pytestmark = pytest.mark.anyio

BASE = ROOT / "generated" / "src" / "syllable_sdk" / "models" / "_base.py"


def test_members_print_as_their_value() -> None:
    member = components.SessionProperties.TIMESTAMP
    assert (str(member), f"{member}", "%s" % member, "{}".format(member)) == ("timestamp",) * 4  # noqa: UP031, UP032
    assert f"{member:>10}" == " timestamp" and repr(member) == "<SessionProperties.TIMESTAMP: 'timestamp'>"
    assert member == "timestamp"
    unknown = components.SessionProperties("added_later")  # open: a value the server added later
    assert (str(unknown), f"{unknown}") == ("added_later", "added_later")


# The same check on every interpreter found here (pydantic stubbed: only the enum base class is exercised).
_ON_OTHER_PYTHON = """
import sys, types
sys.modules["pydantic"] = types.SimpleNamespace(BaseModel=object, ConfigDict=lambda **kw: kw)
namespace = {"__name__": "base"}
exec(open(sys.argv[1]).read(), namespace)
OpenEnum = namespace["OpenEnum"]
Color = OpenEnum("Color", {"RED": "red"}, type=str)
Size = OpenEnum("Size", {"BIG": 3}, type=int)
print(str(Color.RED), f"{Color.RED}", "%s" % Color.RED, str(Color("new")), str(Size.BIG), f"{Size.BIG:03d}")
"""


@pytest.mark.parametrize("version", ["3.10", "3.11", "3.12", "3.13"])
def test_printing_on_every_supported_python(version: str) -> None:
    found = sorted(Path("/root/.pyenv/versions").glob(f"{version}.*/bin/python")) + [
        p for p in [Path(f"/usr/bin/python{version}")] if p.exists()
    ]
    if not found:
        pytest.skip(f"no Python {version} here")
    out = subprocess.run(
        [str(found[0]), "-c", _ON_OTHER_PYTHON, str(BASE)], capture_output=True, text=True, timeout=60, check=True
    )
    assert out.stdout.split() == ["red", "red", "red", "new", "3", "003"], out.stderr


def test_parameters_take_plain_strings_on_the_wire(server: LiveServer) -> None:
    with SyllableSDK(api_key_header=API_KEY, server_url=server.url) as sdk:
        page = sdk.sessions.list(
            order_by="timestamp",
            order_by_direction="desc",
            search_fields=["conversation_id", components.SessionProperties.AGENT_ID],
            search_field_values=["conv-1", "agent-1"],
        )
    query = parse_qs(server.requests[-1]["query"])
    assert query["order_by"] == ["timestamp"] and query["order_by_direction"] == ["desc"]
    assert query["search_fields"] == ["conversation_id", "agent_id"]
    assert page.items is not None


async def test_parameters_take_plain_strings_async(server: LiveServer) -> None:
    async with SyllableSDK(api_key_header=API_KEY, server_url=server.url) as sdk:
        await sdk.sessions.list_async(order_by="session_id", fields=["session_id"])
    query = parse_qs(server.requests[-1]["query"])
    assert query["order_by"] == ["session_id"] and query["fields"] == ["session_id"]


def test_values_the_server_adds_later_still_validate() -> None:
    request = operations.SessionsListRequest(order_by="added_later", search_fields=["added_too"])
    assert request.order_by == components.SessionProperties("added_later")
    assert str(request.order_by) == "added_later"
    assert components.OrderByDirection("sideways").value == "sideways"


def test_standalone_function_takes_plain_strings(server: LiveServer) -> None:
    result = sessions_list(SyllableSDKCore(api_key_header=API_KEY, server_url=server.url), order_by="timestamp")
    assert result.ok
    assert parse_qs(server.requests[-1]["query"])["order_by"] == ["timestamp"]


USER_CODE = """
from syllable_sdk import SyllableSDK
from syllable_sdk.core import SyllableSDKCore
from syllable_sdk.funcs import sessions_list
from syllable_sdk.models import components

sdk = SyllableSDK(api_key_header="k")
sdk.sessions.list(order_by="timestamp", search_fields=["conversation_id"], order_by_direction="asc")
sdk.sessions.list(order_by=components.SessionProperties.TIMESTAMP, fields=[components.SessionProperties.SESSION_ID])
sdk.sessions.list_all(search_fields=["conversation_id", components.SessionProperties.AGENT_ID])
sessions_list(SyllableSDKCore(), order_by="duration")
value: components.SessionPropertiesLiteral = "is_test"
sdk.sessions.list(order_by="no_such_field")  # rejected
sdk.sessions.list(search_fields=["no_such_field"])  # rejected
"""


def test_mypy_accepts_known_values_and_rejects_others(tmp_path: Path) -> None:
    _, errors = check_snippet(USER_CODE, tmp_path)
    assert [line.split(":")[1] for line in errors] == ["13", "14"], errors
