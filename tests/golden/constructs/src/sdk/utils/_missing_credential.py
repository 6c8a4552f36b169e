"""Refuse, before anything is sent, a call that needs a credential the client does not have."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..models.errors import MissingCredentialError

if TYPE_CHECKING:
    import httpx

    from ..core import ClientCore

# scheme -> (constructor argument, environment variable, where it goes, its name there)
_SOURCES: dict[str, tuple[str, str, str, str]] = {}


def require_credentials(
    core: ClientCore,
    client: httpx.Client | httpx.AsyncClient,
    operation_id: str,
    required: tuple[tuple[str, ...], ...],
    headers: dict[str, str],
    query: list[tuple[str, Any]],
) -> None:
    """Raise ``MissingCredentialError`` unless one alternative of ``required`` is met.

    The fast path is the first loop. A credential also counts as given when the request already
    carries it by its wire name (``http_headers``, the caller's client's headers), and the check is left
    to the server when the caller's client has ``auth`` or a ``before_request`` hook may add it.
    """
    have = core._credentials  # noqa: SLF001 - the pipeline is the core's own machinery
    for alternative in required:
        for scheme in alternative:
            if scheme not in have:
                break
        else:
            return
    if core.hooks.before_request or client.auth is not None:
        return
    sent = {name.lower() for name in headers} | {name.lower() for name in client.headers}
    sent |= {name.lower() for name, _ in query}
    for alternative in required:
        if all(scheme in have or _SOURCES[scheme][3].lower() in sent for scheme in alternative):
            return
    ways = " or ".join(" and ".join(_describe(scheme) for scheme in alternative) for alternative in required)
    raise MissingCredentialError(f"{operation_id} needs a credential and none is configured: {ways}")


def _describe(scheme: str) -> str:
    argument, env_var, _, _ = _SOURCES[scheme]
    return f"pass {argument}= to Client() or set the {env_var} environment variable"
