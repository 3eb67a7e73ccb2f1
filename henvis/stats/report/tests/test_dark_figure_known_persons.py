"""The dark-figure chapter's known persons and the unique-persons chapter's figure: the
same number when they count the same persons; otherwise the chapter says what each
counts (it printed "52 unike personer" and "51" side by side for one year before)."""

from __future__ import annotations

import re
from html import unescape

import pandas as pd
import pytest

from henvis.stats.disclosure import DisclosureRule
from henvis.stats.persons import (
    PersonStatistics,
    pseudonymised_extract,
    unique_persons,
    validate_extract,
)
from henvis.stats.report import dark_figure, render_html
from henvis.stats.report.synthetic import registry_from_registrations
from henvis.stats.tables import build_release
from henvis.synthetic import generate

YEAR = 2020


@pytest.fixture(scope="module")
def population() -> tuple[pd.DataFrame, pd.DataFrame]:
    ds = generate(persons=800, seed=5, years=(YEAR - 4, YEAR))
    clusters = ds.registrations[["record_id", "source"]].merge(ds.truth, on="record_id")
    return ds.registrations, clusters


def _stats(regs: pd.DataFrame, clusters: pd.DataFrame, probability: float, samples: int,
           extract: pd.DataFrame | None = None) -> PersonStatistics:
    frame = validate_extract(pseudonymised_extract(regs)) if extract is None else extract
    return unique_persons(frame, clusters.assign(match_probability=probability), samples=samples, seed=3)


def _page(regs: pd.DataFrame, stats: PersonStatistics, dark: object) -> str:
    release = build_release(registry_from_registrations(regs), YEAR, rule=DisclosureRule())
    return render_html(release, source_label="test", dark=dark, person_summary=stats.summary)  # type: ignore[arg-type]


def _chapter(page: str, title: str) -> tuple[int, str]:
    m = re.search(rf"<h2>(\d+) {title}</h2>(.*?)</section>", page, re.S)
    assert m is not None, title
    plain = unescape(re.sub(r"<[^>]+>", " ", m.group(2)))
    plain = re.sub(r"(?<=\d)\u00a0(?=\d)", "", plain)  # "1 121" is one number
    return int(m.group(1)), " ".join(plain.replace("\u00a0", " ").split())


def _persons(stats: PersonStatistics) -> int:
    return int(stats.summary.set_index("year").loc[YEAR, "persons"])


def test_one_figure_when_both_count_the_linkage_s_own_persons(population) -> None:  # type: ignore[no-untyped-def]
    regs, clusters = population
    stats = _stats(regs, clusters, 1.0, samples=0)
    dark = dark_figure(stats.capture_histories(YEAR), bootstrap=0)
    assert dark.observed == _persons(stats)
    page = _page(regs, stats, dark)
    _, text = _chapter(page, "Mørketall")
    assert f"Registrert av minst én organisasjon: {_persons(stats)} personer." in text
    assert 'id="kjente-personer"' not in page


def test_pooled_estimate_says_what_each_figure_counts(population) -> None:  # type: ignore[no-untyped-def]
    regs, clusters = population
    # every record only 80 % sure of its cluster: the linkage samples split persons apart,
    # so the persons known in the samples are not the clustering's count
    stats = _stats(regs, clusters, 0.8, samples=20)
    dark = dark_figure(stats.capture_histories(YEAR, samples=True), bootstrap=40, seed=1)
    persons = _persons(stats)
    assert dark.pooled and dark.observed is not None
    assert dark.observed != persons, "the fixture should make the samples' count differ"
    page = _page(regs, stats, dark)
    number, _ = _chapter(page, "Unike personer")
    _, text = _chapter(page, "Mørketall")
    assert (f"Registrert av minst én organisasjon: {dark.observed} personer (median over de 20 koblingsutvalgene "
            f"anslaget bygger på, fra {dark.observed_low} til {dark.observed_high})") in text
    assert (f"Tallet på unike personer i kapittel {number} ({persons}) teller personene i koblingens egen "
            "gruppering") in text
    assert "koblingene er trukket på nytt ut fra koblingssannsynlighetene" in text
    # no other count of known persons: the two figures and the samples' range only
    known = {int(x) for x in re.findall(r"(?<![\d.])(\d+) personer", text)}
    assert known <= {dark.observed, persons, dark.observed_low, dark.observed_high}, known


def test_persons_without_an_organisation_kind_are_named_as_the_difference(population) -> None:  # type: ignore[no-untyped-def]
    regs, clusters = population
    extract = validate_extract(pseudonymised_extract(regs))
    # blank the kind of five persons registered once in the year: they are unique
    # persons of the year but on none of the estimate's lists
    rows = extract[extract.year == YEAR].merge(clusters[["record_id", "source", "person_id"]],
                                               on=["record_id", "source"])
    once = rows.groupby("person_id").filter(lambda g: len(g) == 1).head(5)
    keys = set(zip(once.record_id, once.source, strict=True))
    blank = [(r, s) in keys for r, s in zip(extract.record_id, extract.source, strict=True)]
    extract.loc[blank, "organisation_kind"] = ""
    stats = _stats(regs, clusters, 1.0, samples=0, extract=extract)
    dark = dark_figure(stats.capture_histories(YEAR), bootstrap=0)
    persons = _persons(stats)
    unlisted = persons - int(stats.capture_histories(YEAR)[0]["count"].sum())
    assert unlisted > 0
    gap = dark.observed_gap(persons)
    assert gap is not None and gap.unlisted == unlisted and not gap.samples
    _, text = _chapter(_page(regs, stats, dark), "Mørketall")
    assert f"{unlisted} av de unike personene har ingen oppgitt organisasjonstype" in text
