"""Downloads for analysts: the yearly report (6a's report builder), the international
returns and the HTCDS export, built from the database in a temporary folder."""

from __future__ import annotations

import tempfile
from pathlib import Path

from henvis.apps.statistics.models import PersonExtract
from henvis.apps.statistics.sources import (
    current_extract,
    load_database_source,
    person_statistics,
    registry_dataset,
    year_release_for,
)

CONTENT_TYPES = {
    "report.html": "text/html; charset=utf-8",
    "report.pdf": "application/pdf",
    "returns.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "returns-sdmx.csv": "text/csv; charset=utf-8",
    "htcds.csv": "text/csv; charset=utf-8",
}
# Microdata for exchange under agreement, never part of a publication: the download
# must say so (``?agreement=exchange``), else it is refused.
UNDER_AGREEMENT = frozenset({"htcds.csv"})


def build_download(what: str, year: int, extract: PersonExtract | None, *, under_agreement: bool = False) -> bytes:
    """The bytes of one download; ValueError when it cannot be made, ExchangeNotAgreed
    when an exchange file is asked for without an agreement."""
    if what in ("report.html", "report.pdf"):
        return _report(year)[what]
    if extract is None:
        raise ValueError("no extract")
    stats = person_statistics(extract)
    if what in ("returns.xlsx", "returns-sdmx.csv"):
        from henvis.stats.returns import build_returns

        with tempfile.TemporaryDirectory() as tmp:
            shared = year_release_for(extract, year) if year in stats.years else None
            # the receivers' language; confidential cells are never in a download
            build_returns(stats, registry_dataset(), year, release=shared).write(tmp, language="en")
            path = Path(tmp) / what
            if not path.exists():  # no persons this year: no long CSV of person tables
                raise ValueError(what)
            return path.read_bytes()
    if what == "htcds.csv":
        from henvis.stats.returns import htcds_export

        frame = htcds_export(stats.person_facts(year), k=11, under_agreement=under_agreement).frame
        return frame.to_csv(index=False).encode("utf-8")
    raise ValueError(what)


def _report(year: int) -> dict[str, bytes]:
    """The yearly report as ``henvis report --source database`` builds it (one builder,
    ``henvis.stats.report.yearly``), with the dark figure the figures cache already holds."""
    from henvis.apps.statistics.figures import dark_figure_for
    from henvis.stats.report.yearly import yearly_report

    inputs = load_database_source(year)
    extract = current_extract()
    # pooled over linkage samples, so the report's interval includes linkage errors
    dark = dark_figure_for(extract, year) if extract is not None and inputs.capture is not None else None
    built = yearly_report(inputs, year, dark=dark)  # NoFigures (a LookupError) for an empty year
    return {"report.html": built.html.encode("utf-8"), "report.pdf": built.pdf}
