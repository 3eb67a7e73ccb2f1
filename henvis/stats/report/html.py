"""The yearly report as one self-contained HTML document (charts embedded as data URIs),
used both as the web page and, through WeasyPrint, as the PDF.

Every string that comes from data is escaped; the page has no script.

>>> from henvis.stats.registry import load_kom_seed
>>> from henvis.stats.tables import build_release
>>> page = render_html(build_release(load_kom_seed(), 2020), source_label="KOM")
>>> page.startswith("<!DOCTYPE html>"), "Tabell 2" in page
(True, True)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from html import escape

import pandas as pd

from henvis.stats.registry.formats import KeyFigure
from henvis.stats.report import charts as ch
from henvis.stats.report import text
from henvis.stats.report.darkfigure import DarkFigure, method_note
from henvis.stats.report.inputs import key_figures_of
from henvis.stats.tables.report_release import Release
from henvis.stats.tables.report_table import SUPPRESSED, ReportTable

CSS = """
@page { size: A4; margin: 18mm 16mm 20mm 16mm;
  @bottom-center { content: "Side " counter(page) " av " counter(pages); font-size: 8pt; color: #555; }
  @top-right { content: "Menneskehandel i Norge – statistikk"; font-size: 8pt; color: #777; } }
@page :first { @top-right { content: none; } }
html { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; color: #1b1b1b; line-height: 1.4; }
body { max-width: 60rem; margin: 0 auto; padding: 1rem; }
@media print { body { padding: 0; max-width: none; } }
h1 { font-size: 20pt; margin: 0 0 .2rem 0; color: #0b3d62; }
h2 { font-size: 14pt; color: #0b3d62; border-bottom: 1px solid #0b3d62; padding-bottom: 2pt;
     margin-top: 1.6rem; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 1rem 0 .3rem 0; break-after: avoid; }
p.sub { color: #555; margin-top: 0; }
p.lead { font-size: 10.5pt; }
figure { margin: .8rem 0; break-inside: avoid; }
figure img { width: 100%; max-width: 46rem; }
figcaption, .note { font-size: 8pt; color: #555; }
.tablewrap { break-inside: avoid; margin: .6rem 0 1rem 0; }
table { border-collapse: collapse; font-size: 8pt; width: 100%; }
caption { text-align: left; font-weight: bold; font-size: 9pt; padding-bottom: 3pt; }
th, td { padding: 2pt 4pt; border-bottom: 1px solid #d9d9d9; vertical-align: top; }
thead th { background: #e8eef4; text-align: right; font-weight: bold; }
thead th:first-child, tbody th { text-align: left; font-weight: normal; }
td { text-align: right; }
td small { color: #444; font-size: 7pt; white-space: nowrap; }
tr.total th, tr.total td { font-weight: bold; border-top: 1.5px solid #333; }
.kind { display: inline-block; font-size: 7pt; padding: 0 3pt; border: 1px solid #999;
        border-radius: 2pt; color: #444; font-weight: normal; margin-left: 4pt; }
dl.figures { display: grid; grid-template-columns: 1fr auto; gap: 2pt 12pt; font-size: 9pt; }
dl.figures dt { border-bottom: 1px dotted #ccc; } dl.figures dd { margin: 0; text-align: right; }
.method li { margin-bottom: 4pt; font-size: 9pt; }
.box { border: 1px solid #b8c7d6; background: #f4f7fa; padding: 6pt 8pt; margin: .6rem 0; }
"""

KEY_FIGURE_LABELS = {
    "tip-etterforskede-saker": "Etterforskede saker om menneskehandel (TIP)",
    "tip-etterforskede-saker-seksuell": "– hvorav sexbaserte",
    "tip-etterforskede-saker-arbeid": "– hvorav arbeidsbaserte",
    "tip-etterforskede-saker-uspesifisert": "– hvorav uspesifiserte",
    "tip-tiltalte": "Tiltalte menneskehandlere (TIP)",
    "tip-domfelte": "Domfelte menneskehandlere (TIP)",
    "tip-domfelte-seksuell": "– for sexbasert menneskehandel",
    "tip-domfelte-arbeid": "– for arbeidsbasert menneskehandel",
    "tip-ngo-identifiserte-voksne": "Mulige voksne ofre identifisert av frivillige organisasjoner",
    "tip-ngo-bistatte": "Ofre bistått av frivillige organisasjoner",
    "tip-barnevern-bistatte-mindreaarige": "Mindreårige ofre bistått av barnevernet",
    "tip-refleksjonsperioder": "Innvilgede refleksjonsperioder",
    "tip-begrenset-opphold": "Innvilgede begrensede oppholdstillatelser",
    "tip-humanitaere-tillatelser": "Tillatelser av sterke menneskelige hensyn",
    "tip-beskyttelse-tillatelser": "Tillatelser på grunnlag av beskyttelsesbehov",
    "tip-erstatning-ofre": "Ofre som fikk erstatning fra menneskehandlere",
    "tip-erstatning-belop": "Erstatning i alt (kroner)",
    "udi-vedtak-utf-8-3": "UDI-vedtak etter utf. § 8-3 første og annet ledd",
    "udi-vedtak-utf-8-3-personer": "Personer med vedtak etter utf. § 8-3",
    "udi-vedtak-utf-8-3-annet-ledd": "UDI-vedtak etter utf. § 8-3 annet ledd",
    "une-klager-utf-8-3-refleksjon": "UNE-klagesaker om refleksjonsperiode",
    "une-klager-utf-8-3-begrenset": "UNE-klagesaker om begrenset oppholdstillatelse",
    "udi-asylvedtak-mulige-ofre": "UDI-asylvedtak der søkeren er identifisert som mulig offer",
    "rosa-asylsokere-krisesenter": "Asylsøkere med botilbud på krisesenter i regi av ROSA",
    "bo-oppfolging-personer-sum": "Voksne i bo- og oppfølgingstiltak (sum over tiltak)",
    "anmeldelser-fornaermet-under-18": "Anmeldelser der fornærmede var under 18 år",
    "fornaermede-under-18-i-anmeldelser": "Fornærmede under 18 år i disse anmeldelsene",
    "anmeldelser-utlandet-registrert-oslo": "Anmeldelser med gjerningssted i utlandet, registrert i Oslo",
    "anmeldelser-utlandet-registrert-finnmark": "Anmeldelser med gjerningssted i utlandet, registrert i Finnmark",
    "fellende-dommer": "Fellende dommer om menneskehandel",
    "fellende-dommer-rettskraftige": "– hvorav rettskraftige",
    "fellende-dommer-mindreaarige": "– straffesaker som omfatter mindreårige",
    "fellende-dommer-seksuell": "– straffesaker om seksuell utnyttelse",
    "fellende-dommer-arbeid": "– straffesaker om tvangsarbeid eller tvangstjenester",
    "identifiserte-ofre-bistand": "Ofre identifisert og gitt bistand (siste offisielle tall)",
}


def _e(value: object) -> str:
    return escape(str(value), quote=True)


_GROV = re.compile(r"^(\d+) \((hvorav \d+ grove?)\)$")


def _cell(value: str) -> str:
    """A cell; KOM's "7 (hvorav 1 grov)" gets its aggravated part on a second line."""
    if value == SUPPRESSED:
        return f'<td title="prikket">{SUPPRESSED}</td>'
    m = _GROV.match(value)
    if m:
        return f"<td>{m.group(1)}<br><small>({_e(m.group(2))})</small></td>"
    return f"<td>{_e(value)}</td>"


def render_table(t: ReportTable) -> str:
    kind = "Personer – konfidensialitetsbehandlet" if t.is_persons else "Registertall"
    head = "".join(f"<th scope=\"col\">{_e(c)}</th>" for c in [t.row_header, *t.column_labels])
    body = []
    last = len(t.row_labels) - 1
    for i, (label, cells) in enumerate(zip(t.row_labels, t.display, strict=True)):
        cls = ' class="total"' if i == last else ""
        tds = "".join(_cell(c) for c in cells)
        body.append(f'<tr{cls}><th scope="row">{_e(label)}</th>{tds}</tr>')
    notes = "".join(f'<p class="note">{_e(n)}</p>' for n in t.notes)
    return (
        f'<div class="tablewrap" id="{_e(t.key)}"><table><caption>{_e(t.heading)}'
        f'<span class="kind">{kind}</span></caption><thead><tr>{head}</tr></thead>'
        f'<tbody>{"".join(body)}</tbody></table>'
        f'<p class="note">{_e(t.source_note)}</p>{notes}</div>'
    )


def render_chart(chart: ch.Chart | None) -> str:
    if chart is None:
        return ""
    return (
        f'<figure id="{_e(chart.key)}"><img src="{chart.data_uri()}" alt="{_e(chart.alt)}">'
        f"<figcaption><strong>{_e(chart.title)}.</strong> {_e(chart.caption)}</figcaption></figure>"
    )


def _join(*parts: str | None) -> str:
    return "".join(p for p in parts if p)


def _section(title: str, inner: str, anchor: str | None = None) -> str:
    if not inner:
        return ""
    ident = f' id="{_e(anchor)}"' if anchor else ""
    return f"<section{ident}><h2>{_e(title)}</h2>{inner}</section>"


@dataclass(frozen=True)
class _Chapter:
    key: str  # what the summary's lines refer to (text.headlines)
    title: str
    body: str  # "" when the year has nothing for the chapter: then it is left out

    @property
    def anchor(self) -> str:
        return _anchor(self.key)


def _anchor(key: str) -> str:
    # not a table key (tables carry their key as id), so links cannot collide
    return f"kapittel-{key}"


def _numbered(chapters: Sequence[_Chapter]) -> list[tuple[int, _Chapter]]:
    """The chapters that have content, numbered 1, 2, 3, ... as they are shown: a
    number fixed per chapter would skip wherever a chapter is left out."""
    return list(enumerate((c for c in chapters if c.body), start=1))


def _para(value: str | None) -> str | None:
    return f"<p>{_e(value)}</p>" if value else None


def _tables(rel: Release, prefix: str) -> str:
    return "".join(render_table(t) for t in rel.tables if t.key.startswith(prefix))


def _key_figures(figures: Sequence[KeyFigure]) -> str | None:
    if not figures:
        return None
    rows = "".join(
        f"<dt>{_e(KEY_FIGURE_LABELS.get(k.indicator, k.indicator))} ({_e(k.period)})</dt>"
        f"<dd>{k.value:,}".replace(",", "\u00a0") + "</dd>"
        for k in figures
    )
    sources = sorted({k.source.split(":")[0] for k in figures})
    return (f'<dl class="figures">{rows}</dl><p class="note">Kilder: {_e("; ".join(sources))}.</p>')


def _dark_figure(dark: DarkFigure | None, threshold: int, persons: int | None = None,
                 chapter: int | None = None) -> str:
    """The dark-figure chapter. ``persons`` is the year's unique-person figure printed in
    chapter ``chapter``: when the estimate's known persons are another count, the section
    says what each counts instead of printing two figures for the same thing."""
    if dark is None:
        body = ("<p>Et anslag over mørketallet krever koblede registreringer av enkeltpersoner "
                "fra flere organisasjoner (en krysstabell over hvem som er registrert hvor). "
                "Datagrunnlaget for denne rapporten har ikke slike registreringer, så det gis "
                "ikke noe anslag.</p>")
    elif dark.refusal is not None:
        body = f"<p>Det ble ikke beregnet noe anslag: {_e(dark.refusal)}</p>"
    else:
        assert dark.estimate is not None and dark.observed is not None

        def whole(value: float) -> str:  # thousands apart by a no-break space, as in the tables
            return f"{value:,.0f}".replace(",", "\u00a0")

        def n(count: int) -> str:
            return whole(count) if count >= threshold else f"færre enn {threshold}"

        low = "ubegrenset" if dark.ci95_low is None else whole(dark.ci95_low)
        high = "ubegrenset" if dark.ci95_high is None else whole(dark.ci95_high)
        known = f"Registrert av minst én organisasjon: {n(dark.observed)} personer"
        if dark.pooled:
            spread = ("" if dark.observed_low == dark.observed_high or dark.observed_low is None
                      or dark.observed_high is None
                      else f", fra {n(dark.observed_low)} til {n(dark.observed_high)}")
            known += f" (median over de {dark.linkage_samples} koblingsutvalgene anslaget bygger på{spread})"
        body = (
            f'<div class="box"><p class="lead">Anslått antall ofre i alt: <strong>{whole(dark.estimate)}</strong> '
            f"(95 % intervall {low}–{high}). {_e(known)}. Lister brukt: {len(dark.lists)}.</p></div>"
        )
        gap = dark.observed_gap(persons) if persons is not None else None
        if gap is not None and persons is not None:
            where = f"i kapittel {chapter} " if chapter is not None else ""
            why = [f"Tallet på unike personer {where}({n(persons)}) teller personene i koblingens egen "
                   "gruppering, som persontabellene også bygger på."]
            if gap.samples:
                why.append("Anslaget bygger i stedet på koblingsutvalg, der koblingene er trukket på nytt "
                           "ut fra koblingssannsynlighetene, og de gir et annet antall kjente personer.")
            if gap.unlisted:
                why.append(f"{n(gap.unlisted).capitalize()} av de unike personene har ingen oppgitt "
                           "organisasjonstype og står derfor ikke på noen av listene anslaget bygger på.")
            if gap.left_out:
                why.append(f"{n(gap.left_out).capitalize()} personer står bare på en liste som modellen har "
                           "utelatt (se merknaden nedenfor), og er ikke med i anslaget.")
            body += f'<p class="note" id="kjente-personer">{_e(" ".join(why))}</p>'
        if dark.interactions:
            body += f"<p class=\"note\">Modellens samspill mellom lister: {_e(', '.join(dark.interactions))}.</p>"
        body += f'<p class="note">{_e(dark.linkage_note)}</p>'
        for w in dark.model_warnings:
            body += f'<p class="note">Merk: {_e(w)}</p>'
    return f"{body}<p class=\"note\">{_e(method_note('nb'))}</p>"


def _method(rel: Release) -> str:
    by_note: dict[str, list[ReportTable]] = {}
    for t in rel.tables:
        by_note.setdefault(t.disclosure_note, []).append(t)
    items = "".join(
        f"<li><p>{_e(note)}</p><p class=\"note\">Gjelder: "
        f"{_e('; '.join(t.heading for t in tables))}.</p></li>"
        for note, tables in by_note.items()
    )
    general = (
        "Tabeller over personer (ofre, personer i tiltak, returer, plasseringer og vedtak om "
        "enkeltpersoner) er konfidensialitetsbehandlet samlet, slik at et prikket tall heller "
        "ikke kan regnes ut ved å sammenligne tabellene. Tabeller over lovbrudd og "
        "rettsavgjørelser som registeret selv publiserer (anmeldelser fra Strasak, dommer), "
        "gjengis uendret. «:» betyr prikket, «0» betyr kjent ingen, «-» og tom celle i "
        "registertabellene betyr null slik kilden trykker det."
    )
    return f"<p>{_e(general)}</p><ul class=\"method\">{items}</ul>"


def render_html(
    rel: Release, *, source_label: str, dark: DarkFigure | None = None,
    generated: date | None = None, person_summary: pd.DataFrame | None = None,
) -> str:
    """The whole report page."""
    ds, year = rel.dataset, rel.year
    day = (generated or date.today()).isoformat()
    figures = key_figures_of(ds, year)
    later = [k for k in rel.key_figures() if k.period == str(year + 1)]
    chapters = [
        _Chapter("persons", "Unike personer", _join(_para(text.persons_paragraph(rel, person_summary)),
                                                    _tables(rel, "unike-personer"))),
        _Chapter("police", "Anmeldelser", _join(
            _para(text.police_paragraph(rel)), render_chart(ch.reports_by_form(ds, year)),
            _tables(rel, "tabell-2"), _tables(rel, "tabell-3"), render_chart(ch.reports_by_district(ds, year)),
            _tables(rel, "tabell-4"))),
        _Chapter("decisions", "Vedtak om opphold (UDI og UNE)",
                 _join(_para(text.decisions_paragraph(rel)), _tables(rel, "kap-3-"))),
        _Chapter("returns", "Assistert retur", _join(_para(text.returns_paragraph(rel)), _tables(rel, "kap-4-2"))),
        _Chapter("placements", "Barnevern", _join(
            _para(text.placements_paragraph(rel)), render_chart(ch.placements_by_year(ds, year, rel.rule)),
            _tables(rel, "tabell-1"))),
        _Chapter("measures", "Voksne i bo- og oppfølgingstiltak", _join(
            _para(text.measures_paragraph(rel)), render_chart(ch.measure_persons_by_year(ds, year, rel.rule)),
            _tables(rel, "kap-7-3"))),
        _Chapter("judgments", "Rettsavgjørelser", _join(_para(text.judgments_paragraph(rel)), _tables(rel, "kap-8-4"))),
        _Chapter("key-figures", "Andre publiserte nøkkeltall", _join(
            _key_figures(figures),
            (f"<h3>Tall for {year + 1}</h3>" + (_key_figures(later) or "")) if later else None)),
        _Chapter("dark-figure", "Mørketall", ""),  # written below: it refers to the persons' number
    ]
    number = {c.key: i for i, c in _numbered(chapters)}
    persons = text.persons_figure(rel, person_summary)
    chapters[-1] = replace(chapters[-1], body=_dark_figure(
        dark, rel.rule.threshold or 3, persons, number.get("persons") if persons is not None else None))
    shown = _numbered(chapters)
    number = {c.key: i for i, c in shown}
    # The summary gives each chapter's key figure and points to the chapter by number:
    # it used to print the whole unique-persons paragraph and each chapter's first
    # sentence, which the chapters then printed again.
    lines = "".join(
        f'<li>{_e(line)} (se <a href="#{_e(_anchor(key))}">kapittel {number[key]}</a>)</li>'
        for key, line in text.headlines(rel, person_summary) if key in number
    )
    sections = [
        _section("Sammendrag", f"<ul>{lines}</ul>" if lines else ""),
        *(_section(f"{i} {c.title}", c.body, c.anchor) for i, c in shown),
        _section("Metode og konfidensialitet", _method(rel)),
    ]
    return (
        "<!DOCTYPE html>\n<html lang=\"nb\"><head><meta charset=\"utf-8\">"
        f"<title>Menneskehandel i Norge {year} – statistikk</title>"
        f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>{CSS}</style></head>"
        f"<body><header><h1>Menneskehandel i Norge {year}</h1>"
        f"<p class=\"sub\">Årlig statistikkrapport laget med Henvis · Datagrunnlag: {_e(source_label)} · "
        f"Laget {day}</p></header>{''.join(s for s in sections if s)}</body></html>\n"
    )
