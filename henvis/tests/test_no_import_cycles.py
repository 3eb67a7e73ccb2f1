"""No import cycle between the subpackages of ``henvis.stats`` (issue #17 item 5).

Every import of a module outside the tests counts, including those inside a function or
under ``TYPE_CHECKING``: an import hidden in a function to dodge a loop is still a
dependency both ways, and the next change to either side trips over it."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

STATS = Path(__file__).resolve().parents[1] / "stats"


def _imported_modules(path: Path, package: str) -> Iterator[str]:
    """Absolute names of the modules ``path`` imports (relative imports resolved)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            yield module
            # "from henvis.stats import persons" names a subpackage too
            yield from (f"{module}.{a.name}" for a in node.names)


def _subpackage(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[:2] == ["henvis", "stats"] else None


def stats_graph(root: Path = STATS) -> dict[str, set[str]]:
    """subpackage (or top-level module of ``henvis.stats``) -> the others it imports."""
    graph: dict[str, set[str]] = {}
    for path in root.rglob("*.py"):
        rel = path.relative_to(root)
        if "tests" in rel.parts:
            continue
        node = rel.parts[0].removesuffix(".py")
        if node == "__init__":
            continue
        package = ".".join(("henvis", "stats", *rel.parts[:-1]))
        targets = graph.setdefault(node, set())
        for module in _imported_modules(path, package):
            other = _subpackage(module)
            if other and other != node and ((root / other).is_dir() or (root / f"{other}.py").is_file()):
                targets.add(other)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path ``[a, b, ..., a]``, or None."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_stats_subpackages_import_one_another_in_one_direction() -> None:
    graph = stats_graph()
    assert {"persons", "returns", "receivers", "disclosure"} <= set(graph)
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


def test_the_check_finds_a_cycle_hidden_inside_a_function(tmp_path: Path) -> None:
    """The check itself: a lazy import inside a function closes a loop it must see."""
    for name, body in {
        "alpha": "from henvis.stats.beta.core import thing\n",
        "beta": "def late():\n    from henvis.stats.alpha import other\n    return other\n",
        "gamma": "from henvis.stats import alpha\n",
    }.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text("", encoding="utf-8")
        (tmp_path / name / "core.py").write_text(body, encoding="utf-8")
    graph = stats_graph(tmp_path)
    assert graph == {"alpha": {"beta"}, "beta": {"alpha"}, "gamma": {"alpha"}}
    assert find_cycle(graph) == ["alpha", "beta", "alpha"]
    (tmp_path / "beta" / "core.py").write_text("def late():\n    return 1\n", encoding="utf-8")
    assert find_cycle(stats_graph(tmp_path)) is None
