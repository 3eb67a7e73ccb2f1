"""Writing the unique-person figures of a run to a folder, protected for release.

Layout of the folder:

* ``summary.csv``: per year the sum over organisations (registrations), unique persons,
  persons identified for the first time and persons assisted, each with the interval
  from the linkage samples, and the difference sum - unique; a figure below the
  disclosure threshold is shown as ":" with its interval;
* ``tables/<year>-<table>.csv``: the year's person tables (sex x child, region,
  citizenship, exploitation form, organisation kind, organisations per person), protected
  as one release together with the returns' tables of the year (``year_release``), so
  these files agree with the page, the report and the returns;
* ``mse/capture-histories-<year>.csv``: the capture-history table for multiple systems
  estimation (internal input to the estimator, not for release: it holds small counts).

Every file is written under a temporary name first and all are renamed into place only
when all were written (``henvis.atomic_files.write_all_atomic``), so an error leaves
nothing half-written.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path

import pandas as pd

from henvis.atomic_files import Writer, write_all_atomic
from henvis.stats.disclosure import SUPPRESSED, DisclosureRule
from henvis.stats.persons.statistics import PersonStatistics
from henvis.stats.persons.year_release import year_release

FIGURES = ("persons", "first_time", "assisted")


def released_summary(stats: PersonStatistics, rule: DisclosureRule) -> pd.DataFrame:
    """The summary with small figures (and their intervals) suppressed."""
    out = stats.summary.astype(object).copy()
    for name in FIGURES:
        small = stats.summary[name].map(rule.is_small)
        for col in (name, f"{name}_low", f"{name}_high"):
            out.loc[small, col] = SUPPRESSED
    hide = stats.summary["persons"].map(rule.is_small)
    for col in ("difference", "difference_low", "difference_high"):
        out.loc[hide, col] = SUPPRESSED
    return out


def write_person_outputs(stats: PersonStatistics, folder: Path | str, *, years: Sequence[int] | None = None,
                         rule: DisclosureRule | None = None, lists: str = "organisation_kind") -> list[Path]:
    rule = rule or DisclosureRule()
    target = Path(folder)
    chosen = list(years) if years else stats.years
    files: dict[Path, Writer] = {}
    summary = released_summary(stats, rule)
    files[target / "summary.csv"] = partial(_frame_csv, summary[summary["year"].isin(chosen)])
    for year in chosen:
        for name, table in year_release(stats, year, rule).page.items():
            files[target / "tables" / f"{year}-{name}.csv"] = table.to_csv
        capture = stats.capture_histories(year, by=lists)[0]
        files[target / "mse" / f"capture-histories-{year}.csv"] = partial(_frame_csv, capture)
    return write_all_atomic(files)


def _frame_csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False)
