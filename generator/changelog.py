"""The package's version and changelog: ``version:`` in the config, ``CHANGELOG.md`` beside it (the generator
copies it into the package, so ``generated/CHANGELOG.md`` is output like any other and ``check`` covers it)."""

from __future__ import annotations

import re
from pathlib import Path

from generator.filters import md

NAME = "CHANGELOG.md"
_HEADER = "# Changelog\n"
_SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
_VERSION_LINE = re.compile(r"^version:.*$", re.MULTILINE)


def source(config_path: Path | None) -> Path | None:
    return None if config_path is None else config_path.with_name(NAME)


def package_files(config_path: Path | None) -> dict[str, str]:
    """``{"CHANGELOG.md": text}`` for the package when the config has a changelog beside it."""
    path = source(config_path)
    return {NAME: path.read_text(encoding="utf-8")} if path is not None and path.is_file() else {}


def bumped(version: str, level: str) -> str:
    """``version`` with the semver part ``level`` raised and the parts after it reset."""
    match = _SEMVER.match(version)
    if match is None:
        raise ValueError(f"the version {version!r} is not MAJOR.MINOR.PATCH")
    major, minor, patch = map(int, match.groups())
    if level == "major":
        return f"{major + 1}.0.0"
    if level == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def set_version(config_path: Path, version: str) -> None:
    """Rewrite the config's ``version:`` line (comments and the rest stay as they are), or add one."""
    text = config_path.read_text(encoding="utf-8") if config_path.is_file() else ""
    line = f"version: {version}"
    if _VERSION_LINE.search(text):
        text = _VERSION_LINE.sub(line, text, count=1)
    else:
        text = f"{text}{'' if not text or text.endswith(chr(10)) else chr(10)}{line}\n"
    config_path.write_text(text, encoding="utf-8")


def add_section(path: Path, version: str, entries: list[tuple[str, str]]) -> None:
    """Put a section for ``version`` at the top, under the title; a section for the same version (from an
    earlier bump of the same change) is replaced, not repeated. ``entries``: (heading, text)."""
    text = path.read_text(encoding="utf-8") if path.is_file() else _HEADER
    body = text[len(_HEADER) :] if text.startswith(_HEADER) else text
    heading = f"## {version}\n"
    if body.lstrip("\n").startswith(heading):  # this version's section: drop it, up to the next one
        rest = body.lstrip("\n")[len(heading) :]
        body = rest[rest.index("\n## ") + 1 :] if "\n## " in rest else ""
    lines = [heading]
    for title in dict.fromkeys(title for title, _ in entries):
        lines += [f"\n### {title}\n\n", *(f"- {md(text)}\n" for t, text in entries if t == title)]
    section = "".join(lines)
    path.write_text(f"{_HEADER}\n{section}" + (f"\n{body.lstrip(chr(10))}" if body.strip() else ""), encoding="utf-8")
