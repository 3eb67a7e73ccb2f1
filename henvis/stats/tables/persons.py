"""Tables of persons: chapter 7.3 (adults in housing and follow-up measures), chapter
4.2 (assisted returns) and Tabell 1 (child-welfare cases under bvl § 4-29).

Every table here counts persons, so disclosure control applies to it before release
(see ``report_release.py``). Categories are those present in the data, in code-list order.

>>> from henvis.stats.registry import load_kom_seed
>>> t = measure_tables(load_kom_seed(), 2020)["kjonn"]
>>> t.cell("Kvinner", "Totalt (sum over tiltak)"), t.cell("Totalt", "Aktører som også har botiltak")
(180, 144)
"""

from __future__ import annotations

from collections import Counter

from henvis.stats.registry import code_lists as v
from henvis.stats.registry.dataset import RegistryDataset
from henvis.stats.tables.report_table import ReportTable, TableKind

MEASURES_SOURCE = (
    "Kilde: rapportering til KOM fra bo- og oppfølgingstiltakene (NAV Grünerløkka, ROSA, "
    "Lauras hus, Marita Womens bokollektiv, Safe House Filemon og tiltak med tilskudd for "
    "oppsøkende arbeid). Summen over tiltak, ikke antall enkeltpersoner: samme person kan "
    "være rapportert av flere tiltak."
)
RETURNS_SOURCE = "Kilde: UDI og IOM, program for assistert retur for sårbare migranter."
PLACEMENTS_SOURCE = (
    "Kilde: Sentralenheten for fylkesnemndene. Tallet for 2016 er et estimat (endret "
    "saksbehandlingssystem våren 2016)."
)

MEASURE_DIMENSIONS = ("status", "kjonn", "utnyttingsform", "region")


def _present(codes: dict[str, str], used: set[str]) -> list[str]:
    return [c for c in codes if c in used]


def measure_tables(ds: RegistryDataset, year: int) -> dict[str, ReportTable]:
    """Chapter 7.3: one table per breakdown, columns = groups of measures and their sum."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for r in ds.measure_persons:
        if r.year == year:
            counts[(r.dimension, r.category, r.measure_group)] += r.persons
    groups = list(v.MEASURE_GROUPS)
    out: dict[str, ReportTable] = {}
    for dim in MEASURE_DIMENSIONS:
        vocab = v.BREAKDOWN_DIMENSIONS[dim]
        cats = _present(vocab, {c for (d, c, _g) in counts if d == dim})
        if not cats:
            continue
        out[dim] = ReportTable.build(
            key=f"kap-7-3-bo-og-oppfolging-{year}-{dim}", number="",
            title=(f"Voksne antatte ofre i bo- og oppfølgingstiltak i {year} etter "
                   f"{v.DIMENSION_LABELS[dim].lower()}"),
            source_note=MEASURES_SOURCE, kind=TableKind.PERSONS, row_dimension=dim,
            row_header=v.DIMENSION_LABELS[dim], row_labels=[vocab[c] for c in cats],
            column_dimension="tiltaksgruppe",
            column_labels=[v.MEASURE_GROUPS[g] for g in groups],
            values=[[counts[(dim, c, g)] for g in groups] for c in cats],
            total_column_label="Totalt (sum over tiltak)",
        )
    return out


def returns_tables(ds: RegistryDataset, year: int) -> dict[str, ReportTable]:
    """Chapter 4.2: persons granted reintegration support, by stage and breakdowns."""
    recs = [r for r in ds.returns if r.year == year]
    out: dict[str, ReportTable] = {}
    stages = {r.stage: r.persons for r in recs if r.dimension == "total"}
    if "reist" in stages or "utsatt" in stages:
        rows = [s for s in ("reist", "utsatt") if s in stages]
        out["trinn"] = ReportTable.build(
            key=f"kap-4-2-assistert-retur-{year}-trinn", number="",
            title=f"Assistert retur {year}: innvilget reintegreringsstøtte, reist eller utsatt",
            source_note=RETURNS_SOURCE, kind=TableKind.PERSONS, row_dimension="trinn",
            row_header="Trinn", row_labels=[v.RETURN_STAGES[s] for s in rows],
            column_dimension=None, column_labels=["Personer"],
            values=[[stages[s]] for s in rows], total_row_label=v.RETURN_STAGES["innvilget"],
        )
    for dim, vocab in (("kjonn", v.SEXES), ("region", v.REGIONS), ("utnyttingsform", v.PERSON_FORMS)):
        cells = {r.category: r.persons for r in recs if r.stage == "innvilget" and r.dimension == dim}
        if not cells:
            continue
        cats = _present(vocab, set(cells))
        out[dim] = ReportTable.build(
            key=f"kap-4-2-assistert-retur-{year}-{dim}", number="",
            title=(f"Personer med innvilget reintegreringsstøtte i {year} etter "
                   f"{v.DIMENSION_LABELS[dim].lower()}"),
            source_note=RETURNS_SOURCE, kind=TableKind.PERSONS, row_dimension=dim,
            row_header=v.DIMENSION_LABELS[dim], row_labels=[vocab[c] for c in cats],
            column_dimension=None, column_labels=["Personer"], values=[[cells[c]] for c in cats],
        )
    return out


def tabell_1(ds: RegistryDataset, year: int) -> ReportTable | None:
    """Tabell 1: cases before the county boards under bvl § 4-29, every year up to ``year``.

    Published with the years as columns; here one row per year so that the CSV has one row
    per category and the totals last."""
    recs = sorted((r for r in ds.placements if r.authority == "fylkesnemnd" and r.year <= year),
                  key=lambda r: r.year)
    if not recs:
        return None
    estimates = [str(r.year) for r in recs if r.estimate]
    notes = [f"Estimat: {', '.join(estimates)}."] if estimates else []
    return ReportTable.build(
        key=f"tabell-1-saker-bvl-4-29-{recs[0].year}-{recs[-1].year}", number="Tabell 1",
        title="Antall saker etter barnevernloven § 4-29 (fylkesnemndene)",
        source_note=PLACEMENTS_SOURCE, kind=TableKind.PERSONS, row_dimension="ar",
        row_header="År", row_labels=[str(r.year) for r in recs], column_dimension=None,
        column_labels=["Antall saker"], values=[[r.cases] for r in recs],
        total_row_label=f"Totalt {recs[0].year}–{recs[-1].year}", notes=notes,
    )
