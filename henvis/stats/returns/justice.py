"""The justice-statistics input of the returns: suspected, prosecuted and convicted
persons with their breakdowns, as the prosecution and court statistics publish them.

Receivers (Eurostat, UNODC) ask for persons in the criminal justice system by stage,
sex, age, citizenship and form of exploitation. Henvis does not take those figures from
a receiver's own report (the US TIP report's text is the receiver's, not a source); it
reads them from this documented file, ``justice.csv``, one row per published cell, a
margin written with ``total``:

=============  ======================================================================
column         values
=============  ======================================================================
year           the year of the stage (registration, indictment, final judgment)
stage          suspected, prosecuted, convicted
sex            F, M, unknown, total
age            adult, child, unknown, total
citizenship    reporting_country, other_eu, non_eu, stateless, unknown, total
form           sexual, forced_labour, other, multiple, unknown, total
persons        whole number >= 0
source         the publication (table, page) the figure comes from
=============  ======================================================================

>>> rows = parse_justice("year,stage,sex,age,citizenship,form,persons,source\\n"
...                      "2021,convicted,total,total,total,total,12,court statistics table 3\\n")
>>> rows[0].persons, rows[0].stage
(12, 'convicted')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from henvis.stats.registry.formats import Column, Kind, RegistryFormat
from henvis.stats.registry.parse import parse_csv

STAGES = ("suspected", "prosecuted", "convicted")


@dataclass(frozen=True)
class JusticeCount:
    year: int
    stage: str
    sex: str
    age: str
    citizenship: str
    form: str
    persons: int
    source: str

    @property
    def is_total(self) -> bool:
        return self.sex == self.age == self.citizenship == self.form == "total"


JUSTICE = RegistryFormat(
    name="justice",
    filename="justice.csv",
    title_nb="Mistenkte, tiltalte og domfelte personer (påtale- og rettsstatistikk)",
    title_en="Suspected, prosecuted and convicted persons (prosecution and court statistics)",
    columns=(
        Column("year", Kind.YEAR, "År", "Year"),
        Column("stage", Kind.CHOICE, "Ledd", "Stage", STAGES),
        Column("sex", Kind.CHOICE, "Kjønn", "Sex", ("F", "M", "unknown", "total")),
        Column("age", Kind.CHOICE, "Alder", "Age", ("adult", "child", "unknown", "total")),
        Column("citizenship", Kind.CHOICE, "Statsborgerskap (gruppe)", "Citizenship (group)",
               ("reporting_country", "other_eu", "non_eu", "stateless", "unknown", "total")),
        Column("form", Kind.CHOICE, "Utnyttingsform", "Form of exploitation",
               ("sexual", "forced_labour", "other", "multiple", "unknown", "total")),
        Column("persons", Kind.COUNT, "Personer", "Persons"),
        Column("source", Kind.TEXT, "Kilde: publikasjon og tabell/side", "Source: publication and table/page"),
    ),
    key=("year", "stage", "sex", "age", "citizenship", "form"),
    record=JusticeCount,
)


def parse_justice(text: str, filename: str = "justice.csv") -> list[JusticeCount]:
    """All rows, or ``RegistryValidationError`` naming every bad row."""
    return list(parse_csv(text, JUSTICE, filename=filename))


def load_justice(path: Path | str) -> list[JusticeCount]:
    return parse_justice(Path(path).read_text(encoding="utf-8"), Path(path).name)


def justice_figures(rows: Sequence[JusticeCount], year: int) -> list[dict[str, str]]:
    """The returns' figures of the year: each stage's total (``eurostat_<stage>_persons``)
    and every breakdown row, kind "justice", with its source; a stage the input does not
    give is "not-available" with the reason."""
    out: list[dict[str, str]] = []
    for stage in STAGES:
        of_stage = [r for r in rows if r.year == year and r.stage == stage]
        if not of_stage:
            out.append({"indicator": f"eurostat_{stage}_persons", "value": "", "unit": "persons",
                        "kind": "not-available",
                        "source": "ingen påtale- eller rettsstatistikk for året er lest inn (justice.csv) / "
                                  "no prosecution or court statistics for the year were imported (justice.csv)"})
            continue
        for r in sorted(of_stage, key=lambda r: (not r.is_total, r.sex, r.age, r.citizenship, r.form)):
            name = f"eurostat_{stage}_persons" + ("" if r.is_total else f"|sex={r.sex}|age={r.age}|citizenship={r.citizenship}|form={r.form}")
            out.append({"indicator": name, "value": str(r.persons), "unit": "persons", "kind": "justice",
                        "source": r.source})
    return out
