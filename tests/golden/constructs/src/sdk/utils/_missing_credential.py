"""Refuse, before anything is sent, a call that needs a credential the client does not have."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..models.errors import MissingCredentialError

if TYPE_CHECKING:
    import httpx

    from ..core import ClientCore

# scheme -> (how to configure it: its constructor arguments and environment variables; where it goes, its name there)
_SOURCES: dict[str, tuple[str, str, str]] = {}


def require_credentials(
    core: ClientCore,
    client: httpx.Client | httpx.AsyncClient,
    operation_id: str,
    required: tuple[tuple[str, ...], ...],
    headers: dict[str, str],
    query: list[tuple[str, Any]],
) -> None:
    """Raise ``MissingCredentialError`` unless one alternative of ``required`` can be met; called only when the client
    has the credentials of none of them.

    A credential also counts as given when the request already carries it by its wire name (``http_headers``, the
    caller's client's headers), and the check is left to the server when the caller's client has ``auth`` or a
    ``before_request`` hook may add it.
    """
    if core.hooks.before_request or client.auth is not None:
        return
    have = core._credentials  # noqa: SLF001 - the pipeline is the core's own machinery
    sent = {"header": {name.lower() for name in headers} | {name.lower() for name in client.headers}}
    sent["query"] = {name.lower() for name, _ in query}
    cookie = next((value for name, value in headers.items() if name.lower() == "cookie"), "")
    sent["cookie"] = {piece.split("=", 1)[0].strip().lower() for piece in cookie.split(";")}
    for alternative in required:
        if all(scheme in have or _SOURCES[scheme][2] in sent[_SOURCES[scheme][1]] for scheme in alternative):
            return
    ways = " or ".join(" and ".join(_SOURCES[scheme][0] for scheme in alternative) for alternative in required)
    raise MissingCredentialError(f"{operation_id} needs a credential and none is configured: {ways}")
