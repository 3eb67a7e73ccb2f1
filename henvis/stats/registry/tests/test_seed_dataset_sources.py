"""The transcribed dataset cites its source for every figure, and the shipped copies of
the seed documents are the seeds themselves."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from henvis.stats.registry import KOM_SEED_DIR, load_kom_seed
from henvis.stats.registry.formats import FORMATS

SOURCES = Path(__file__).resolve().parents[1] / "sources"
SHARED = Path(os.environ.get("HENVIS_SEEDS_DIR", "/work/shared/seeds"))
SEEDS = ["000_798c55a1b79cae00.txt", "001_1ef38f92433efd4a.txt"]


@pytest.mark.parametrize("name", SEEDS)
@pytest.mark.skipif(not SHARED.exists(), reason="shared seeds folder not on this machine")
def test_shipped_copy_is_the_seed(name: str) -> None:
    assert (SOURCES / name).read_bytes() == (SHARED / name).read_bytes()


def test_every_figure_cites_a_seed_section() -> None:
    ds = load_kom_seed()
    for fmt in FORMATS:
        for record in ds.records(fmt):
            assert re.match(r"Seed 00[01] ", record.source), (fmt.name, record)
            if record.source.startswith("Seed 001"):
                assert re.search(r"§ \d\.\d", record.source), record


# the published table each breakdown of seed 001 § 8.3 comes from
PUBLISHED_TABLE = {"distrikt-form": "Tabell 2", "form": "Tabell 3", "distrikt": "Tabell 4"}


def test_no_police_record_is_constructed() -> None:
    """Tabell 3 and 4 publish only the year x form and year x district margins for
    2016-2019: every row cites the published table of its breakdown, leaves the dimension
    that table does not give empty, and only 2020 (Tabell 2) has district x form cells."""
    records = load_kom_seed().police_reports
    assert {r.breakdown for r in records} == set(PUBLISHED_TABLE)
    for r in records:
        assert "konstruert" not in r.source.lower(), r
        assert re.match(rf"Seed 001 § 8\.3 {PUBLISHED_TABLE[r.breakdown]} ", r.source), r
        assert bool(r.police_district) == (r.breakdown != "form"), r
        assert bool(r.exploitation_form) == (r.breakdown != "distrikt"), r
        if r.year < 2020:
            assert not (r.police_district and r.exploitation_form), r
    assert {r.year for r in records if r.breakdown == "distrikt-form"} == {2020}


def test_the_two_published_margins_of_each_year_agree() -> None:
    """Tabell 3 and 4 count the same reports: per year, both margins have the same total
    and the same aggravated part (a transcription slip in either would show here)."""
    records = load_kom_seed().police_reports
    for year in range(2016, 2020):
        for grov in (True, False):
            by_form = sum(r.reports for r in records if (r.year, r.breakdown, r.grov) == (year, "form", grov))
            by_district = sum(r.reports for r in records
                              if (r.year, r.breakdown, r.grov) == (year, "distrikt", grov))
            assert by_form == by_district, (year, grov)
            assert grov or by_form > 0, year  # the year's rows are there at all


WORDS = {"null": 0, "én": 1, "ett": 1, "to": 2, "tre": 3, "fem": 5, "seks": 6, "sju": 7, "åtte": 8}


def _number(token: str) -> int:
    return WORDS[token] if token in WORDS else int(token.replace(" ", ""))


def test_tip_2022_figures_match_the_text_of_seed_000() -> None:
    text = (SOURCES / SEEDS[0]).read_text(encoding="utf-8")
    ds = load_kom_seed()
    N = r"(\d[\d ]*\d|\d|[a-zåéø]+)"
    checks = {
        ("2021", "tip-etterforskede-saker"): rf"Politiet etterforsket {N} saker om menneskehandel",
        ("2021", "tip-etterforskede-saker-seksuell"): rf"\(hvorav {N} sexbaserte",
        ("2021", "tip-etterforskede-saker-arbeid"): rf"sexbaserte, {N} arbeidsbaserte",
        ("2021", "tip-etterforskede-saker-uspesifisert"): rf"arbeidsbaserte og {N} uspesifiserte",
        ("2020", "tip-etterforskede-saker"): rf"mot {N} saker i 2020",
        ("2021", "tip-tiltalte"): rf"reiste tiltale mot {N} mistenkte",
        ("2021", "tip-domfelte"): rf"domfelte {N} menneskehandlere",
        ("2021", "tip-domfelte-seksuell"): rf"\({N} for sexbasert",
        ("2021", "tip-domfelte-arbeid"): rf"{N} for arbeidsbasert menneskehandel\)",
        ("2021", "tip-ngo-identifiserte-voksne"): rf"identifisert {N} mulige voksne ofre",
        ("2021", "tip-refleksjonsperioder"): rf"refleksjonsperiode til {N} ofre",
        ("2021", "tip-begrenset-opphold"): rf"12 måneder til {N} ofre",
        ("2021", "tip-erstatning-belop"): rf"totalbeløp på {N} kroner",
        ("2016", "identifiserte-ofre-bistand"): rf"statistikk var {N} ofre",
    }
    for (period, indicator), pattern in checks.items():
        m = re.search(pattern, text)
        assert m, pattern
        figure = ds.key_figure(period, indicator)
        assert figure is not None, indicator
        assert figure.value == _number(m.group(1)), (indicator, m.group(1))


def test_seed_folder_holds_only_known_formats() -> None:
    names = {p.name for p in KOM_SEED_DIR.glob("*.csv")}
    assert names == {f.filename for f in FORMATS}
