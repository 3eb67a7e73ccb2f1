"""Short generated text of the report, in Norwegian, from the released tables.

Sentences about persons use only figures the disclosure rule released (a suppressed
cell is never put into words); sentences about police reports use the registry figures.

>>> from henvis.stats.registry import load_kom_seed
>>> from henvis.stats.tables import build_release
>>> police_paragraph(build_release(load_kom_seed(), 2020))[:72]
'I 2020 ble det registrert 39 anmeldelser om menneskehandel, 3 av dem for'
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from henvis.stats.registry import code_lists as v
from henvis.stats.registry.police import by_district, by_form, year_totals
from henvis.stats.tables.report_release import Release
from henvis.stats.tables.report_table import ReportTable


def _count_word(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _change(now: int, before: int, year: int) -> str:
    if now == before:
        return f"Det er like mange som i {year} ({before})."
    word = "flere" if now > before else "færre"
    return f"Det er {abs(now - before)} {word} enn i {year} ({before})."


def police_paragraph(rel: Release) -> str:
    year = rel.year
    records = rel.dataset.police_reports
    # each figure from the margin the source publishes (a year may be known only by its
    # form and district margins, which must not be added together)
    reports = year_totals(records)
    grov = year_totals(records, grov_only=True)
    forms: Counter[str] = Counter({f: n for (y, f), n in by_form(records).items() if y == year})
    districts: Counter[str] = Counter({d: n for (y, d), n in by_district(records).items() if y == year})
    if year not in reports:
        return f"Det finnes ingen anmeldelsestall for {year} i datagrunnlaget."
    n = reports[year]
    parts = [
        f"I {year} ble det registrert {_count_word(n, 'anmeldelse', 'anmeldelser')} om "
        f"menneskehandel, {grov[year]} av dem for grov menneskehandel."
    ]
    if year - 1 in reports:
        parts.append(_change(n, reports[year - 1], year - 1))
    named = [(f, forms[f]) for f in v.REPORT_FORMS if forms[f]]
    if named:
        listed = [f"{c} {v.REPORT_FORMS[f].lower()}" for f, c in named]
        joined = ", ".join(listed[:-1]) + (" og " if len(listed) > 1 else "") + listed[-1]
        parts.append(f"Fordelt på utnyttingsform gjaldt {joined}.")
    in_norway = {d: c for d, c in districts.items() if d != "utlandet" and c}
    if in_norway:
        top = max(in_norway, key=lambda d: in_norway[d])
        parts.append(
            f"{len(in_norway)} av {len(v.POLICE_DISTRICTS) - 1} politidistrikter hadde anmeldte saker; "
            f"flest kom fra {v.POLICE_DISTRICTS[top]} politidistrikt ({in_norway[top]})."
        )
    if districts["utlandet"]:
        parts.append(f"{districts['utlandet']} anmeldelser gjaldt gjerningssted i utlandet.")
    return " ".join(parts)


def _released(table: ReportTable | None, row: str, col: str) -> int | None:
    """A released cell, or None if the table or cell is missing or suppressed."""
    if table is None or row not in table.row_labels or col not in table.column_labels:
        return None
    return table.cell(row, col)


def decisions_paragraph(rel: Release) -> str | None:
    t = rel.find("kap-3-2-udi-vedtak")
    if t is None:
        return None
    total = _released(t, "Totalt", "Totalt")
    refl = _released(t, v.DECISION_TYPES["refleksjonsperiode"], "Totalt")
    granted = _released(t, v.DECISION_TYPES["refleksjonsperiode"], "Innvilget")
    lim = _released(t, v.DECISION_TYPES["begrenset-opphold"], "Totalt")
    parts = []
    if total is not None:
        parts.append(f"UDI fattet {total} vedtak etter utlendingsforskriften § 8-3 første og annet ledd i {rel.year}.")
    if refl is not None:
        s = f"{refl} gjaldt refleksjonsperiode"
        if granted is not None:
            s += f", hvorav {granted} ble innvilget"
        parts.append(s + ".")
    if lim is not None:
        parts.append(f"{lim} gjaldt begrenset oppholdstillatelse.")
    return " ".join(parts) or None


def returns_paragraph(rel: Release) -> str | None:
    t = rel.find(f"kap-4-2-assistert-retur-{rel.year}-trinn")
    if t is None:
        return None
    granted = t.values[-1][0]
    travelled = _released(t, v.RETURN_STAGES["reist"], "Personer")
    if granted is None:
        return None
    s = f"{granted} voksne fikk innvilget reintegreringsstøtte som mulige ofre for menneskehandel i {rel.year}"
    if travelled is not None:
        s += f", og {travelled} reiste med IOM samme år"
    return s + "."


def measures_paragraph(rel: Release) -> str | None:
    t = rel.find(f"kap-7-3-bo-og-oppfolging-{rel.year}-kjonn") or rel.find(
        f"kap-7-3-bo-og-oppfolging-{rel.year}")
    if t is None:
        return None
    total = t.values[-1][-1]
    if total is None:
        return None
    s = (f"Bo- og oppfølgingstiltakene rapporterte til sammen {total} voksne antatte ofre i "
         f"{rel.year} (summen over tiltak, ikke antall enkeltpersoner). Samme person kan være "
         "fulgt opp av flere tiltak og er da talt flere ganger.")
    women = _released(t, v.SEXES["kvinne"], t.column_labels[-1])
    men = _released(t, v.SEXES["mann"], t.column_labels[-1])
    if women is not None and men is not None:
        s += f" {women} var kvinner og {men} menn."
    return s


def placements_paragraph(rel: Release) -> str | None:
    t = rel.find("tabell-1")
    if t is None or str(rel.year) not in t.row_labels:
        return None
    n = t.cell(str(rel.year), t.column_labels[0])
    if n is None:
        return f"Fylkesnemndene mottok færre enn {rel.rule.threshold} saker etter barnevernloven § 4-29 i {rel.year}."
    if n == 0:
        return f"Fylkesnemndene mottok ingen saker etter barnevernloven § 4-29 i {rel.year}."
    return f"Fylkesnemndene mottok {n} saker etter barnevernloven § 4-29 i {rel.year}."


def _judgment_counts(rel: Release) -> tuple[int, int] | None:
    """(convictions, acquittals) of the year, or None without a judgments table."""
    t = rel.find(f"kap-8-4-rettsavgjorelser-{rel.year}")
    if t is None:
        return None
    return (t.cell(v.JUDGMENT_OUTCOMES["fellende"], "Totalt") or 0,
            t.cell(v.JUDGMENT_OUTCOMES["frifinnelse"], "Totalt") or 0)


def judgments_paragraph(rel: Release) -> str | None:
    counts = _judgment_counts(rel)
    if counts is None:
        return None
    convictions, acquittals = counts
    return (f"I {rel.year} ble det avsagt {_count_word(convictions, 'fellende dom', 'fellende dommer')} "
            f"og {_count_word(acquittals, 'frifinnelse', 'frifinnelser')} i straffesaker om menneskehandel.")


def persons_paragraph(rel: Release, person_summary: pd.DataFrame | None) -> str | None:
    """Registrations (what is summed today) against unique persons, with the interval
    that carries the linkage uncertainty. Counts under the threshold are not stated."""
    r = _persons_row(rel, person_summary)
    if r is None:
        return None

    def n(value: object) -> str:
        return _stated(rel, value)

    s = (f"I {rel.year} registrerte organisasjonene {n(r.registrations)} registreringer av antatte ofre. "
         f"Koblet på tvers av organisasjonene gjaldt de {n(r.persons)} unike personer")
    if int(r.persons_low) != int(r.persons_high):
        s += f" (intervall {n(r.persons_low)}–{n(r.persons_high)} ut fra usikkerheten i koblingen)"
    s += (f". Summen over organisasjoner, slik statistikken føres i dag, teller dermed "
          f"{n(r.difference)} personer mer enn én gang.")
    if "first_time" in r and int(r.first_time) > 0:
        s += f" {n(r.first_time)} personer ble registrert for første gang."
    return s


def _persons_row(rel: Release, person_summary: pd.DataFrame | None) -> pd.Series | None:
    if person_summary is None:
        return None
    row = person_summary[person_summary["year"] == rel.year]
    return None if row.empty else row.iloc[0]


def persons_figure(rel: Release, person_summary: pd.DataFrame | None) -> int | None:
    """The year's unique persons as the unique-persons chapter states them (the
    linkage's own clustering), or None when the report has no linked persons."""
    r = _persons_row(rel, person_summary)
    return None if r is None else int(r.persons)


def _stated(rel: Release, value: object) -> str:
    """A count of persons as the text may state it: under the threshold, only that."""
    count = int(value)  # type: ignore[call-overload]
    return f"færre enn {rel.rule.threshold}" if rel.rule.is_small(count) else str(count)


def headlines(rel: Release, person_summary: pd.DataFrame | None = None) -> list[tuple[str, str]]:
    """The summary: one key figure per chapter as (chapter key, line), in chapter order.

    The lines are worded as key figures ("Anmeldelser om menneskehandel: 39, ..."), not
    as the chapters' sentences, so that the summary points to a chapter instead of
    printing its text a second time. They take their figures from the same released
    cells as the chapters' paragraphs, and a chapter without a paragraph has no line."""
    lines: list[tuple[str, str | None]] = [
        ("persons", _persons_headline(rel, person_summary)),
        ("police", _police_headline(rel)),
        ("decisions", _decisions_headline(rel)),
        ("returns", _returns_headline(rel)),
        ("placements", _placements_headline(rel)),
        ("measures", _measures_headline(rel)),
        ("judgments", _judgments_headline(rel)),
    ]
    return [(key, line) for key, line in lines if line]


def _persons_headline(rel: Release, person_summary: pd.DataFrame | None) -> str | None:
    r = _persons_row(rel, person_summary)
    if r is None:
        return None
    s = f"Unike personer registrert av organisasjonene: {_stated(rel, r.persons)}"
    if int(r.persons_low) != int(r.persons_high):
        s += f" (intervall {_stated(rel, r.persons_low)}–{_stated(rel, r.persons_high)})"
    return s + f"; registreringer i alt: {_stated(rel, r.registrations)}"


def _police_headline(rel: Release) -> str | None:
    reports = year_totals(rel.dataset.police_reports)
    if rel.year not in reports:
        return None
    grov = year_totals(rel.dataset.police_reports, grov_only=True)
    return (f"Anmeldelser om menneskehandel: {reports[rel.year]}, hvorav {grov[rel.year]} "
            "for grov menneskehandel")


def _decisions_headline(rel: Release) -> str | None:
    total = _released(rel.find("kap-3-2-udi-vedtak"), "Totalt", "Totalt")
    return None if total is None else f"UDI-vedtak etter utlendingsforskriften § 8-3 første og annet ledd: {total}"


def _returns_headline(rel: Release) -> str | None:
    t = rel.find(f"kap-4-2-assistert-retur-{rel.year}-trinn")
    granted = None if t is None else t.values[-1][0]
    return None if granted is None else f"Voksne innvilget reintegreringsstøtte (assistert retur): {granted}"


def _placements_headline(rel: Release) -> str | None:
    t = rel.find("tabell-1")
    if t is None or str(rel.year) not in t.row_labels:
        return None
    n = t.cell(str(rel.year), t.column_labels[0])
    count = f"færre enn {rel.rule.threshold}" if n is None else str(n)
    return f"Saker etter barnevernloven § 4-29 mottatt av fylkesnemndene: {count}"


def _measures_headline(rel: Release) -> str | None:
    t = rel.find(f"kap-7-3-bo-og-oppfolging-{rel.year}-kjonn") or rel.find(
        f"kap-7-3-bo-og-oppfolging-{rel.year}")
    total = None if t is None else t.values[-1][-1]
    return None if total is None else f"Voksne antatte ofre i bo- og oppfølgingstiltak, summert over tiltak: {total}"


def _judgments_headline(rel: Release) -> str | None:
    counts = _judgment_counts(rel)
    if counts is None:
        return None
    convictions, acquittals = counts
    return f"Fellende dommer i straffesaker om menneskehandel: {convictions}; frifinnelser: {acquittals}"
