"""Multi-file specs: every ``$ref`` to another file resolved at load time into the one document the rest reads.

A component of another file (``other.yaml#/components/schemas/X``) joins the root document's components under a
name of its own (``naming.bundled_component``), so recursion across files stays a reference; a whole file or any
other piece is a component of the kind its place calls for, except a path item, which is copied in place. Each
piece is recorded as a ``Part``, so every problem found later is reported in the file and line it was written at.
The generator never fetches: a URL is refused, and so is anything that is not a regular file. Where the references
are and what kind each place calls for is ``ref_sites``; a referenced file's text, ``referenced_files``.
"""

from __future__ import annotations

import copy
import os
import re
import urllib.parse
from collections import deque
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator import naming
from generator.document import Document, Part
from generator.errors import Problem, SpecError
from generator.hostile import MAX_NODES
from generator.load import parse
from generator.pointers import escape, resolve, unescape
from generator.ref_sites import KINDS, is_external, kind_at, references
from generator.referenced_files import read_regular

_MAX_FILES = 1_000
_URL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")


def bundle(root: Document) -> Document:
    """``root`` with every file it refers to bundled in; ``SpecError`` naming the file and line of each reference
    that cannot be followed."""
    if not any(is_external(ref) for _, _, ref in references(root.data)):
        return root
    bundler = _Bundler(root)
    bundler.run()
    if bundler.problems:
        raise SpecError(bundler.problems)
    parts = sorted(bundler.parts, key=lambda part: -len(part.at))
    return replace(root, parts=tuple(parts))


class _Bundler:
    def __init__(self, root: Document) -> None:
        self.root = root
        self.files: dict[Path, Document | None] = {root.path.resolve(): root}
        self.placed: dict[tuple[Path, str], str] = {}  # (file, pointer there) -> pointer in the root document
        components = root.data.get("components")
        self.components: dict[str, Any] | None = components if isinstance(components, dict) else None
        self.taken = {kind: {str(k).casefold() for k in (self.components or {}).get(kind) or {}} for kind in KINDS}
        self.parts: list[Part] = []
        self.problems: list[str] = []
        self.budget = MAX_NODES
        # what is left to walk: (file, pointer there, pointer in the root document, node, path items being copied)
        self.queue: deque[tuple[Document, str, str, Any, frozenset[tuple[Path, str]]]] = deque()

    def run(self) -> None:
        self.queue.append((self.root, "", "", self.root.data, frozenset()))
        while self.queue:
            document, pointer, at, node, copying = self.queue.popleft()
            for where, site, ref in references(node, pointer):
                self._follow(document, where, at + where[len(pointer) :], site, ref, copying)

    def _problem(self, document: Document, pointer: str, message: str) -> None:
        self.problems.append(document.locate(Problem(pointer, message)))

    def _follow(
        self,
        document: Document,
        where: str,
        at: str,
        site: dict[str, Any],
        ref: str,
        copying: frozenset[tuple[Path, str]],
    ) -> None:
        """Rewrite the reference at ``where`` of ``document`` (``at`` in the root document) to a local one."""
        if document is self.root and not is_external(ref):
            return
        if _URL.match(ref):
            self._problem(
                document,
                f"{where}/$ref",
                f"reference {ref!r} is a URL: the generator never fetches; download the file and refer to it by its "
                "relative path",
            )
            return
        name, _, fragment = ref.partition("#")
        if name:
            target = self._file(document, f"{where}/$ref", urllib.parse.unquote(name))
            if target is None:
                return
        else:
            target = document
        pointer = self._pointer(target, fragment)
        if pointer is None:
            self._problem(document, f"{where}/$ref", f"reference {ref!r} does not resolve in {target.path}")
            return
        if target is self.root:
            site["$ref"] = f"#{pointer}"
            return
        tokens = pointer.split("/")
        if len(tokens) >= 4 and tokens[1] == "components" and unescape(tokens[2]) in KINDS:
            kind, component, rest = unescape(tokens[2]), "/".join(tokens[:4]), "/".join(tokens[4:])
            site["$ref"] = f"#{self._hoist(target, component, kind, unescape(tokens[3]))}" + (
                f"/{rest}" if rest else ""
            )
            return
        site_kind = kind_at(at)
        if site_kind is None:
            self._copy_in_place(document, where, at, site, target, pointer, copying)
            return
        name = unescape(tokens[-1]) if pointer else target.path.stem
        site["$ref"] = f"#{self._hoist(target, pointer, site_kind, name)}"

    def _pointer(self, target: Document, fragment: str) -> str | None:
        """The JSON pointer a fragment names in ``target`` (percent-decoded if need be), None if it dangles."""
        for pointer in dict.fromkeys([fragment, urllib.parse.unquote(fragment)]):
            try:
                if not pointer or pointer.startswith("/"):
                    resolve(target.data, f"#{pointer}")
                    return pointer
            except KeyError:
                pass
        return None

    def _node(self, target: Document, pointer: str) -> Any:
        copied = copy.deepcopy(resolve(target.data, f"#{pointer}"))
        self.budget -= _size(copied)
        if self.budget < 0:
            raise SpecError([f"{target.path}:1: #: the bundled spec expands to more than {MAX_NODES} nodes"])
        return copied

    def _hoist(self, target: Document, pointer: str, kind: str, name: str) -> str:
        """The pointer in the root document of the piece of ``target`` at ``pointer``, made a component of
        ``kind`` the first time."""
        key = (target.path.resolve(), pointer)
        if key in self.placed:
            return self.placed[key]
        if self.components is None:
            if "components" in self.root.data:
                self._problem(self.root, "/components", "components must be a mapping to take other files' ones")
                return "/components"
            self.components = self.root.data["components"] = {}
        section = self.components.setdefault(kind, {})
        if not isinstance(section, dict):
            self._problem(self.root, f"/components/{kind}", f"{kind} must be a mapping to take other files' ones")
            return f"/components/{kind}"
        chosen = naming.bundled_component(name, target.path.stem, self.taken[kind])
        at = f"/components/{escape(kind)}/{escape(chosen)}"
        self.placed[key] = at
        section[chosen] = node = self._node(target, pointer)
        self.parts.append(Part(at, target, pointer))
        self.queue.append((target, pointer, at, node, frozenset()))
        return at

    def _copy_in_place(
        self,
        document: Document,
        where: str,
        at: str,
        site: dict[str, Any],
        target: Document,
        pointer: str,
        copying: frozenset[tuple[Path, str]],
    ) -> None:
        """A path item of another file copied where it is referred to; refused if it (in)directly refers to itself."""
        key = (target.path.resolve(), pointer)
        if key in copying:
            self._problem(
                document, f"{where}/$ref", f"reference {site['$ref']!r} is a cycle of path items across files"
            )
            return
        node = self._node(target, pointer)
        if not isinstance(node, dict):
            self._problem(document, f"{where}/$ref", f"reference {site['$ref']!r} is not a mapping")
            return
        siblings = {k: v for k, v in site.items() if k != "$ref"}  # the referrer's summary, description... win
        site.clear()
        site.update(node | siblings)
        self.parts.append(Part(at, target, pointer))
        self.queue.append((target, pointer, at, site, copying | {key}))

    def _file(self, document: Document, where: str, name: str) -> Document | None:
        """The file ``name`` refers to from ``document``, read once; None (a problem recorded) if it cannot be."""
        shown = Path(os.path.normpath(document.path.parent / name))
        try:
            real = shown.resolve(strict=True)
        except (OSError, RuntimeError, ValueError) as exc:  # missing, a link loop, a NUL in the name
            reason = "no such file" if isinstance(exc, FileNotFoundError) else f"cannot be read: {exc}"
            self._problem(document, where, f"referenced file {name!r} ({shown}): {reason}")
            return None
        if real in self.files:
            return self.files[real]
        if len(self.files) >= _MAX_FILES:
            self._problem(document, where, f"the spec refers to more than {_MAX_FILES} files")
            return None
        self.files[real] = None
        try:
            text = read_regular(real)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            self._problem(document, where, f"referenced file {name!r} ({shown}) cannot be read: {exc}")
            return None
        try:
            self.files[real] = parse(shown, text)
        except SpecError as error:
            self.problems.extend(error.lines)
        return self.files[real]


def _size(node: Any) -> int:
    count, stack = 0, [node]
    while stack:
        current = stack.pop()
        count += 1
        if isinstance(current, dict):
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
    return count
