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

Everything is written to a hidden staging folder first and moved in at the end, so an
error leaves nothing half-written.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

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
    target.mkdir(parents=True, exist_ok=True)
    chosen = list(years) if years else stats.years
    staging = Path(tempfile.mkdtemp(dir=target, prefix=".persons-"))
    written: list[Path] = []
    try:
        (staging / "tables").mkdir()
        (staging / "mse").mkdir()
        summary = released_summary(stats, rule)
        summary[summary["year"].isin(chosen)].to_csv(staging / "summary.csv", index=False)
        written.append(Path("summary.csv"))
        for year in chosen:
            protected = year_release(stats, year, rule).page
            for name, table in protected.items():
                rel = Path("tables") / f"{year}-{name}.csv"
                table.to_csv(staging / rel)
                written.append(rel)
            capture = stats.capture_histories(year, by=lists)[0]
            rel = Path("mse") / f"capture-histories-{year}.csv"
            capture.to_csv(staging / rel, index=False)
            written.append(rel)
        for rel in written:
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / rel, target / rel)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [target / rel for rel in written]
