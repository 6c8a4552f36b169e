"""The public-API difference of two generated packages, in the user's terms, and its semver verdict.

griffe compares the Python API (what was removed, what became required); the IR of each side names those
changes in the spec's terms (operations, parameters, models) and finds what griffe does not look at: changed
types, renamed methods and everything added.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import griffe

from generator.errors import SpecError
from generator.ir import Api
from generator.output import tree_texts
from generator.surface import Level, Subject, ir_changes, subjects

_ORDER: dict[str, int] = {"major": 0, "minor": 1, "patch": 2}
TITLES: dict[Level, str] = {"major": "Breaking changes", "minor": "Additions", "patch": "Other changes"}
# Files whose change alone is not an API change: the changelog, and the version that a bump writes.
_BOOKKEEPING = ("CHANGELOG.md",)
# Values that change with the API without being a change of it: the export lists (each export added or removed
# is reported by itself), and the version.
_NOT_API = frozenset({"__all__", "__version__"})
# The private modules that hold what a public package re-exports: a model's, a request model's, a function's.
_PRIVATE = re.compile(r"\.(?:_schemas|_requests)\.[^.]+\.|(?<=\.funcs)\._[^.]+\.")


@dataclass(frozen=True)
class Change:
    level: Level
    text: str


def compare(old_root: Path, new_root: Path, old_api: Api, new_api: Api) -> list[Change]:
    """Every change from the package in ``old_root`` to the one in ``new_root``, breaking ones first."""
    found: list[Change] = []
    if old_api.package != new_api.package:
        found.append(Change("major", f"import name changed: `{old_api.package}` is now `{new_api.package}`"))
    else:
        found += _python_breakages(old_root, new_root, old_api, new_api)
    found += [Change(level, text) for level, text in ir_changes(old_api, new_api)]
    unique = list(dict.fromkeys(found))
    if not unique:
        changed = _changed_files(old_root, new_root, old_api.version, new_api.version)
        if changed:
            shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
            unique.append(Change("patch", f"no public API change; {len(changed)} files differ ({shown})"))
    return sorted(unique, key=lambda c: _ORDER[c.level])


def verdict(changes: list[Change]) -> Level | Literal["none"]:
    """The semver part to bump: the highest level of any change, ``none`` when the packages are the same."""
    return min((c.level for c in changes), key=_ORDER.__getitem__, default="none")


def report(changes: list[Change]) -> str:
    """What ``sdkgen diff`` prints: breaking changes, then additions, then the rest, then the verdict."""
    lines: list[str] = []
    for level, title in TITLES.items():
        mine = [c.text for c in changes if c.level == level]
        if mine:
            lines += [f"{title}:", *(f"  - {_printable(text)}" for text in mine)]
    if not changes:
        lines.append("No changes.")
    return "\n".join([*lines, f"bump: {verdict(changes)}"]) + "\n"


def _printable(text: str) -> str:
    """Names from the spec may hold control characters: shown escaped, never sent to the terminal."""
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def _python_breakages(old_root: Path, new_root: Path, old_api: Api, new_api: Api) -> list[Change]:
    old = _load(old_root, old_api.package)
    new = _load(new_root, new_api.package)
    where = subjects(old_api)
    # An enum's ``<Enum>Literal`` alias changes value with its members, which the enum itself reports.
    skipped = _NOT_API | {alias for alias, _ in old_api.literals}
    explained = (
        _explain(b, where, new_api) for b in griffe.find_breaking_changes(old, new) if b.obj.name not in skipped
    )
    return [Change("major", text) for text in explained if text is not None]


def _load(root: Path, package: str) -> griffe.Module:
    """The package as griffe reads it from source: nothing is imported (so both sides can share a name, and
    neither runs)."""
    if not (root / "src" / package / "__init__.py").is_file():
        raise SpecError([f"{root}:1: #: not a generated package: there is no src/{package}/__init__.py"])
    loaded = griffe.load(
        package, search_paths=[root / "src"], allow_inspection=False, resolve_aliases=True, resolve_external=False
    )
    assert isinstance(loaded, griffe.Module)
    return loaded


def _explain(breakage: griffe.Breakage, where: dict[str, Subject], new_api: Api) -> str | None:
    """One breaking change as the user meets it: the operation, parameter or model, in the spec's words; None for
    a method gone from an operation that is still there (the IR reports it renamed)."""
    path = breakage.obj.path
    subject, rest = _subject_of(path, where)
    kind = breakage.kind
    if kind is griffe.BreakageKind.ATTRIBUTE_CHANGED_VALUE and "instance-attribute" in breakage.obj.labels:
        return None  # ``self.server_url = ...``: the expression an instance computes its value by is not API
    old_param = getattr(breakage.old_value, "name", "")
    new_param = getattr(breakage.new_value, "name", "")
    if subject is None:
        return f"`{path}`: {breakage.kind.value}"
    if kind is griffe.BreakageKind.OBJECT_REMOVED and not rest:
        now = {op.id: f"sdk.{r.access or r.name}.{op.method_name}" for r in new_api.resources for op in r.operations}
        if subject.kind == "operation" and subject.name in now:
            return None if now[subject.name] != subject.python else f"{subject}: `{path}` removed"
        return f"{subject} removed (`{subject.python}`)"
    if kind is griffe.BreakageKind.OBJECT_REMOVED:
        member = "member" if subject.kind == "enum" else "parameter" if subject.kind == "operation" else "field"
        return f"{subject}: {member} `{rest}` removed"
    if kind is griffe.BreakageKind.PARAMETER_REMOVED:
        return f"{subject}: parameter `{old_param}` removed"
    if kind is griffe.BreakageKind.PARAMETER_CHANGED_REQUIRED:
        return f"{subject}: parameter `{new_param}` is now required"
    if kind is griffe.BreakageKind.PARAMETER_ADDED_REQUIRED:
        return f"{subject}: new required parameter `{new_param}`"
    if kind is griffe.BreakageKind.PARAMETER_CHANGED_DEFAULT:
        old, new = breakage.old_value.default, breakage.new_value.default
        return f"{subject}: the default of parameter `{new_param}` changed from {old} to {new}"
    if kind is griffe.BreakageKind.ATTRIBUTE_CHANGED_VALUE and breakage.new_value == "unset":
        noun = "parameter" if subject.kind == "operation" else "field"
        return f"{subject}: {noun} `{rest}` is now required"
    if kind is griffe.BreakageKind.ATTRIBUTE_CHANGED_VALUE:
        return f"{subject}: the default of `{rest}` changed from {breakage.old_value} to {breakage.new_value}"
    if kind is griffe.BreakageKind.RETURN_CHANGED_TYPE:
        return f"{subject}: no longer returns a value"
    return f"{subject}: `{path}`: {kind.value}"


def _subject_of(path: str, where: dict[str, Subject]) -> tuple[Subject | None, str]:
    """The operation, resource or model a Python path belongs to, and the member under it (``""``: itself)."""
    head, rest = _PRIVATE.sub(".", path), ""
    while head:
        if head in where:
            return where[head], rest
        head, _, last = head.rpartition(".")
        rest = f"{last}.{rest}" if rest else last
    return None, ""


def _changed_files(old_root: Path, new_root: Path, old_version: str, new_version: str) -> list[str]:
    """Files that differ other than by the version a bump wrote and the changelog."""
    old, new = tree_texts(old_root), tree_texts(new_root)

    def text(texts: dict[str, str], rel: str, version: str) -> str | None:
        value = texts.get(rel)
        return None if value is None else value.replace(f'"{version}"', '"VERSION"')

    return [
        rel
        for rel in sorted(set(old) | set(new))
        if rel not in _BOOKKEEPING
        and not rel.startswith(".sdkgen/")  # the generator's records, not the package
        and text(old, rel, old_version) != text(new, rel, new_version)
    ]
