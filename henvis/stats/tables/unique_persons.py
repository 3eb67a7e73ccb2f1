"""Unique-person tables (from ``henvis.stats.persons``: linked registrations counted as
persons) as typed report tables with Norwegian labels.

``henvis.stats.persons.person_tables`` gives DataFrames with codes ("F", "eastern_europe",
"police_district") and a "Total" row; here they get the report's labels and their place
in the release, where they are protected together with the other tables of persons.

>>> import pandas as pd
>>> frame = pd.DataFrame({"persons": [5, 4, 9]}, index=pd.Index(["F", "M", "Total"], name="sex"))
>>> t = unique_person_tables({"sex": frame}, 2020)[0]
>>> t.row_labels, t.values[-1]
(('Kvinner', 'Menn', 'Totalt'), (9,))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from pathlib import Path

import pandas as pd
import yaml

from henvis.stats.disclosure import ProtectedTable
from henvis.stats.tables.report_table import Matrix, ReportTable, TableKind, plain_display

SOURCE = (
    "Kilde: pseudonymiserte uttrekk fra organisasjonene, koblet til personer uten navn "
    "(Henvis-kobling). Hver person telles én gang uansett hvor mange organisasjoner som "
    "har registrert vedkommende."
)

LABELS: dict[str, str] = {
    "F": "Kvinner", "M": "Menn", "X": "Annet", "unknown": "Ukjent",
    "adult": "Voksne", "child": "Barn (under 18)",
    "eastern_europe": "Øst-Europa", "western_europe": "Vest-Europa", "africa": "Afrika",
    "asia": "Asia", "south_america": "Sør-Amerika", "middle_east": "Midtøsten",
    "north_america": "Nord-Amerika", "oceania": "Oseania", "norway": "Norge",
    "prostitution": "Prostitusjon", "other_sexual": "Annen seksuell utnyttelse",
    "forced_labour": "Tvangsarbeid", "forced_criminality": "Tvangskriminalitet",
    "begging": "Tigging", "organ_removal": "Organhøsting", "unclear": "Uavklart",
    "ngo": "Frivillig organisasjon", "police_district": "Politidistrikt",
    "police_national": "Nasjonal politienhet", "immigration": "Utlendingsforvaltningen",
    "welfare": "NAV/sosialtjeneste", "health": "Helsetjeneste", "labour": "Arbeidstilsynet",
    "child_welfare_municipal": "Kommunalt barnevern", "child_welfare_state": "Bufetat",
    "international": "Internasjonal organisasjon", "victim_support": "Støttesenter",
    "1": "1 organisasjon", "2": "2 organisasjoner", "3+": "3 eller flere",
}

TITLES: dict[str, tuple[str, str, str]] = {
    # table name -> (title, row header, dimension)
    "sex-child": ("Unike personer registrert i {year} etter kjønn og alder", "Kjønn", "kjonn"),
    "sex": ("Unike personer registrert i {year} etter kjønn", "Kjønn", "kjonn"),
    "region": ("Unike personer registrert i {year} etter opprinnelsesregion", "Region", "region"),
    "citizenship": ("Unike personer registrert i {year} etter statsborgerskap", "Statsborgerskap", "statsborgerskap"),
    "exploitation_form": ("Unike personer registrert i {year} etter utnyttingsform (en person kan ha flere)",
                          "Utnyttingsform", "utnyttingsform-person"),
    "organisation_kind": ("Unike personer registrert i {year} etter type registrerende organisasjon "
                          "(en person kan være registrert av flere)", "Organisasjonstype", "organisasjonstype"),
    "organisations-per-person": ("Unike personer i {year} etter hvor mange organisasjoner som "
                                 "registrerte dem", "Registrert av", "organisasjoner-per-person"),
}
TOTAL = "Total"


def _matrix(frame: pd.DataFrame) -> Matrix:
    return tuple(tuple(None if pd.isna(v) else int(v) for v in row) for row in frame.itertuples(index=False))


@cache
def country_names() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> the country's name in Bokmål (tools/country_names.py
    writes the file from django-countries, the list the web pages use)."""
    data = yaml.safe_load((Path(__file__).with_name("data") / "country_names.yaml").read_text(encoding="utf-8"))
    return {code: names["nb"] for code, names in data.items()}


def _label(code: object, *, country: bool = False) -> str:
    text = str(code)
    if country and text in country_names():
        return country_names()[text]
    return LABELS.get(text, text)


def unique_person_tables(frames: Mapping[str, pd.DataFrame], year: int,
                         protected: Mapping[str, ProtectedTable] | None = None) -> list[ReportTable]:
    """ReportTables from ``henvis.stats.persons.person_tables(stats, year)``; with
    ``protected`` (the year release's tables of the same names) the cells are the
    protected ones and the report does not protect them again."""
    out: list[ReportTable] = []
    for name, frame in frames.items():
        title, header, dimension = TITLES.get(name, (f"Unike personer {{year}}: {name}", name, name))
        body = frame.drop(index=TOTAL, errors="ignore")
        two_way = frame.shape[1] > 1
        columns = [c for c in frame.columns if c != TOTAL] if two_way else list(frame.columns)
        values = body[columns].astype("int64").to_numpy().tolist()
        table = ReportTable.build(
            key=f"unike-personer-{year}-{name}", number="", title=title.format(year=year),
            source_note=SOURCE, kind=TableKind.PERSONS, row_dimension=dimension, row_header=header,
            row_labels=[_label(i, country=name == "citizenship") for i in body.index],
            column_dimension=str(frame.columns.name) if two_way else None,
            column_labels=[_label(c) if two_way else "Personer" for c in columns], values=values,
        )
        # Forms and organisation kinds are multi-valued: the published total is the number
        # of persons, not the sum of the rows.
        if TOTAL in frame.index and not two_way:
            total = int(frame.loc[TOTAL].iloc[0])
            rows = list(table.values[:-1]) + [(total,)]
            table = table.with_cells(tuple(rows), tuple(tuple(str(v) for v in r) for r in rows), "")
        if protected is not None:
            cells = _matrix(protected[name].values)
            table = replace(table.with_cells(cells, plain_display(cells), protected[name].method_note("nb")),
                            protected=True)
        out.append(table)
    return out
