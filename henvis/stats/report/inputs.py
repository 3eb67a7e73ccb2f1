"""What a report is built from: registry figures, and optionally unique-person statistics
from linked extracts and a capture-history table for the dark-figure estimate.

A source (``kom-seed``, ``database``, ``synthetic``) produces one ``ReportInputs``
(the database's is ``henvis.apps.statistics.sources.load_database_source(year)``), and
``henvis.stats.report.yearly.yearly_report`` turns it into the report, for the command
line and the web download alike.

>>> from henvis.stats.registry import load_kom_seed
>>> ReportInputs(load_kom_seed(), "KOM").person_frames is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from henvis.stats.disclosure import DisclosureRule
from henvis.stats.registry.dataset import RegistryDataset
from henvis.stats.registry.formats import KeyFigure

_PERIOD = re.compile(r"^(?:\d{4}-)?(\d{4})$")  # "2020", or a span "2003-2020"


def key_figures_of(dataset: RegistryDataset, year: int) -> list[KeyFigure]:
    """The key figures the report of ``year`` prints as its own: those of the year and
    those of a span that ends in it."""
    return [k for k in dataset.key_figures if _period_end(k.period) == year]


def _period_end(period: str) -> int | None:
    m = _PERIOD.match(period.strip())
    return int(m.group(1)) if m else None


def years_with_figures(dataset: RegistryDataset) -> set[int]:
    """Every year the registry figures give a report something to print for."""
    ends = (_period_end(k.period) for k in dataset.key_figures)
    return set(dataset.years()) | {y for y in ends if y is not None}

if TYPE_CHECKING:
    from henvis.stats.persons.statistics import PersonStatistics
    from henvis.stats.persons.year_release import YearRelease
    from henvis.stats.tables.report_table import ReportTable


@dataclass(frozen=True)
class ReportInputs:
    dataset: RegistryDataset
    label: str
    # name -> table from henvis.stats.persons.person_tables(stats, year)
    person_frames: dict[str, pd.DataFrame] | None = None
    # one row per year from PersonStatistics.summary (registrations vs persons, intervals)
    person_summary: pd.DataFrame | None = None
    # 0/1 column per list and "count"; or the clustering's table followed by one per
    # linkage sample, so that the dark figure's interval includes linkage errors.
    capture: pd.DataFrame | list[pd.DataFrame] | None = None
    # the statistics behind person_frames: the report then takes its tables of linked
    # persons from the year's release shared by every output (page, returns, CSV)
    person_stats: PersonStatistics | None = None
    # the year's release already protected (the web keeps one per year for every
    # worker): used instead of protecting the year again when its year and rule match
    shared_release: YearRelease | None = None

    def person_tables(self, year: int, rule: DisclosureRule) -> list[ReportTable]:
        """The report's tables of linked persons for ``year``. From the year release
        when the statistics are here, so the report hides exactly the cells the page and
        the returns hide; otherwise (frames only) protected with the report's tables."""
        from henvis.stats.persons.year_release import year_release
        from henvis.stats.tables.unique_persons import unique_person_tables

        stats = self.person_stats
        if stats is not None and year in stats.years:
            shared = self.shared_release
            release = (shared if shared is not None and shared.year == year and shared.rule == rule
                       else year_release(stats, year, rule))
            return unique_person_tables(release.raw_page, year, protected=release.page)
        return unique_person_tables(self.person_frames, year) if self.person_frames else []

    def has_figures(self, year: int) -> bool:
        """Whether the report of ``year`` has anything to print: registry figures of the
        year or registrations of persons in it. A year with neither must be refused, not
        written as a report of empty chapters (the CLI and the web downloads both ask)."""
        if year in years_with_figures(self.dataset):
            return True
        if self.person_frames is not None or self.capture is not None:
            return True
        return self.person_summary is not None and bool((self.person_summary["year"] == year).any())
