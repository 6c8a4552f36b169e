"""The security schemes -> the client's credentials (``SecurityScheme``), and which a call requires."""

from __future__ import annotations

from typing import Any

from generator import naming
from generator.context import Context
from generator.errors import Problem
from generator.ir import SecurityScheme
from generator.load import escape
from generator.pytypes import deref


def security(ctx: Context) -> tuple[SecurityScheme, ...]:
    schemes = ctx.data.get("components", {}).get("securitySchemes", {})
    result = []
    arguments = dict(zip(sorted(schemes), naming.credential_arguments(sorted(schemes)), strict=True))
    for key, scheme in sorted(schemes.items()):
        scheme = deref(ctx, scheme)
        if scheme.get("type") == "apiKey" and _supported_scheme(scheme):
            location, wire = scheme["in"], str(scheme.get("name", key))
        elif _supported_scheme(scheme):
            location, wire = "bearer", "Authorization"
        else:
            ctx.warnings.append(
                Problem(
                    f"/components/securitySchemes/{escape(key)}",
                    "unsupported security scheme; it is ignored",
                    level="warning",
                )
            )
            continue
        argument = arguments[key]
        result.append(
            SecurityScheme(
                name=key,
                argument=argument,
                env_var=f"{ctx.config.env_prefix}_{argument.upper()}",
                location=location,
                wire_name=wire,
            )
        )
    return tuple(result)


def required_security(ctx: Context, requirements: Any) -> tuple[tuple[str, ...], ...]:
    """The alternatives of schemes a call needs credentials of, for the SDK to refuse it before sending.

    () when the call may go without (no requirement, or an empty one ``{}``), and when an alternative
    uses a scheme the SDK ignores: the caller may supply that one by other means.
    """
    if not isinstance(requirements, list) or not requirements:
        return ()
    schemes = ctx.data.get("components", {}).get("securitySchemes", {})
    supported = {key for key, scheme in schemes.items() if _supported_scheme(deref(ctx, scheme))}
    alternatives: set[tuple[str, ...]] = set()
    for requirement in requirements:
        if not isinstance(requirement, dict) or not requirement or not set(requirement) <= supported:
            return ()
        alternatives.add(tuple(sorted(requirement)))
    return tuple(sorted(alternatives))


def _supported_scheme(scheme: Any) -> bool:
    """A scheme the client takes a credential for: an apiKey in a header or the query, or HTTP bearer."""
    if not isinstance(scheme, dict):
        return False
    if scheme.get("type") == "apiKey":
        return scheme.get("in") in ("header", "query")
    return scheme.get("type") == "http" and str(scheme.get("scheme", "")).lower() == "bearer"
