"""The registry CSV formats: one declarative spec per file and the typed record it yields.

Each format is a UTF-8 CSV file with a header row. Columns may come in any order; every
column of the spec must be present and no other column is allowed (a typo in a header
is an error, not a silently ignored column). Each spec is documented in
``docs/statistics.md`` (generated from these specs, so code and documentation agree).

>>> POLICE_REPORTS.filename
'police_reports.csv'
>>> [c.name for c in POLICE_REPORTS.columns][:3]
['year', 'breakdown', 'police_district']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from henvis.stats.registry import code_lists as v


class Kind(Enum):
    """How a cell is read."""

    YEAR = "year"  # four digits, 1990-2100
    PERIOD = "period"  # a year or a span "2003-2020"
    COUNT = "count"  # whole number >= 0
    CHOICE = "choice"  # one code from a list
    CHOICES = "choices"  # one or more codes separated by ";"
    FLAG = "flag"  # ja / nei
    FLAG_OR_UNKNOWN = "flag?"  # ja / nei / ukjent
    TEXT = "text"  # free text (a citation or a label), never about a person


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    nb: str  # meaning, Norwegian
    en: str  # meaning, English
    choices: tuple[str, ...] = ()
    required: bool = True  # an empty cell is an error


@dataclass(frozen=True)
class RegistryFormat:
    """One CSV format: its file name, columns, and the columns that identify a row."""

    name: str
    filename: str
    title_nb: str
    title_en: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # no two rows may share these values
    record: type[Any] = field(repr=False)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _codes(vocab: Mapping[str, object]) -> tuple[str, ...]:
    return tuple(vocab)


_SOURCE = Column(
    "source", Kind.TEXT,
    "Kilde: dokument og side/avsnitt tallet er hentet fra",
    "Source: document and page/section the figure comes from",
)


# --- police reports (Strasak) -------------------------------------------------------
CROSS = "distrikt-form"  # a true district x form cell
BY_FORM = "form"  # a margin: district not given ("")
BY_DISTRICT = "distrikt"  # a margin: form not given ("")


@dataclass(frozen=True)
class PoliceReportCount:
    """Reports of one year, published as a district x form cell (``breakdown`` = ``distrikt-form``)
    or as a one-way margin, where the dimension the source does not break down is ``""``."""

    year: int
    police_district: str
    exploitation_form: str
    grov: bool
    reports: int
    source: str
    breakdown: str = CROSS


POLICE_REPORTS = RegistryFormat(
    name="police_reports",
    filename="police_reports.csv",
    title_nb="Anmeldelser (Strasak) etter år, politidistrikt og/eller utnyttingsform, og grov",
    title_en="Police reports (Strasak) by year, police district and/or exploitation form, and aggravation",
    columns=(
        Column("year", Kind.YEAR, "Anmeldelsesår", "Year the report was registered"),
        Column("breakdown", Kind.CHOICE,
               "Publisert fordeling: krysstabell (distrikt-form) eller én marginal (form, distrikt)",
               "Published breakdown: cross-tabulation (distrikt-form) or one margin (form, distrikt)",
               _codes(v.POLICE_BREAKDOWNS)),
        Column("police_district", Kind.CHOICE,
               "Politidistrikt (utlandet = gjerningssted i utlandet); tom når breakdown er form",
               "Police district (utlandet = offence committed abroad); empty when breakdown is form",
               _codes(v.POLICE_DISTRICTS), required=False),
        Column("exploitation_form", Kind.CHOICE,
               "Utnyttingsform (Strasak-gruppe); tom når breakdown er distrikt",
               "Exploitation form (Strasak group); empty when breakdown is distrikt",
               _codes(v.REPORT_FORMS), required=False),
        Column("grov", Kind.FLAG, "Grov menneskehandel (straffeloven § 258)",
               "Aggravated trafficking (Penal Code s. 258)"),
        Column("reports", Kind.COUNT, "Antall anmeldelser", "Number of reports"),
        _SOURCE,
    ),
    key=("year", "breakdown", "police_district", "exploitation_form", "grov"),
    record=PoliceReportCount,
)


# --- UDI/UNE decisions --------------------------------------------------------------
@dataclass(frozen=True)
class DecisionCount:
    year: int
    authority: str
    decision_type: str
    instance: str
    legal_basis: str
    outcome: str
    refusal_reason: str
    decisions: int
    source: str


DECISIONS = RegistryFormat(
    name="decisions",
    filename="decisions.csv",
    title_nb="Vedtak fra UDI og UNE etter type, utfall og avslagsgrunn",
    title_en="UDI and UNE decisions by type, outcome and refusal reason",
    columns=(
        Column("year", Kind.YEAR, "Vedtaksår", "Year of decision"),
        Column("authority", Kind.CHOICE, "Myndighet", "Authority", ("UDI", "UNE")),
        Column("decision_type", Kind.CHOICE, "Vedtakstype", "Type of decision",
               _codes(v.DECISION_TYPES)),
        Column("instance", Kind.CHOICE, "Førstegang, fornyelse eller klage (tom = ikke oppgitt)",
               "First decision, renewal or appeal (empty = not stated)", _codes(v.INSTANCES),
               required=False),
        Column("legal_basis", Kind.TEXT, "Hjemmel for vedtaket når den skiller utfall (f.eks. «utl. § 28 første ledd a»)",
               "Legal basis where it distinguishes outcomes (e.g. 'utl. § 28 første ledd a')",
               required=False),
        Column("outcome", Kind.CHOICE, "Utfall", "Outcome", _codes(v.OUTCOMES)),
        Column("refusal_reason", Kind.CHOICE, "Avslagsgrunn (tom ved innvilgelse)",
               "Refusal reason (empty when granted)", _codes(v.REFUSAL_REASONS), required=False),
        Column("decisions", Kind.COUNT, "Antall vedtak", "Number of decisions"),
        _SOURCE,
    ),
    key=("year", "authority", "decision_type", "instance", "legal_basis", "outcome", "refusal_reason"),
    record=DecisionCount,
)


# --- child welfare placements (fylkesnemnd, Bufetat) --------------------------------
@dataclass(frozen=True)
class PlacementCount:
    year: int
    authority: str
    legal_basis: str
    cases: int
    estimate: bool
    source: str


PLACEMENTS = RegistryFormat(
    name="placements",
    filename="placements.csv",
    title_nb="Barnevernssaker og plasseringer (fylkesnemnd, Bufetat)",
    title_en="Child welfare cases and placements (county boards, Bufetat)",
    columns=(
        Column("year", Kind.YEAR, "År", "Year"),
        Column("authority", Kind.CHOICE, "Instans", "Body", ("fylkesnemnd", "bufetat")),
        Column("legal_basis", Kind.TEXT, "Hjemmel, f.eks. «bvl § 4-29»",
               "Legal basis, e.g. 'bvl § 4-29'"),
        Column("cases", Kind.COUNT, "Antall saker", "Number of cases"),
        Column("estimate", Kind.FLAG, "Tallet er et estimat", "The figure is an estimate"),
        _SOURCE,
    ),
    key=("year", "authority", "legal_basis"),
    record=PlacementCount,
)


# --- assisted returns (UDI/IOM) -----------------------------------------------------
@dataclass(frozen=True)
class ReturnCount:
    year: int
    stage: str
    dimension: str
    category: str
    persons: int
    source: str


RETURNS = RegistryFormat(
    name="returns",
    filename="returns.csv",
    title_nb="Assisterte returner (UDI/IOM) etter trinn og fordeling",
    title_en="Assisted returns (UDI/IOM) by stage and breakdown",
    columns=(
        Column("year", Kind.YEAR, "År", "Year"),
        Column("stage", Kind.CHOICE, "Trinn", "Stage", _codes(v.RETURN_STAGES)),
        Column("dimension", Kind.CHOICE, "Fordeling (total, kjonn, region, utnyttingsform)",
               "Breakdown (total, sex, region, form)", ("total", "kjonn", "region", "utnyttingsform")),
        Column("category", Kind.TEXT, "Kategori innen fordelingen (kode fra kodelisten)",
               "Category within the breakdown (a code from the code list)"),
        Column("persons", Kind.COUNT, "Antall personer", "Number of persons"),
        _SOURCE,
    ),
    key=("year", "stage", "dimension", "category"),
    record=ReturnCount,
)


# --- persons in housing and follow-up measures (KOM ch. 7.3) -----------------------
@dataclass(frozen=True)
class MeasurePersonCount:
    year: int
    measure_group: str
    dimension: str
    category: str
    persons: int
    source: str


MEASURE_PERSONS = RegistryFormat(
    name="measure_persons",
    filename="measure_persons.csv",
    title_nb="Personer i bo- og oppfølgingstiltak etter tiltaksgruppe og fordeling",
    title_en="Persons in housing and follow-up measures by group of measures and breakdown",
    columns=(
        Column("year", Kind.YEAR, "År", "Year"),
        Column("measure_group", Kind.CHOICE, "Tiltaksgruppe", "Group of measures",
               _codes(v.MEASURE_GROUPS)),
        Column("dimension", Kind.CHOICE, "Fordeling", "Breakdown", _codes(v.BREAKDOWN_DIMENSIONS)),
        Column("category", Kind.TEXT, "Kategori innen fordelingen (kode fra kodelisten)",
               "Category within the breakdown (a code from the code list)"),
        Column("persons", Kind.COUNT, "Antall personer rapportert", "Number of persons reported"),
        _SOURCE,
    ),
    key=("year", "measure_group", "dimension", "category"),
    record=MeasurePersonCount,
)


# --- judgments ----------------------------------------------------------------------
@dataclass(frozen=True)
class JudgmentCount:
    year: int
    court: str
    outcome: str
    exploitation_forms: tuple[str, ...]
    minor_victims: bool | None
    final: bool | None
    judgments: int
    source: str


JUDGMENTS = RegistryFormat(
    name="judgments",
    filename="judgments.csv",
    title_nb="Rettsavgjørelser i straffesaker om menneskehandel",
    title_en="Court decisions in criminal cases of trafficking",
    columns=(
        Column("year", Kind.YEAR, "År for avgjørelsen", "Year of the decision"),
        Column("court", Kind.CHOICE, "Rett", "Court", _codes(v.COURTS)),
        Column("outcome", Kind.CHOICE, "Utfall", "Outcome", _codes(v.JUDGMENT_OUTCOMES)),
        Column("exploitation_forms", Kind.CHOICES, "Utnyttingsformer, skilt med «;»",
               "Exploitation forms, separated by ';'", _codes(v.JUDGMENT_FORMS)),
        Column("minor_victims", Kind.FLAG_OR_UNKNOWN, "Fornærmede under 18 år (ja/nei/ukjent)",
               "Victims under 18 (ja/nei/ukjent)"),
        Column("final", Kind.FLAG_OR_UNKNOWN, "Rettskraftig (ja/nei/ukjent)",
               "Final (ja/nei/ukjent)"),
        Column("judgments", Kind.COUNT, "Antall avgjørelser", "Number of decisions"),
        _SOURCE,
    ),
    key=("year", "court", "outcome", "exploitation_forms", "minor_victims", "final"),
    record=JudgmentCount,
)


# --- single published figures -------------------------------------------------------
@dataclass(frozen=True)
class KeyFigure:
    period: str
    indicator: str
    value: int
    unit: str
    source: str


KEY_FIGURES = RegistryFormat(
    name="key_figures",
    filename="key_figures.csv",
    title_nb="Enkelttall (nøkkeltall publisert uten underliggende tabell)",
    title_en="Single figures (key figures published without an underlying table)",
    columns=(
        Column("period", Kind.PERIOD, "År eller periode («2003-2020»)", "Year or span ('2003-2020')"),
        Column("indicator", Kind.TEXT, "Indikator (kode, se docs/statistics.md)",
               "Indicator (code, see docs/statistics.md)"),
        Column("value", Kind.COUNT, "Verdi", "Value"),
        Column("unit", Kind.TEXT, "Enhet (personer, saker, vedtak, kroner ...)",
               "Unit (persons, cases, decisions, NOK ...)"),
        _SOURCE,
    ),
    key=("period", "indicator"),
    record=KeyFigure,
)


FORMATS: tuple[RegistryFormat, ...] = (
    POLICE_REPORTS, DECISIONS, PLACEMENTS, RETURNS, MEASURE_PERSONS, JUDGMENTS, KEY_FIGURES,
)
FORMATS_BY_FILENAME: dict[str, RegistryFormat] = {f.filename: f for f in FORMATS}

# Code lists for the free "category" columns, per dimension.
CATEGORY_CODES: dict[str, tuple[str, ...]] = {
    dim: tuple(codes) for dim, codes in v.BREAKDOWN_DIMENSIONS.items()
}
