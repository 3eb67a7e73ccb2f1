"""The report's chapters are numbered 1, 2, 3, ... as they are shown: a chapter the year
has no figures for is left out, and the numbers after it close up."""

from __future__ import annotations

import re
from dataclasses import replace

from henvis.stats.registry import load_kom_seed
from henvis.stats.report import render_html
from henvis.stats.tables import build_release


def _headings(page: str) -> list[tuple[int, str]]:
    return [(int(n), title) for n, title in re.findall(r"<h2>(\d+) ([^<]+)</h2>", page)]


def test_chapters_of_a_year_with_only_some_registry_data_are_numbered_consecutively() -> None:
    # only the child-welfare cases and the measures' reports: the chapters on decisions,
    # returns, judgments and key figures have nothing to show and are left out
    ds = replace(load_kom_seed(), decisions=(), returns=(), judgments=(), key_figures=())
    headings = _headings(render_html(build_release(ds, 2020), source_label="test"))
    assert [n for n, _ in headings] == list(range(1, len(headings) + 1))
    titles = [t for _, t in headings]
    assert "Vedtak om opphold (UDI og UNE)" not in titles and "Rettsavgjørelser" not in titles
    assert titles.index("Barnevern") < titles.index("Voksne i bo- og oppfølgingstiltak") < titles.index("Mørketall")


def test_every_chapter_of_a_full_year_has_its_own_number() -> None:
    headings = _headings(render_html(build_release(load_kom_seed(), 2020), source_label="test"))
    assert [n for n, _ in headings] == list(range(1, len(headings) + 1))
    assert len({t for _, t in headings}) == len(headings)
    assert headings[-1][1] == "Mørketall"
