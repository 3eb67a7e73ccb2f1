"""Tabell 2-4 of the KOM report: police reports (Strasak) by district and form.

Built from the records of ``police_reports.csv``: Tabell 2 from the district x form cells
of the year (``breakdown`` = ``distrikt-form``), Tabell 3 from the form margin and Tabell 4
from the district margin of each year (``form`` / ``distrikt`` rows, or the cells of a
cross-tabulated year; see :mod:`henvis.stats.registry.police`). These are registry tables: offences as the police register them, released as the registry
gives them (no disclosure control), with the aggravated part shown inside each cell.

>>> from henvis.stats.registry import load_kom_seed
>>> t = tabell_2(load_kom_seed(), 2020)
>>> t.shown("Totalsum", "Total")
'39 (hvorav 3 grove)'
"""

from __future__ import annotations

from collections.abc import Sequence

from henvis.stats.registry.code_lists import POLICE_DISTRICTS, REPORT_FORMS
from henvis.stats.registry.dataset import RegistryDataset
from henvis.stats.registry.police import by_district, by_form, cross_tab, cross_years
from henvis.stats.tables.presentation import DEFAULT, Presentation
from henvis.stats.tables.report_table import ReportTable, TableKind

SOURCE = (
    "Kilde: Politiets straffesaksregister (Strasak), tabell JUS063 og JUS065, via "
    "Politidirektoratet. Anmeldelser etter straffeloven 1902 § 224 og 2005 §§ 257 og 258; "
    "«Gjerningssted i utlandet» er anmeldelser opprettet i Norge om forhold i utlandet."
)
DISCLOSURE_NOTE = (
    "Registertall: gjengitt slik politiets statistikk publiserer dem, uten prikking "
    "(anmeldelser er lovbrudd, ikke personer)."
)
FORM_CODES = list(REPORT_FORMS)
DISTRICT_CODES = list(POLICE_DISTRICTS)


def _render(key: str, rows: Sequence[str], cols: Sequence[str], values: Sequence[Sequence[int]],
            subs: Sequence[Sequence[int]], pres: Presentation) -> list[list[str]]:
    last = len(rows) - 1
    return [
        [pres.cell(key, rows[i], cols[j], values[i][j], subs[i][j], total_row=i == last)
         for j in range(len(cols))]
        for i in range(len(rows))
    ]


def tabell_2(ds: RegistryDataset, year: int, pres: Presentation = DEFAULT) -> ReportTable:
    """Reports in ``year`` by police district and exploitation form.

    Only a year published as a cross-tabulation has this table; for a year known only
    by its margins, the raised error says so rather than inventing the cells."""
    if year not in cross_years(ds.police_reports):
        raise ValueError(
            f"{year}: anmeldelsene er ikke publisert fordelt på både politidistrikt og "
            f"utnyttingsform / {year}: the reports are not published by both police district "
            "and exploitation form")
    total = cross_tab(ds.police_reports)
    grov = cross_tab(ds.police_reports, grov_only=True)
    values = [[total[(year, d, f)] for f in FORM_CODES] for d in DISTRICT_CODES]
    subs = [[grov[(year, d, f)] for f in FORM_CODES] for d in DISTRICT_CODES]
    table = ReportTable.build(
        key=f"tabell-2-anmeldelser-{year}-distrikt-form", number="Tabell 2",
        title=f"Anmeldelser i {year} fordelt etter politidistrikt og utnyttingsform",
        source_note=SOURCE, kind=TableKind.REGISTRY, row_dimension="politidistrikt",
        row_header="Politidistrikt", row_labels=list(POLICE_DISTRICTS.values()),
        column_dimension="utnyttingsform", column_labels=list(REPORT_FORMS.values()),
        values=values, subtotals=subs, total_row_label="Totalsum", total_column_label="Total",
    )
    assert table.subtotals is not None
    shown = _render("tabell-2", [*DISTRICT_CODES, "total"], [*FORM_CODES, "total"],
                    table.values, table.subtotals, pres)  # type: ignore[arg-type]
    return table.with_cells(table.values, tuple(tuple(r) for r in shown), DISCLOSURE_NOTE)


def tabell_3(ds: RegistryDataset, years: Sequence[int], pres: Presentation = DEFAULT) -> ReportTable:
    """Reports by exploitation form, one row per year."""
    total = by_form(ds.police_reports)
    grov = by_form(ds.police_reports, grov_only=True)
    values = [[total[(y, f)] for f in FORM_CODES] for y in years]
    subs = [[grov[(y, f)] for f in FORM_CODES] for y in years]
    span = f"{years[0]}–{years[-1]}"
    notes = []
    if "tabell-3" in pres.added_total_row:
        notes.append(f"Totalraden ({span}) er lagt til av Henvis; den står ikke i KOMs tabell.")
    table = ReportTable.build(
        key=f"tabell-3-anmeldelser-{years[0]}-{years[-1]}-form", number="Tabell 3",
        title=f"Anmeldelser fordelt etter utnyttingsform siste fem år ({span})",
        source_note=SOURCE, kind=TableKind.REGISTRY, row_dimension="ar", row_header="Årstall",
        row_labels=[str(y) for y in years], column_dimension="utnyttingsform",
        column_labels=list(REPORT_FORMS.values()), values=values, subtotals=subs,
        total_row_label=f"Totalsum {span}", total_column_label="Total", notes=notes,
    )
    assert table.subtotals is not None
    shown = _render("tabell-3", [*map(str, years), "total"], [*FORM_CODES, "total"],
                    table.values, table.subtotals, pres)  # type: ignore[arg-type]
    return table.with_cells(table.values, tuple(tuple(r) for r in shown), DISCLOSURE_NOTE)


def tabell_4(ds: RegistryDataset, years: Sequence[int], pres: Presentation = DEFAULT) -> ReportTable:
    """Reports by police district, one column per year (as published: no totals column)."""
    total = by_district(ds.police_reports)
    grov = by_district(ds.police_reports, grov_only=True)
    values = [[total[(y, d)] for y in years] for d in DISTRICT_CODES]
    subs = [[grov[(y, d)] for y in years] for d in DISTRICT_CODES]
    span = f"{years[0]}–{years[-1]}"
    table = ReportTable.build(
        key=f"tabell-4-anmeldelser-{years[0]}-{years[-1]}-distrikt", number="Tabell 4",
        title=f"Anmeldelser fordelt etter politidistrikt siste fem år ({span})",
        source_note=SOURCE, kind=TableKind.REGISTRY, row_dimension="politidistrikt",
        row_header="Politidistrikt", row_labels=list(POLICE_DISTRICTS.values()),
        column_dimension="ar", column_labels=[str(y) for y in years], values=values,
        subtotals=subs, total_row_label="Totalsum", total_column_label=None,
    )
    assert table.subtotals is not None
    shown = _render("tabell-4", [*DISTRICT_CODES, "total"], [str(y) for y in years],
                    table.values, table.subtotals, pres)  # type: ignore[arg-type]
    return table.with_cells(table.values, tuple(tuple(r) for r in shown), DISCLOSURE_NOTE)
