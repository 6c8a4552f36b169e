"""Which ``pattern`` values the models can use, tried with pydantic itself; the others are dropped with a warning.

pydantic-core compiles a pattern with the Rust ``regex`` crate unless the model's config says ``python-re``;
datamodel-code-generator says so for a model where a pattern needs Python's ``re`` (lookaround, backreferences,
``\\Z``): the engine is chosen per model, and a model inherits its base's. So a pattern neither engine compiles is
dropped; and where one pattern of the spec needs ``re``, a pattern only Rust compiles (``\\p{L}``, ``a(?x)``) is
dropped too rather than guessed to live in another model: kept, every use of the model would raise
``SchemaError``.
"""

from __future__ import annotations

import functools
import re
from typing import Annotated, Any

from generator.errors import Problem

# (pointer, the mapping holding it, its key there, the pattern): a schema's "pattern" or a patternProperties name
Found = tuple[str, dict[str, Any], Any, Any]
# A flag group naming ``x``, but for a leading global ``(?x)``: the library cannot read such a pattern to choose
# the engine, and keeps Rust's.
_GLOBAL_VERBOSE = re.compile(r"\(\?[A-Za-z]*x[A-Za-z]*(?:-[A-Za-wyz]+)?\)")
_VERBOSE = re.compile(r"\(\?[A-Za-z-]*x")
# A surrogate code point, escaped (\uD800-\uDFFF) or as itself: Rust's engine refuses it, and the library does not
# count it among the things that need Python's re, so the model keeps Rust and fails to build.
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}|[\ud800-\udfff]")


def drop_unusable(found: list[Found]) -> list[Problem]:
    """Delete, in place, each pattern the models could not use; a warning naming each place."""
    problems: list[Problem] = []
    kept: list[tuple[Found, bool, bool]] = []  # (found, Rust compiles it, Python's re does)
    for item in found:
        where, holder, key, pattern = item
        rust, python = _engines(pattern) if isinstance(pattern, str) else (False, False)
        reason = None
        if not isinstance(pattern, str):
            reason = f"pattern {pattern!r} is not a string"
        elif not (rust or python):
            reason = f"pattern {pattern!r} is not a regular expression pydantic can compile ({_error(pattern)!r})"
        elif not rust and _VERBOSE.search(pattern, _leading(pattern)):
            reason = f"pattern {pattern!r} needs Python's re, which the models cannot be told for a late (?x) group"
        elif not rust and _SURROGATE.search(pattern):
            reason = f"pattern {pattern!r} names surrogate code points, which pydantic's Rust engine refuses"
        if reason is None:
            kept.append((item, rust, python))
        else:
            problems.append(_drop(item, reason))
    needs_re = next((item[0] for item, rust, _ in kept if not rust), None)
    for item, _, python in kept:
        if needs_re is not None and not python:
            reason = (
                f"pattern {item[3]!r} compiles only with pydantic's Rust engine, but #{needs_re} needs Python's re, "
                "which the models then use"
            )
            problems.append(_drop(item, reason))
    return problems


def _leading(pattern: str) -> int:
    start = _GLOBAL_VERBOSE.match(pattern)
    return start.end() if start else 0


def _drop(item: Found, reason: str) -> Problem:
    where, holder, key, _ = item
    del holder[key]
    kind = "pattern property" if where.rsplit("/", 2)[-2] == "patternProperties" else "pattern"
    return Problem(where, f"{reason}; the {kind} is ignored", level="warning")


@functools.cache
def _engines(pattern: str) -> tuple[bool, bool]:
    return _compiles(pattern, None), _compiles(pattern, "python-re")


def _compiles(pattern: str, engine: Any) -> bool:
    import pydantic

    config = pydantic.ConfigDict(regex_engine=engine) if engine else None
    try:
        pydantic.TypeAdapter(Annotated[str, pydantic.StringConstraints(pattern=pattern)], config=config)
    except Exception:  # noqa: BLE001 - whatever pydantic raises, the pattern is what it could not use
        return False
    return True


def _error(pattern: str) -> str:
    """The Rust engine's reason, one line."""
    import pydantic

    try:
        pydantic.TypeAdapter(Annotated[str, pydantic.StringConstraints(pattern=pattern)])
    except Exception as error:  # noqa: BLE001
        return " ".join(str(error).rsplit("error:", 1)[-1].split())[:120]
    return ""
