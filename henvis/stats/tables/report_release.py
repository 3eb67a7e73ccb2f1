"""All tables of one yearly report, with disclosure control applied to the tables of
persons as one release.

Disclosure control is the ``henvis.stats.disclosure`` package (suppression of small
counts with secondary suppression across the linked tables of the release); this module
only decides which tables it applies to and carries its result and method note into the
typed tables. Registry tables (police reports, judgments) are released as the registry
publishes them and say so.

>>> from henvis.stats.registry import load_kom_seed
>>> from henvis.stats.disclosure import DisclosureRule
>>> rel = build_release(load_kom_seed(), 2020, rule=DisclosureRule.off())
>>> rel.table("tabell-2-anmeldelser-2020-distrikt-form").shown("Totalsum", "Total")
'39 (hvorav 3 grove)'
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from henvis.atomic_files import write_atomic
from henvis.stats.disclosure import DisclosureRule, protect_release
from henvis.stats.registry.dataset import RegistryDataset
from henvis.stats.registry.formats import KeyFigure
from henvis.stats.registry.police import cross_years
from henvis.stats.tables.decisions import decision_tables
from henvis.stats.tables.judgments import judgment_table
from henvis.stats.tables.persons import measure_tables, returns_tables, tabell_1
from henvis.stats.tables.police import tabell_2, tabell_3, tabell_4
from henvis.stats.tables.presentation import DEFAULT, Presentation
from henvis.stats.tables.report_table import Matrix, ReportTable, plain_display


@dataclass(frozen=True)
class Release:
    """The tables of one report, in report order, and the figures they come from."""

    year: int
    tables: tuple[ReportTable, ...]
    dataset: RegistryDataset
    rule: DisclosureRule

    def table(self, key: str) -> ReportTable:
        return next(t for t in self.tables if t.key == key)

    def find(self, prefix: str) -> ReportTable | None:
        return next((t for t in self.tables if t.key.startswith(prefix)), None)

    def key_figures(self, period: str | None = None) -> list[KeyFigure]:
        return [k for k in self.dataset.key_figures if period is None or k.period == period]


def report_years(ds: RegistryDataset, year: int, span: int = 5) -> list[int]:
    """The last ``span`` years up to ``year`` that have police reports."""
    have = {r.year for r in ds.police_reports}
    return [y for y in range(year - span + 1, year + 1) if y in have]


def build_tables(
    ds: RegistryDataset, year: int, presentation: Presentation = DEFAULT,
    person_tables: Sequence[ReportTable] = (),
) -> list[ReportTable]:
    """Every table of the report for ``year``, unprotected, in report order;
    ``person_tables`` (unique persons from linked extracts) come first."""
    tables: list[ReportTable] = list(person_tables)
    t1 = tabell_1(ds, year)
    if t1 is not None:
        tables.append(t1)
    years = report_years(ds, year)
    if year in cross_years(ds.police_reports):  # Tabell 2 only where the source crosses them
        tables.append(tabell_2(ds, year, presentation))
    if years:
        tables.append(tabell_3(ds, years, presentation))
        tables.append(tabell_4(ds, years, presentation))
    tables += decision_tables(ds, year).values()
    tables += returns_tables(ds, year).values()
    tables += measure_tables(ds, year).values()
    judgments = judgment_table(ds, year)
    if judgments is not None:
        tables.append(judgments)
    return tables


def protect_tables(tables: Sequence[ReportTable], rule: DisclosureRule) -> list[ReportTable]:
    """Apply ``rule`` to all tables of persons together (one release, so secondary
    suppression covers differencing between them); mark registry tables as such. Tables
    already protected (the year's linked persons, shared with every other output) stay
    as they are."""
    persons = {t.key: t for t in tables if t.is_persons and not t.protected}
    protected = protect_release(persons, rule) if persons else {}
    registry_note = DisclosureRule.from_registry().method_note("nb")
    out = []
    for t in tables:
        if t.protected:
            out.append(t)
            continue
        if not t.is_persons:
            out.append(t.with_cells(t.values, t.display, t.disclosure_note or registry_note))
            continue
        p = protected[t.key]
        values = _matrix(p.values)
        out.append(t.with_cells(values, plain_display(values), p.method_note("nb")))
    return out


def _matrix(frame: pd.DataFrame) -> Matrix:
    return tuple(
        tuple(None if pd.isna(v) else int(v) for v in row) for row in frame.itertuples(index=False)
    )


def build_release(
    ds: RegistryDataset, year: int, *, rule: DisclosureRule | None = None,
    presentation: Presentation = DEFAULT, person_tables: Sequence[ReportTable] = (),
) -> Release:
    """Tables for ``year`` with ``rule`` (default: Statistics Norway's "fewer than 3")."""
    rule = rule if rule is not None else DisclosureRule()
    tables = build_tables(ds, year, presentation, person_tables)
    return Release(year, tuple(protect_tables(tables, rule)), ds, rule)


def _write_csv(rows: Sequence[Sequence[str]], tmp: Path) -> None:
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def write_tables_csv(tables: Sequence[ReportTable], folder: Path) -> list[Path]:
    """One CSV per table: header row, one row per category, totals last. Each file is
    written to a temporary name and renamed, so a failure leaves no half-written file."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for t in tables:
        path = folder / f"{t.key}.csv"
        write_atomic(path, functools.partial(_write_csv, t.tidy_rows()))
        paths.append(path)
    return paths
