"""datamodel-code-generator's one module of models -> one module per model, so that using one model imports only
what it needs.

The library can split its output itself, but that costs a seventh of its run and names classes per module (two
``Action`` classes in two modules, one of them unreachable from ``components``). Splitting its single module here
keeps its globally unique names and costs a few hundredths of a second. Classes that refer to each other in a
cycle share a module; every other module imports what it uses from its neighbours (``from .voice import Voice``).
"""

from __future__ import annotations

import ast
import re

from generator import naming

# The lines ast counts (it ends a line at \r\n, \r or \n), each with its end kept.
_LINES = re.compile(r"(?<=\r\n)|(?<=\r)(?!\n)|(?<=\n)")


def split_models(source: str, tree: ast.Module, header: str) -> tuple[dict[str, str], dict[str, str]] | None:
    """(module name -> source, class name -> module name) of ``source`` (parsed: ``tree``), or None where it holds
    a statement that this does not know how to place (the caller then keeps the one module)."""
    lines = _LINES.split(source)
    imports: list[ast.Import | ast.ImportFrom] = []
    units: dict[str, ast.stmt] = {}  # name -> the statement that defines it, in source order
    after: dict[str, list[ast.stmt]] = {}  # name -> statements about it that follow the definitions (model_rebuild)
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            imports.append(node)
        elif isinstance(node, ast.ClassDef):
            units[node.name] = node
        elif isinstance(node, (ast.Assign, ast.AnnAssign)) and (name := _assigned_name(node)) is not None:
            units[name] = node
        elif (subject := _call_subject(node)) is not None and subject in units:
            after.setdefault(subject, []).append(node)
        else:
            return None
    if not units:
        return None
    names = set(units)
    mentions = {name: _names_in(node) for name, node in units.items()}
    uses = {name: sorted(mentions[name] & names - {name}) for name in units}
    groups = _cycles(list(units), uses)
    taken: set[str] = set()
    module_of: dict[str, str] = {}
    for group in groups:
        module = naming.module_name(group[0], taken)
        module_of.update(dict.fromkeys(group, module))
    modules: dict[str, str] = {}
    for group in sorted(groups, key=lambda g: module_of[g[0]]):
        module = module_of[group[0]]
        members = set(group)
        neighbours = sorted({(module_of[u], u) for name in group for u in uses[name] if u not in members})
        used = set().union(*(mentions[name] for name in group))
        parts = [header, "", "from __future__ import annotations", "", *_imports_of(imports, used)]
        parts += [f"from .{other} import {name}" for other, name in neighbours]
        for name in group:
            parts += ["", "", _text(lines, units[name])]
        rebuilds = [_text(lines, stmt) for name in group for stmt in after.get(name, [])]
        if rebuilds:
            parts += ["", "", *rebuilds]
        modules[module] = "\n".join(parts) + "\n"
    return modules, module_of


def _imports_of(imports: list[ast.Import | ast.ImportFrom], used: set[str]) -> list[str]:
    """The module's import statements cut down to the names ``used`` (so that ruff has none to remove)."""
    kept: list[str] = []
    for node in imports:
        names = [a for a in node.names if (a.asname or a.name.split(".")[0]) in used]
        if names:
            kept.append(ast.unparse(type(node)(**{**vars(node), "names": names})))
    return kept


def _text(lines: list[str], node: ast.stmt) -> str:
    """The statement's own lines (its decorators included), as written."""
    first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
    end = node.end_lineno if node.end_lineno is not None else node.lineno
    return "".join(lines[first - 1 : end]).rstrip()


def _assigned_name(node: ast.Assign | ast.AnnAssign) -> str | None:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    if len(targets) == 1 and isinstance(targets[0], ast.Name):
        return targets[0].id
    return None


def _call_subject(node: ast.stmt) -> str | None:
    """``X`` of a statement ``X.method(...)``."""
    if (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Attribute)
        and isinstance(node.value.func.value, ast.Name)
    ):
        return node.value.func.value.id
    return None


def _names_in(node: ast.stmt) -> set[str]:
    """Every name the statement refers to, also inside string annotations (``"Voice"``, ``list["Voice"]``)."""
    found: set[str] = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Name):
            found.add(child.id)
        elif isinstance(child, ast.Constant) and isinstance(child.value, str) and child.value.isidentifier():
            found.add(child.value)
    return found


def _cycles(order: list[str], uses: dict[str, list[str]]) -> list[list[str]]:
    """The strongly connected components of the uses graph (Tarjan's algorithm, iterative), each in source order,
    listed by their first member's place in the source."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in order:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            name, i = work.pop()
            if i == 0:
                index[name] = low[name] = len(index)
                stack.append(name)
                on_stack.add(name)
            targets = uses[name]
            if i < len(targets):
                work.append((name, i + 1))
                target = targets[i]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[name] = min(low[name], index[target])
                continue
            if low[name] == index[name]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == name:
                        break
                found.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[name])
    place = {name: n for n, name in enumerate(order)}
    groups = [sorted(c, key=place.__getitem__) for c in found]
    return sorted(groups, key=lambda g: place[g[0]])
