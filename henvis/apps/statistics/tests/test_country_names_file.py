"""The pure core's country names (henvis/stats/tables/data/country_names.yaml) are the
ones django-countries gives the web pages: regenerate with tools/country_names.py when
the package changes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]


def test_country_names_file_matches_django_countries() -> None:
    spec = importlib.util.spec_from_file_location("country_names_tool", ROOT / "tools" / "country_names.py")
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.TARGET.read_text(encoding="utf-8") == tool.render(), "run tools/country_names.py"
