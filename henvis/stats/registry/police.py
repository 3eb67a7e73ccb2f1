"""Police-report counts by the breakdowns the sources publish, never by more.

A year of ``police_reports.csv`` is either a district x form cross-tabulation (rows with
``breakdown`` = ``distrikt-form``, e.g. 2020 from Tabell 2) or one or two one-way margins
(``form`` rows from Tabell 3, ``distrikt`` rows from Tabell 4, e.g. 2016-2019). The
functions here give each margin from whichever the year has, so no caller sums the two
margins of a year together (which would count every report twice) or reads a district x
form figure that was never published.

>>> from henvis.stats.registry import load_kom_seed
>>> ds = load_kom_seed()
>>> by_form(ds.police_reports)[(2018, "seksuell")]
24
>>> by_district(ds.police_reports, grov_only=True)[(2018, "utlandet")]
2
>>> year_totals(ds.police_reports)[2019], year_totals(ds.police_reports, grov_only=True)[2019]
(36, 3)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from henvis.stats.registry.formats import BY_DISTRICT, BY_FORM, CROSS, PoliceReportCount


def cross_years(records: Iterable[PoliceReportCount]) -> set[int]:
    """Years published as a district x form cross-tabulation."""
    return {r.year for r in records if r.breakdown == CROSS}


def cross_tab(records: Iterable[PoliceReportCount], *, grov_only: bool = False) -> Counter[tuple[int, str, str]]:
    """(year, district, form) -> reports, from cross-tabulated years only."""
    out: Counter[tuple[int, str, str]] = Counter()
    for r in records:
        if r.breakdown == CROSS and (r.grov or not grov_only):
            out[(r.year, r.police_district, r.exploitation_form)] += r.reports
    return out


def _margin(records: Iterable[PoliceReportCount], breakdown: str, attribute: str,
            grov_only: bool) -> Counter[tuple[int, str]]:
    rows = list(records)
    out: Counter[tuple[int, str]] = Counter()
    for r in rows:
        # a cross-tabulated year never has margin rows (the parser refuses that)
        if r.breakdown in (CROSS, breakdown) and (r.grov or not grov_only):
            out[(r.year, getattr(r, attribute))] += r.reports
    return out


def by_form(records: Iterable[PoliceReportCount], *, grov_only: bool = False) -> Counter[tuple[int, str]]:
    """(year, form) -> reports: the form margin (Tabell 3), from cells or ``form`` rows."""
    return _margin(records, BY_FORM, "exploitation_form", grov_only)


def by_district(records: Iterable[PoliceReportCount], *, grov_only: bool = False) -> Counter[tuple[int, str]]:
    """(year, district) -> reports: the district margin (Tabell 4), from cells or ``distrikt`` rows."""
    return _margin(records, BY_DISTRICT, "police_district", grov_only)


def year_totals(records: Iterable[PoliceReportCount], *, grov_only: bool = False) -> Counter[int]:
    """year -> reports, from the cells, else the form margin, else the district margin
    (the two margins of a year have the same total when the source is consistent)."""
    rows = list(records)
    forms = by_form(rows, grov_only=grov_only)
    districts = by_district(rows, grov_only=grov_only)
    form_years = {r.year for r in rows if r.breakdown in (CROSS, BY_FORM)}
    out: Counter[int] = Counter()
    for year in {r.year for r in rows}:
        source = forms if year in form_years else districts
        out[year] = sum(n for (y, _), n in source.items() if y == year)
    return out
