"""Chapter 3.2 and 3.3: UDI and UNE decisions on reflection period, limited permit and
asylum for presumed victims.

A decision concerns one person and UDI does not publish these figures itself, so the
tables are tables of persons: disclosure control applies.

>>> from henvis.stats.registry import load_kom_seed
>>> t = decision_tables(load_kom_seed(), 2020)["utf-8-3"]
>>> t.cell("Refleksjonsperiode (utf. § 8-3 første ledd)", "Avslått")
8
"""

from __future__ import annotations

from collections import Counter

from henvis.stats.registry import code_lists as v
from henvis.stats.registry.dataset import RegistryDataset
from henvis.stats.tables.report_table import ReportTable, TableKind

SOURCE = (
    "Kilde: UDI og UNE, registreringer i DUF (refleksjonsperiode, begrenset opphold, "
    "vitnetillatelse) og manuelle registreringer (øvrige saker). Siste vedtak i saken; "
    "samme søker kan ha flere vedtak."
)


def decision_tables(ds: RegistryDataset, year: int) -> dict[str, ReportTable]:
    recs = [r for r in ds.decisions if r.year == year]
    out: dict[str, ReportTable] = {}
    udi = [r for r in recs if r.authority == "UDI"]

    by_type: Counter[tuple[str, str]] = Counter()
    for r in udi:
        if r.decision_type in ("refleksjonsperiode", "begrenset-opphold"):
            by_type[(r.decision_type, "avslag" if r.outcome == "avslag" else "innvilget")] += r.decisions
    types = [t for t in ("refleksjonsperiode", "begrenset-opphold") if any(k[0] == t for k in by_type)]
    if types:
        out["utf-8-3"] = ReportTable.build(
            key=f"kap-3-2-udi-vedtak-utf-8-3-{year}", number="",
            title=f"UDIs vedtak etter utf. § 8-3 første og annet ledd i {year}",
            source_note=SOURCE, kind=TableKind.PERSONS, row_dimension="vedtakstype",
            row_header="Vedtakstype", row_labels=[v.DECISION_TYPES[t] for t in types],
            column_dimension="utfall", column_labels=["Innvilget", "Avslått"],
            values=[[by_type[(t, "innvilget")], by_type[(t, "avslag")]] for t in types],
        )

    reasons: Counter[str] = Counter()
    for r in udi:
        if r.decision_type == "refleksjonsperiode" and r.outcome == "avslag":
            reasons[r.refusal_reason] += r.decisions
    if reasons:
        codes = [c for c in v.REFUSAL_REASONS if c in reasons]
        out["avslagsgrunner"] = ReportTable.build(
            key=f"kap-3-2-refleksjon-avslagsgrunner-{year}", number="",
            title=f"Avslag på refleksjonsperiode i {year} etter avslagsgrunn",
            source_note=SOURCE, kind=TableKind.PERSONS, row_dimension="avslagsgrunn",
            row_header="Avslagsgrunn", row_labels=[v.REFUSAL_REASONS[c] or "Ikke oppgitt" for c in codes],
            column_dimension=None, column_labels=["Vedtak"], values=[[reasons[c]] for c in codes],
        )

    limited: Counter[tuple[str, str]] = Counter()
    for r in udi:
        if r.decision_type == "begrenset-opphold":
            limited[(r.instance, "avslag" if r.outcome == "avslag" else "innvilget")] += r.decisions
    instances = [i for i in v.INSTANCES if any(k[0] == i for k in limited)]
    if instances:
        out["begrenset"] = ReportTable.build(
            key=f"kap-3-2-begrenset-opphold-{year}", number="",
            title=f"Begrenset oppholdstillatelse (utf. § 8-3 annet ledd) i {year}: førstegang og fornyelse",
            source_note=SOURCE, kind=TableKind.PERSONS, row_dimension="instans",
            row_header="Vedtak", row_labels=[v.INSTANCES[i] for i in instances],
            column_dimension="utfall", column_labels=["Innvilget", "Avslått"],
            values=[[limited[(i, "innvilget")], limited[(i, "avslag")]] for i in instances],
        )

    asylum: Counter[str] = Counter()
    for r in udi:
        if r.decision_type == "asyl":
            label = (f"Innvilget etter {r.legal_basis}" if r.outcome == "innvilget"
                     else f"{v.OUTCOMES[r.outcome]}: {v.REFUSAL_REASONS[r.refusal_reason] or r.legal_basis}")
            asylum[label] += r.decisions
    if asylum:
        labels = sorted(asylum, key=lambda s: (not s.startswith("Innvilget"), s))
        out["asyl"] = ReportTable.build(
            key=f"kap-3-3-udi-asylvedtak-{year}", number="",
            title=f"UDIs asylvedtak i {year} der søkeren er identifisert som mulig offer",
            source_note=SOURCE, kind=TableKind.PERSONS, row_dimension="asylutfall",
            row_header="Utfall", row_labels=labels, column_dimension=None,
            column_labels=["Vedtak"], values=[[asylum[s]] for s in labels],
        )
    return out
