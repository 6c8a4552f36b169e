"""Part of a large API: only the operations of some tags, and the components they reach (``--tags``,
``include_tags``), so that a client of a few resources need not carry the models of all the others."""

from __future__ import annotations

from typing import Any

from generator import naming
from generator.config import Config
from generator.document import Document
from generator.errors import Problem
from generator.pointers import resolve, unescape
from generator.validate import HTTP_METHODS

_COMPONENTS = "#/components/"


def cut(document: Document, config: Config, tags: tuple[str, ...] | None, checked: list[Problem]) -> list[Problem]:
    """Cut the spec down to ``tags`` (else the config's ``include_tags``; neither: the whole spec), in place;
    ``checked`` without the warnings about what was cut away. ``SpecError`` for a tag no operation has."""
    wanted = tuple(config.include_tags) if tags is None else tags
    if not wanted:
        return checked
    problems = keep_tags(document.data, wanted)
    if problems:
        raise document.fail(problems)
    return [p for p in checked if exists(document.data, p.pointer)]


def keep_tags(data: dict[str, Any], tags: tuple[str, ...]) -> list[Problem]:
    """Drop, in place, every operation whose resource (its first tag) is not one of ``tags`` or nested in one
    (``sessions`` keeps ``sessions.transcript``), then every component nothing kept refers to. Security schemes
    stay. Problems: tags that no operation has (nothing could be kept for them)."""
    present = {naming.resource_tag(op) for _, _, op in _operations(data)}
    unknown = [tag for tag in tags if not any(_within(have, tag) for have in present)]
    if unknown:
        known = ", ".join(sorted(present))
        return [
            Problem("/paths", f"no operation has the tag {tag!r} (--tags, include_tags); tags: {known}")
            for tag in unknown
        ]
    paths: dict[Any, Any] = data.get("paths") or {}
    for path, method, op in list(_operations(data)):
        if not any(_within(naming.resource_tag(op), tag) for tag in tags):
            del paths[path][method]
    for path in [p for p, item in paths.items() if not any(m in item for m in HTTP_METHODS)]:
        del paths[path]
    _drop_unreached(data)
    return []


def exists(data: Any, pointer: str) -> bool:
    """Whether a JSON pointer still names something (a warning about a dropped part is not shown)."""
    try:
        resolve(data, "#" + pointer)
    except KeyError:
        return False
    return True


def _operations(data: dict[str, Any]) -> list[tuple[Any, str, dict[str, Any]]]:
    paths = data.get("paths")
    found = []
    for path, item in (paths or {}).items() if isinstance(paths, dict) else ():
        for method in HTTP_METHODS:
            if isinstance(item, dict) and isinstance(item.get(method), dict):
                found.append((path, method, item[method]))
    return found


def _within(tag: str, wanted: str) -> bool:
    return tag == wanted or tag.startswith(f"{wanted}.")


def _drop_unreached(data: dict[str, Any]) -> None:
    """Keep the components that the paths reach through ``$ref``, transitively; drop the rest."""
    components = data.get("components")
    if not isinstance(components, dict):
        return
    reached: set[tuple[str, str]] = set()
    pending: list[Any] = [data.get("paths")]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(_COMPONENTS):
                kind, _, rest = ref[len(_COMPONENTS) :].partition("/")
                key = (unescape(kind), unescape(rest.split("/")[0]))
                section = components.get(key[0])
                if key not in reached and isinstance(section, dict) and key[1] in section:
                    reached.add(key)
                    pending.append(section[key[1]])
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    for kind, section in components.items():
        if kind == "securitySchemes" or not isinstance(section, dict):
            continue
        for name in [n for n in section if (kind, str(n)) not in reached]:
            del section[name]
