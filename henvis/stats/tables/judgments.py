"""Chapter 8.4: court decisions in criminal cases of trafficking, by outcome and court.

Judgments are public court decisions, so the table is a registry table released as the
courts give it.

>>> from henvis.stats.registry import load_kom_seed
>>> judgment_table(load_kom_seed(), 2020).cell("Totalt", "Totalt")
3
"""

from __future__ import annotations

from collections import Counter

from henvis.stats.registry import code_lists as v
from henvis.stats.registry.dataset import RegistryDataset
from henvis.stats.tables.report_table import ReportTable, TableKind

SOURCE = (
    "Kilde: KOMs oversikt «Rettsavgjørelser om menneskehandel» (politiet.no/menneskehandel). "
    "Avgjørelser avsagt i året; en sak kan ha avgjørelser i flere instanser."
)


def judgment_table(ds: RegistryDataset, year: int) -> ReportTable | None:
    counts: Counter[tuple[str, str]] = Counter()
    for r in ds.judgments:
        if r.year == year:
            counts[(r.outcome, r.court)] += r.judgments
    if not counts:
        return None
    outcomes = list(v.JUDGMENT_OUTCOMES)
    courts = list(v.COURTS)
    return ReportTable.build(
        key=f"kap-8-4-rettsavgjorelser-{year}", number="",
        title=f"Rettsavgjørelser om menneskehandel i {year} etter utfall og rett",
        source_note=SOURCE, kind=TableKind.REGISTRY, row_dimension="utfall", row_header="Utfall",
        row_labels=[v.JUDGMENT_OUTCOMES[o] for o in outcomes], column_dimension="rett",
        column_labels=[v.COURTS[c] for c in courts],
        values=[[counts[(o, c)] for c in courts] for o in outcomes],
    )
