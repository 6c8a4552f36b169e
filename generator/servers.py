"""Servers: the global ones (chosen by ``server_idx``), and those of a path or an operation, with their variables.

Each becomes an ``ir.Server``: its URL with every variable at its default (the docs' and ``DEFAULT_SERVER_URL``'s),
its template, and each ``{variable}`` with its default and ``enum``, which the client checks a caller's value
against (``utils/_servers.py``).
"""

from __future__ import annotations

import re
from typing import Any

from generator.ir import Server, ServerVariable

_VARIABLE = re.compile(r"\{([^{}]*)\}")


def servers(raw: Any) -> tuple[Server, ...]:
    """The servers of a ``servers`` list (global, path or operation); () when there is none."""
    return (
        tuple(server(s) for s in raw if isinstance(s, dict) and isinstance(s.get("url"), str))
        if isinstance(raw, list)
        else ()
    )


def server(raw: dict[str, Any]) -> Server:
    declared = raw.get("variables")
    variables: dict[str, Any] = declared if isinstance(declared, dict) else {}
    template = str(raw.get("url", ""))
    used = list(dict.fromkeys(_VARIABLE.findall(template)))
    found = []
    for name in used:
        variable = variables.get(name)
        if not isinstance(variable, dict) or variable.get("default") is None:
            continue  # undeclared: the braces stay in the URL, as the spec wrote it
        enum = variable.get("enum")
        found.append(
            ServerVariable(
                name=name,
                default=_text(variable["default"]),
                enum=tuple(_text(v) for v in enum if v is not None) if isinstance(enum, list) else (),
                description=str(variable.get("description", "")).strip(),
            )
        )
    defaults = {v.name: v.default for v in found}
    url = _VARIABLE.sub(lambda m: defaults.get(m.group(1), m.group(0)), template).rstrip("/")
    return Server(url=url, description=str(raw.get("description", "")), template=template, variables=tuple(found))


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
