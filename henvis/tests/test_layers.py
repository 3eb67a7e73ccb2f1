"""The pure core must not import the web framework or the application shell."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = ["catalogue", "linkage", "stats", "synthetic"]
FORBIDDEN = ("django", "ninja", "henvis.apps", "henvis.web", "henvis.cli")
ROOT = Path(__file__).resolve().parents[1]


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


@pytest.mark.parametrize("package", CORE)
def test_core_package_imports_no_web_framework(package: str) -> None:
    offenders = []
    for path in (ROOT / package).rglob("*.py"):
        if "tests" in path.parts:
            continue
        for name in _imports(path):
            if name.startswith(FORBIDDEN):
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []
