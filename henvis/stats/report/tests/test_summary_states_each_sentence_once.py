"""The summary ("Sammendrag") gives one key figure per chapter and points to the chapter;
it does not print the chapters' sentences a second time (it used to print the whole
unique-persons paragraph, which the unique-persons chapter printed again)."""

from __future__ import annotations

import re
from html import unescape

import pytest

from henvis.stats.disclosure import DisclosureRule
from henvis.stats.registry import code_lists as v
from henvis.stats.registry import load_kom_seed
from henvis.stats.registry.police import year_totals
from henvis.stats.report import render_html, text
from henvis.stats.report.synthetic import synthetic_inputs
from henvis.stats.tables import build_release
from henvis.stats.tables.unique_persons import unique_person_tables

YEAR = 2020


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    inputs = synthetic_inputs(YEAR, persons=400, seed=7, linkage="truth", samples=0)
    assert inputs.person_frames is not None
    release = build_release(inputs.dataset, YEAR, rule=DisclosureRule(),
                            person_tables=unique_person_tables(inputs.person_frames, YEAR))
    page = render_html(release, source_label="test", person_summary=inputs.person_summary)
    return release, inputs.person_summary, page


def _plain(fragment: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", fragment)).replace("\u00a0", " ")


def _sentences(fragment: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=\.)\s+", " ".join(_plain(fragment).split())) if len(s.strip()) > 20]


def _summary(page: str) -> str:
    start = page.index("<h2>Sammendrag</h2>")
    return page[start:page.index("</section>", start)]


def test_the_unique_persons_paragraph_is_printed_once(report) -> None:  # type: ignore[no-untyped-def]
    release, person_summary, page = report
    paragraph = text.persons_paragraph(release, person_summary)
    assert paragraph is not None
    assert page.count(paragraph) == 1
    assert paragraph not in _summary(page)


def test_no_sentence_of_the_chapters_is_repeated_in_the_summary(report) -> None:  # type: ignore[no-untyped-def]
    _, _, page = report
    summary = _summary(page)
    rest = " ".join(_plain(page.replace(summary, "")).split())
    lines = _sentences(summary)
    assert lines  # the summary is there
    for sentence in lines:
        assert sentence not in rest, sentence
    # the generated paragraphs themselves appear once each
    paragraphs = re.findall(r"<section[^>]*><h2>\d+ [^<]+</h2><p>(.*?)</p>", page)
    for sentence in (s for p in paragraphs for s in _sentences(p)):
        assert " ".join(_plain(page).split()).count(sentence) == 1, sentence


def test_every_summary_line_points_to_its_numbered_chapter(report) -> None:  # type: ignore[no-untyped-def]
    release, person_summary, page = report
    links = re.findall(r'<a href="#(kapittel-[a-z-]+)">kapittel (\d+)</a>', _summary(page))
    assert [k for k, _ in text.headlines(release, person_summary)] == [a.removeprefix("kapittel-") for a, _ in links]
    for anchor, number in links:
        assert re.search(rf'<section id="{anchor}"><h2>{number} ', page), anchor


def test_summary_states_the_figures_of_the_chapters() -> None:
    release = build_release(load_kom_seed(), YEAR)
    lines = dict(text.headlines(release))
    reports = year_totals(release.dataset.police_reports)[YEAR]
    grov = year_totals(release.dataset.police_reports, grov_only=True)[YEAR]
    assert lines["police"] == f"Anmeldelser om menneskehandel: {reports}, hvorav {grov} for grov menneskehandel"
    t = release.find(f"kap-8-4-rettsavgjorelser-{YEAR}")
    assert t is not None
    convictions = t.cell(v.JUDGMENT_OUTCOMES["fellende"], "Totalt")
    acquittals = t.cell(v.JUDGMENT_OUTCOMES["frifinnelse"], "Totalt")
    assert lines["judgments"] == (f"Fellende dommer i straffesaker om menneskehandel: {convictions or 0}; "
                                  f"frifinnelser: {acquittals or 0}")
    assert "persons" not in lines  # no linked persons in the seed: no line for them
