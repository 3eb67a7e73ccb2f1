"""The dark figure carries linkage uncertainty: with linkage samples the estimate is
pooled over them and the interval includes their variation; without, the single table is
used and the report says the interval leaves linkage errors out."""

from __future__ import annotations

import pandas as pd
import pytest

from henvis.stats.disclosure import DisclosureRule
from henvis.stats.persons import pseudonymised_extract, unique_persons, validate_extract
from henvis.stats.report import dark_figure, render_html
from henvis.stats.report.synthetic import registry_from_registrations
from henvis.stats.tables import build_release
from henvis.synthetic import generate

YEAR = 2020


@pytest.fixture(scope="module")
def population():  # type: ignore[no-untyped-def]
    ds = generate(persons=800, seed=5, years=(YEAR - 4, YEAR))
    regs = ds.registrations
    # true persons, but every record only 80 % sure of its cluster: the linkage samples
    # split some persons apart, so the capture histories differ between samples
    clusters = regs[["record_id", "source"]].merge(ds.truth, on="record_id").assign(match_probability=0.8)
    stats = unique_persons(validate_extract(pseudonymised_extract(regs)), clusters, samples=20, seed=3)
    return regs, stats.capture_histories(YEAR, samples=True)


def _width(low: float | None, high: float | None) -> float:
    return float("inf") if low is None or high is None else high - low


def test_pooled_estimate_is_used_when_linkage_samples_exist(population) -> None:  # type: ignore[no-untyped-def]
    _, tables = population
    assert len(tables) == 21
    single = dark_figure(tables[0], bootstrap=100, seed=1)
    pooled = dark_figure(tables, bootstrap=100, seed=1)
    assert single.refusal is None and pooled.refusal is None
    assert single.linkage_samples == 0
    assert pooled.linkage_samples == 20
    assert pooled.between_sd is not None and pooled.between_sd > 0
    assert pooled.observed_low is not None and pooled.observed_high is not None
    assert pooled.observed_low < pooled.observed_high  # the samples really differ
    assert _width(pooled.ci95_low, pooled.ci95_high) >= _width(single.ci95_low, single.ci95_high)
    assert "20 koblingsutvalg" in pooled.warnings[0]


def test_samples_option_limits_the_pooled_samples(population) -> None:  # type: ignore[no-untyped-def]
    _, tables = population
    assert dark_figure(tables, bootstrap=20, samples=5).linkage_samples == 5


def test_single_table_states_that_linkage_errors_are_left_out(population) -> None:  # type: ignore[no-untyped-def]
    _, tables = population
    for dark in (dark_figure(tables[0], bootstrap=50), dark_figure(tables[:1], bootstrap=50)):
        assert not dark.pooled
        assert "tar ikke med usikkerheten i koblingen" in dark.warnings[0]


def test_report_prints_linkage_note_but_no_capture_cells(population) -> None:  # type: ignore[no-untyped-def]
    regs, tables = population
    dark = dark_figure(tables, bootstrap=50, seed=2)
    release = build_release(registry_from_registrations(regs), YEAR, rule=DisclosureRule())
    page = render_html(release, source_label="test", dark=dark)
    section = page[page.index(" Mørketall</h2>"):page.index("Metode og konfidensialitet")]
    assert "20 koblingsutvalg" in section
    assert "Anslått antall ofre i alt" in section
    # no capture-history cell is printed: no table in the section at all
    assert "<table" not in section and "<td" not in section


def test_refusal_over_linkage_samples_shows_no_estimate(population) -> None:  # type: ignore[no-untyped-def]
    regs, _ = population
    two_lists = pd.DataFrame({"A": [1, 0, 1], "B": [0, 1, 1], "count": [40, 30, 10]})
    dark = dark_figure([two_lists] * 4, bootstrap=20, collapse=False)
    assert dark.refusal is not None and dark.estimate is None
    release = build_release(registry_from_registrations(regs), YEAR, rule=DisclosureRule())
    page = render_html(release, source_label="test", dark=dark)
    assert "Det ble ikke beregnet noe anslag" in page
    assert "Anslått antall ofre i alt" not in page
