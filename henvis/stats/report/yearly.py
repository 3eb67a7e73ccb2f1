"""The yearly report of one year, assembled once for every door: ``henvis report`` and
the analysts' download both call ``yearly_report`` with the ``ReportInputs`` of their
source, so a change to what the report holds is made here and reaches both.

>>> from henvis.stats.registry import load_kom_seed
>>> from henvis.stats.report.inputs import ReportInputs
>>> report = yearly_report(ReportInputs(load_kom_seed(), "KOM"), 2020)
>>> report.pdf[:4], "tabell-2-anmeldelser-2020-distrikt-form.csv" in report.tables
(b'%PDF', True)
"""

from __future__ import annotations

from dataclasses import dataclass

from henvis.stats.disclosure import DisclosureRule
from henvis.stats.report.build import RenderedReport, render_report
from henvis.stats.report.darkfigure import DarkFigure, dark_figure
from henvis.stats.report.inputs import ReportInputs
from henvis.stats.tables import DEFAULT, Presentation, build_release
from henvis.stats.tables.report_release import Release


class NoFigures(LookupError):
    """The source has nothing for the year: no report of empty chapters is written."""

    def __init__(self, year: int) -> None:
        super().__init__(f"no figures for {year}")
        self.year = year


@dataclass(frozen=True)
class YearlyReport(RenderedReport):
    release: Release | None = None

    @property
    def suppressed_cells(self) -> int:
        return sum(t.suppressed_cells for t in self.release.tables) if self.release is not None else 0


def yearly_report(
    inputs: ReportInputs, year: int, *, rule: DisclosureRule | None = None,
    presentation: Presentation = DEFAULT, bootstrap: int = 200, seed: int = 0,
    dark: DarkFigure | None = None,
) -> YearlyReport:
    """The report of ``year`` from ``inputs``: tables under ``rule`` (default: counts
    under 3 suppressed), the person tables from the year's shared release, the dark
    figure when the source has capture histories (``dark`` when the caller already has
    it, e.g. from the web's shared figures cache), rendered as HTML, PDF and CSVs.
    Raises ``NoFigures`` for a year the source has nothing for."""
    if not inputs.has_figures(year):
        raise NoFigures(year)
    rule = rule if rule is not None else DisclosureRule()
    person = inputs.person_tables(year, rule)
    release = build_release(inputs.dataset, year, rule=rule, presentation=presentation, person_tables=person)
    if dark is None and inputs.capture is not None:
        dark = dark_figure(inputs.capture, bootstrap=bootstrap, seed=seed)
    rendered = render_report(release, source_label=inputs.label, dark=dark, person_summary=inputs.person_summary)
    return YearlyReport(rendered.html, rendered.pdf, rendered.tables, release)
