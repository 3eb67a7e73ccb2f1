"""Imports point one way (issue #17 items 3 and 5): the international returns import the
unique-person statistics and never the other way round, and the grouping both use sits
below them (``henvis.stats.receivers``, importing neither); an area (``henvis/apps/<area>``) never imports another area's page or API
module (``views``, ``*_views``, ``api``): what two areas share lives below those doors. (The pure core importing no Django is ``test_layers.py``; no cycle among the
``henvis.stats`` subpackages is ``test_no_import_cycles.py``.)

Every import counts, including one inside a function or under ``TYPE_CHECKING``."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

HENVIS = Path(__file__).resolve().parents[1]


def imported(path: Path, text: str | None = None) -> Iterator[str]:
    """Absolute names the module at ``path`` imports (its text, or ``text`` read as if it
    stood there), with each ``from x import y`` also as ``x.y``."""
    package = ".".join(path.relative_to(HENVIS.parent).with_suffix("").parts[:-1])
    source = path.read_text(encoding="utf-8") if text is None else text
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            module = (f"{base}.{node.module}" if node.module else base) if node.level else (node.module or "")
            yield module
            yield from (f"{module}.{a.name}" for a in node.names)


def sources(folder: Path) -> Iterator[Path]:
    """The modules below ``folder`` other than tests."""
    return (p for p in folder.rglob("*.py") if "tests" not in p.relative_to(folder).parts)


def reaches(name: str, forbidden: tuple[str, ...]) -> bool:
    return name in forbidden or name.startswith(tuple(f"{f}." for f in forbidden))


def crossings(folder: Path, forbidden: tuple[str, ...]) -> list[str]:
    return sorted({f"{p.relative_to(HENVIS.parent)} imports {name}"
                   for p in sources(folder) for name in imported(p) if reaches(name, forbidden)})


def test_person_statistics_do_not_import_the_returns() -> None:
    """The returns are built from the person statistics (returns -> persons), never back."""
    assert crossings(HENVIS / "stats" / "persons", ("henvis.stats.returns",)) == []


def test_the_shared_grouping_imports_neither_persons_nor_returns() -> None:
    """``henvis.stats.receivers`` (the receivers' groups and victim tables) is below both."""
    assert crossings(HENVIS / "stats" / "receivers", ("henvis.stats.persons", "henvis.stats.returns")) == []


def door_of_another_area(importer: Path, name: str) -> bool:
    parts = name.split(".")
    if len(parts) < 4 or parts[:2] != ["henvis", "apps"]:
        return False
    area, module = parts[2], parts[3]
    own = importer.relative_to(HENVIS / "apps").parts[0]
    return area != own and (module in ("views", "api") or module.endswith("_views"))


def test_no_area_imports_another_areas_pages_or_api() -> None:
    found = sorted(f"{p.relative_to(HENVIS.parent)} imports {name}"
                   for p in sources(HENVIS / "apps") for name in imported(p) if door_of_another_area(p, name))
    assert found == []


def test_the_checks_see_what_they_look_for() -> None:
    """The checks themselves: a lazy import inside a function, a relative import and a
    door of another area are seen; an area's own door and a shared module are not."""
    views = HENVIS / "apps" / "training" / "views.py"
    assert door_of_another_area(views, "henvis.apps.identification.views.step_context")
    assert door_of_another_area(views, "henvis.apps.referrals.crossborder_views")
    assert door_of_another_area(views, "henvis.apps.cases.api")
    assert not door_of_another_area(views, "henvis.apps.identification.journey")
    assert not door_of_another_area(views, "henvis.apps.training.views")
    build = HENVIS / "stats" / "returns" / "build.py"
    lazy = "def late():\n    from henvis.stats.persons import year_release\n"
    assert any(reaches(n, ("henvis.stats.persons",)) for n in imported(build, lazy))
    assert any(reaches(n, ("henvis.stats.persons",)) for n in imported(build, "from ..persons import x\n"))
    assert not any(reaches(n, ("henvis.stats.persons",)) for n in imported(build, "from ..personsx import y\n"))
