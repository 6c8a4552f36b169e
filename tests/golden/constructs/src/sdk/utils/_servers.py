"""Server URLs: the templates the API describes, their ``{variables}``, and which one a call goes to.

A call goes to, first to last: its own ``server_url=``; the client's ``server_url`` (the constructor's or
``with_options``', else ``SDK_SERVER_URL``); the operation's own servers (else its path's), the first of them;
the client's server, ``SERVERS[server_idx]`` (0 unless given).

A variable's value given in ``server_variables`` must be one of its ``enum`` when it declares one. Without an enum, a
value in the scheme, host or port must be letters, digits, ``.``, ``-``, ``_`` or ``~`` (so it cannot add a user, a
port or a path: ``evil.example@host`` is refused), and a value in the path is percent-encoded whole (``/``, ``?``
and ``#`` included); ``""``, ``.`` and ``..`` are refused there. Defaults are used as the API description writes them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True, slots=True)
class Variable:
    name: str
    default: str
    enum: tuple[str, ...] = ()  # () when any (safe) value goes


@dataclass(frozen=True, slots=True)
class ServerTemplate:
    url: str  # ``{name}`` where a variable goes
    variables: tuple[Variable, ...] = ()


# the API's servers, chosen by ``server_idx``
SERVERS: tuple[ServerTemplate, ...] = (ServerTemplate("https://golden.example.com", ()),)
# the servers of a path or an operation, whose variables ``server_variables`` may set too
OTHER_SERVERS: tuple[ServerTemplate, ...] = ()
_VARIABLE = re.compile(r"\{([^{}]*)\}")
_AUTHORITY_SAFE = re.compile(r"[A-Za-z0-9._~-]+")


def resolve(server: ServerTemplate, given: Mapping[str, str]) -> str:
    """The server's URL, each variable the caller gave set (checked), the others at their defaults; ValueError if a
    given value is not allowed."""
    declared = {variable.name: variable for variable in server.variables}
    authority_end = _authority_end(server.url)

    def value(match: re.Match[str]) -> str:
        variable = declared.get(match.group(1))
        if variable is None:
            return match.group(0)
        if variable.name not in given:
            return variable.default
        return _checked(variable, given[variable.name], in_authority=match.start() < authority_end)

    return _VARIABLE.sub(value, server.url).rstrip("/")


def check_variables(given: Mapping[str, str]) -> None:
    """ValueError unless every given variable is declared by some server and fits every server that declares it."""
    every = (*SERVERS, *OTHER_SERVERS)
    known = {variable.name for server in every for variable in server.variables}
    for name in given:
        if name not in known:
            raise ValueError(f"server_variables: unknown variable {name!r}; the servers declare {sorted(known)}")
    for server in every:
        if any(variable.name in given for variable in server.variables):
            resolve(server, given)


def _checked(variable: Variable, value: str, *, in_authority: bool) -> str:
    if not isinstance(value, str):
        raise ValueError(f"server_variables: {variable.name}={value!r} must be a string")
    if variable.enum:
        if value not in variable.enum:
            raise ValueError(f"server_variables: {variable.name}={value!r} is not one of {list(variable.enum)}")
        return value  # declared by the API description, used as it writes it
    if in_authority:
        if not _AUTHORITY_SAFE.fullmatch(value):
            raise ValueError(
                f"server_variables: {variable.name}={value!r} goes in the server's scheme, host or port and may only "
                "hold letters, digits, '.', '-', '_' and '~'"
            )
        return value
    if value in ("", ".", ".."):
        raise ValueError(f"server_variables: {variable.name}={value!r} would change the server's path")
    return quote(value, safe="")


def _authority_end(url: str) -> int:
    """Where the scheme, host and port of a URL template end (its path begins): variables before it are checked."""
    start = url.find("://")
    start = start + 3 if start >= 0 else 0
    end = url.find("/", start)
    return len(url) if end < 0 else end


def base_url(explicit: bool, client_url: str, servers: tuple[ServerTemplate, ...], given: Mapping[str, str]) -> str:
    """Where a call without its own ``server_url`` goes: the client's URL if it was given one, else the operation's
    first server, else the client's server."""
    if explicit or not servers:
        return client_url
    return resolve(servers[0], given)
