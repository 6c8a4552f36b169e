"""The security schemes -> the client's credentials (``SecurityScheme``), and which a call sends or requires.

A call's ``security`` is a list of alternatives (OR), each a set of schemes (AND). It is decided here, once: the
alternatives the SDK can send, in the spec's order, and whether the call may go without any. At run time the client
only picks the first alternative it has every credential of (cached per client).
"""

from __future__ import annotations

from typing import Any, Literal

from generator import naming
from generator.context import Context
from generator.errors import Problem
from generator.ir import SecurityScheme
from generator.pointers import escape
from generator.pytypes import deref
from generator.validate import HTTP_METHODS

Kind = Literal["header", "query", "cookie", "bearer", "basic", "oauth2"]


def security(ctx: Context) -> tuple[SecurityScheme, ...]:
    schemes = {
        key: deref(ctx, scheme) for key, scheme in ctx.data.get("components", {}).get("securitySchemes", {}).items()
    }
    kinds = {key: _kind(scheme) for key, scheme in schemes.items()}
    supported = sorted(key for key, kind in kinds.items() if kind is not None)
    arguments = dict(zip(supported, naming.credential_arguments((k, str(kinds[k])) for k in supported), strict=True))
    result = []
    for key in sorted(schemes):
        kind, scheme = kinds[key], schemes[key]
        if kind is None:
            ctx.warnings.append(
                Problem(
                    f"/components/securitySchemes/{escape(key)}",
                    "unsupported security scheme; it is ignored",
                    level="warning",
                )
            )
            continue
        names = arguments[key]
        env = [f"{ctx.config.env_prefix}_{name.upper()}" for name in names]
        flow = scheme.get("flows", {}).get("clientCredentials", {}) if kind == "oauth2" else {}
        result.append(
            SecurityScheme(
                name=key,
                argument=names[0],
                env_var=env[0],
                location=kind,
                wire_name=str(scheme.get("name", key)) if scheme.get("type") == "apiKey" else "Authorization",
                secret_argument=names[1] if len(names) > 1 else "",
                secret_env_var=env[1] if len(names) > 1 else "",
                token_url=str(flow.get("tokenUrl", "")),
                scopes=_requested_scopes(ctx, key) if kind == "oauth2" else (),
            )
        )
    return tuple(result)


def alternatives(ctx: Context, requirements: Any) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]:
    """(the alternatives the SDK can send, in order; the same when the call needs one of them, else ()).

    A call may go without credentials when it has no requirement, an empty one (``{}``), or an alternative that
    uses a scheme the SDK ignores (the caller may supply that one by other means); those alternatives are never sent.
    """
    if not isinstance(requirements, list):
        return (), ()
    schemes = ctx.data.get("components", {}).get("securitySchemes", {})
    supported = {key for key, scheme in schemes.items() if _kind(deref(ctx, scheme)) is not None}
    sendable: list[tuple[str, ...]] = []
    optional = not requirements
    for requirement in requirements:
        if not isinstance(requirement, dict) or not requirement or not set(requirement) <= supported:
            optional = True
            continue
        alternative = tuple(sorted(requirement))
        if alternative not in sendable:
            sendable.append(alternative)
    return tuple(sendable), () if optional else tuple(sendable)


def _requested_scopes(ctx: Context, key: str) -> tuple[str, ...]:
    """The scopes an OAuth2 token is asked for: every scope a requirement of the API (global or an operation's) lists
    for the scheme, so that one token serves every call; none when none is listed (the server's default)."""
    requirements = list(ctx.data.get("security") or [])
    for item in ctx.data.get("paths", {}).values():
        for method in HTTP_METHODS:
            op = item.get(method) if isinstance(item, dict) else None
            if isinstance(op, dict) and isinstance(op.get("security"), list):
                requirements += op["security"]
    scopes = {
        str(scope)
        for requirement in requirements
        if isinstance(requirement, dict) and isinstance(requirement.get(key), list)
        for scope in requirement[key]
    }
    return tuple(sorted(scopes))


def _kind(scheme: Any) -> Kind | None:
    """What the client takes a credential for: an apiKey in a header, the query or a cookie; HTTP bearer or basic;
    OAuth2 with a client credentials flow (the other flows and openIdConnect are left to the caller)."""
    if not isinstance(scheme, dict):
        return None
    kind = scheme.get("type")
    if kind == "apiKey":
        where = scheme.get("in")
        return (
            "header" if where == "header" else "query" if where == "query" else "cookie" if where == "cookie" else None
        )
    if kind == "http":
        http = str(scheme.get("scheme", "")).lower()
        return "bearer" if http == "bearer" else "basic" if http == "basic" else None
    if kind == "oauth2":
        flows = scheme.get("flows")
        flow = flows.get("clientCredentials") if isinstance(flows, dict) else None
        return (
            "oauth2" if isinstance(flow, dict) and isinstance(flow.get("tokenUrl"), str) and flow["tokenUrl"] else None
        )
    return None
