"""No import cycle among qualcode's own modules (DESIGN.md section 2: arrows point down).

The graph is read from the source with ``ast``, without importing anything. It holds every import of one of
qualcode's modules, wherever the statement stands:

- imports inside functions count: a function-level import is the usual way to hide a cycle from the
  interpreter, and the modules still depend on each other both ways;
- imports under ``if TYPE_CHECKING:`` count: the type checker follows them, and a module that needs another's
  types for its signatures depends on it.

``from package import name`` points at ``package.name`` when that is a module, else at ``package`` itself.
Importing ``a.b.c`` also runs ``a/__init__.py`` and ``a/b/__init__.py``, but those implied edges are left out:
with them every package whose ``__init__`` re-exports its modules would be a cycle.
"""

from __future__ import annotations

import ast
from collections import deque
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "qualcode"


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    where: str  # file:line of the import statement


def module_names(package: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file under ``package`` (a package is its ``__init__``)."""
    names = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _base(module: str, path: Path, node: ast.ImportFrom) -> str | None:
    """The absolute module a ``from ... import`` statement names (relative levels resolved)."""
    if node.level == 0:
        return node.module
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    if node.level - 1 > len(package) - 1:
        return None  # climbs out of the top package: not one of ours
    anchor = package[: len(package) - (node.level - 1)]
    return ".".join(anchor + ([node.module] if node.module else []))


def import_edges(package: Path) -> list[Edge]:
    names = module_names(package)
    edges = []
    for module, path in names.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _base(module, path, node)
                if base is None:
                    continue
                targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in names else base for alias in node.names]
            where = f"{path.relative_to(package.parent).as_posix()}:{getattr(node, 'lineno', 0)}"
            edges.extend(Edge(module, target, where) for target in targets if target in names and target != module)
    return edges


def cycles(edges: list[Edge]) -> list[tuple[set[str], list[Edge]]]:
    """Each strongly connected group of modules (Tarjan) with one shortest cycle through it, as its edges."""
    graph: dict[str, list[Edge]] = {}
    for edge in edges:
        graph.setdefault(edge.source, []).append(edge)
        graph.setdefault(edge.target, [])
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:  # recursion depth is bounded by the number of modules
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for edge in graph[node]:
            if edge.target not in index:
                visit(edge.target)
                low[node] = min(low[node], low[edge.target])
            elif edge.target in on_stack:
                low[node] = min(low[node], index[edge.target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [(group, _shortest_cycle(graph, group)) for group in sorted(groups, key=min)]


def _shortest_cycle(graph: dict[str, list[Edge]], group: set[str]) -> list[Edge]:
    start = min(group)
    came_by: dict[str, Edge] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for edge in graph[node]:
            if edge.target == start:
                path = [edge]
                while path[0].source != start:
                    path.insert(0, came_by[path[0].source])
                return path
            if edge.target in group and edge.target not in came_by:
                came_by[edge.target] = edge
                queue.append(edge.target)
    raise AssertionError(f"no cycle through {start} in its strongly connected group")  # cannot happen


def describe(group: set[str], cycle: list[Edge]) -> str:
    text = " -> ".join([cycle[0].source] + [f"{e.target} ({e.where})" for e in cycle])
    others = sorted(group - {e.source for e in cycle})
    return text + (f"\n  tangled with it: {', '.join(others)}" if others else "")


def test_no_import_cycle_in_qualcode():
    found = [describe(group, cycle) for group, cycle in cycles(import_edges(PACKAGE))]
    assert not found, "import cycles:\n" + "\n".join(found)


def test_the_graph_holds_the_known_layers():
    # guards the reader: the project imports the store, the store does not import the project
    edges = {(e.source.split(".")[1], e.target.split(".")[1]) for e in import_edges(PACKAGE)
             if "qualcode" not in (e.source, e.target)}
    assert ("store", "project") not in edges
    assert any(source.startswith("project") and target == "store" for source, target in edges)


def test_a_cycle_is_found_through_relative_function_and_type_checking_imports(tmp_path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("from .b import B\n")
    (package / "a.py").write_text("def f():\n    from .sub import b\n")
    (package / "sub" / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..c import C\nB = 1\n")
    (package / "c.py").write_text("import pkg.a\nC = 1\n")
    (package / "d.py").write_text("from pkg import a\n")  # into the cycle, not part of it
    found = cycles(import_edges(package))
    assert [describe(group, cycle) for group, cycle in found] == [
        "pkg.a -> pkg.sub.b (pkg/a.py:2) -> pkg.c (pkg/sub/b.py:3) -> pkg.a (pkg/c.py:1)"]
