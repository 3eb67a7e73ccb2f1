"""A report from linked synthetic registrations: unique-person tables protected with the
rest of the release, registrations compared with persons, and the dark figure printed
without its capture-history cells."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from henvis.stats.disclosure import DisclosureRule
from henvis.stats.report import dark_figure, render_html
from henvis.stats.report.darkfigure import collapse_lists
from henvis.stats.report.synthetic import synthetic_inputs
from henvis.stats.tables import build_release
from henvis.stats.tables.unique_persons import unique_person_tables


@pytest.fixture(scope="module")
def inputs():  # type: ignore[no-untyped-def]
    return synthetic_inputs(2020, persons=600, seed=5, linkage="truth", samples=0)


def test_person_tables_join_the_release_and_are_protected(inputs) -> None:  # type: ignore[no-untyped-def]
    tables = unique_person_tables(inputs.person_frames, 2020)
    release = build_release(inputs.dataset, 2020, rule=DisclosureRule(), person_tables=tables)
    persons = [t for t in release.tables if t.key.startswith("unike-personer-2020-")]
    assert {t.key.rsplit("-2020-", 1)[1] for t in persons} >= {"sex-child", "region", "organisations-per-person"}
    total = inputs.person_frames["sex-child"].loc["Total", "Total"]
    for t in persons:
        assert t.is_persons
        assert t.values[-1][-1] == total  # every table counts the same persons
        assert not {"1", "2"} & {c for row in t.display for c in row}
    # the small citizenship counts of a 600-person population are suppressed
    assert sum(t.suppressed_cells for t in persons) > 0


def test_registry_figures_are_derived_from_the_registrations(inputs) -> None:  # type: ignore[no-untyped-def]
    ds = inputs.dataset
    assert {r.police_district for r in ds.police_reports} <= {
        "oslo", "ost", "innlandet", "sor-ost", "agder", "sor-vest", "vest", "more-og-romsdal",
        "trondelag", "nordland", "troms", "finnmark"}
    assert sum(r.reports for r in ds.police_reports) > 0
    assert any(r.decision_type == "refleksjonsperiode" for r in ds.decisions)
    assert {r.year for r in ds.placements} == set(range(2011, 2021))


def test_page_compares_registrations_with_unique_persons(inputs) -> None:  # type: ignore[no-untyped-def]
    release = build_release(inputs.dataset, 2020, person_tables=unique_person_tables(inputs.person_frames, 2020))
    page = render_html(release, source_label="test", person_summary=inputs.person_summary)
    row = inputs.person_summary.set_index("year").loc[2020]
    assert (f"I 2020 registrerte organisasjonene {row.registrations} registreringer av antatte ofre. "
            f"Koblet på tvers av organisasjonene gjaldt de {row.persons} unike personer") in page


def test_collapse_lists_keeps_every_person() -> None:
    table = pd.DataFrame({"ngo": [1, 0, 1, 0], "immigration": [0, 1, 1, 0], "health": [0, 0, 0, 1],
                          "welfare": [0, 0, 1, 1], "count": [10, 20, 3, 4]})
    collapsed = collapse_lists(table)
    assert collapsed["count"].sum() == table["count"].sum()
    assert list(collapsed.columns) == ["andre-offentlige", "frivillige", "utlendingsforvaltningen", "count"]
    row = collapsed[(collapsed["andre-offentlige"] == 1) & (collapsed["frivillige"] == 0)]
    assert row["count"].tolist() == [4]  # health+welfare is one list now


def test_dark_figure_section_never_prints_capture_cells(inputs) -> None:  # type: ignore[no-untyped-def]
    dark = dark_figure(inputs.capture, bootstrap=0)
    assert dark.estimate is not None and dark.observed is not None
    assert dark.estimate >= dark.observed
    release = build_release(inputs.dataset, 2020)
    page = render_html(release, source_label="test", dark=dark)
    start = page.index(" Mørketall</h2>") + len(" Mørketall</h2>")
    section = re.sub(r"<[^>]+>", " ", page[start:page.index("<h2>Metode og konfidensialitet")])
    assert f"{round(dark.estimate):,}".replace(",", "\u00a0") in section
    numbers = {int(n.replace("\u00a0", "")) for n in re.findall(r"\d[\d\u00a0]*", section)}
    allowed = {round(dark.estimate), dark.observed, len(dark.lists), 95, 2021}
    allowed |= {round(x) for x in (dark.ci95_low, dark.ci95_high) if x is not None}
    assert numbers <= allowed, numbers - allowed  # no capture-history cell is printed
    assert "Krysstabellen modellen bygger på, publiseres ikke" in section
