"""The person tables of the returns, and small helpers to build count tables
(categories, totals last) from person facts."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from henvis.stats.receivers.groups import (
    CITIZENSHIP_GROUPS,
    FORM_GROUPS,
    GLOTIP_FORMS,
    citizenship_group,
    eurostat_geo,
    form_group,
    glotip_form,
    glotip_group,
)

TOTAL = "Total"
SEXES = ("F", "M", "unknown")
AGES = ("adult", "child", "unknown")
GLOTIP = ("women", "men", "girls", "boys", "unknown")


def returns_sex(sex: str) -> str:
    return sex if sex in ("F", "M") else "unknown"


def returns_age(child: str) -> str:
    return child if child in ("adult", "child") else "unknown"


def crosstab(facts: pd.DataFrame, rows: str, cols: str, row_order: Sequence[str],
             col_order: Sequence[str], *, total: int | None = None) -> pd.DataFrame:
    """Persons by ``rows`` x ``cols``; ``facts`` may hold several rows per person when a
    dimension is multi-valued, then pass ``total`` (the persons) for the grand total and
    the margins are counted as distinct persons."""
    wide = pd.crosstab(facts[rows], facts[cols]).reindex(index=list(row_order), columns=list(col_order), fill_value=0)
    wide[TOTAL] = facts.drop_duplicates(["person", rows]).groupby(rows).size().reindex(list(row_order), fill_value=0)
    bottom = facts.drop_duplicates(["person", cols]).groupby(cols).size().reindex(list(col_order), fill_value=0)
    grand = int(facts["person"].nunique()) if total is None else total
    wide.loc[TOTAL] = [*bottom.tolist(), grand]
    wide.index.name, wide.columns.name = rows, cols
    return wide.astype("int64")


def one_way(facts: pd.DataFrame, column: str, order: Sequence[str], name: str = "persons") -> pd.DataFrame:
    counts = facts.drop_duplicates(["person", column]).groupby(column).size().reindex(list(order), fill_value=0)
    frame = counts.to_frame(name)
    frame.loc[TOTAL] = int(facts["person"].nunique())
    frame.index.name = column
    return frame.astype("int64")


def victim_tables(facts: pd.DataFrame, reporting_country: str = "NO") -> dict[str, pd.DataFrame]:
    """The unprotected person tables of the returns (one release)."""
    if facts.empty:
        return {}
    f = facts.assign(
        sex=facts["sex"].map(returns_sex),
        age_group=facts["child"].map(returns_age),
        citizenship_group=facts["citizenship"].map(lambda c: citizenship_group(str(c), reporting_country)),
        glotip=[glotip_group(returns_sex(str(s)), str(c)) for s, c in zip(facts["sex"], facts["child"], strict=True)],
    )
    persons = len(f)
    # one per person: the receivers' group, and GLOTIP's column
    forms = f.assign(form_group=f["exploitation_forms"].map(form_group),
                     glotip_form=f["exploitation_forms"].map(glotip_form))
    kinds = f.assign(organisation=f["organisation_kinds"].str.split(";")).explode("organisation")
    organisations = sorted(kinds["organisation"].unique())
    countries = f.assign(country=f["citizenship"].map(eurostat_geo))
    codes = sorted(set(countries["country"]) - {"STLS", "UNK"}) + ["STLS", "UNK"]
    return {
        "eurostat-victims-country": one_way(countries, "country", codes),
        "eurostat-victims-sex-age": crosstab(f, "sex", "age_group", SEXES, AGES),
        "eurostat-victims-citizenship": crosstab(f, "citizenship_group", "sex", CITIZENSHIP_GROUPS, SEXES),
        "eurostat-victims-form": crosstab(forms, "form_group", "sex", FORM_GROUPS, SEXES),
        "eurostat-victims-organisation": crosstab(kinds, "organisation", "sex", organisations, SEXES, total=persons),
        "glotip-victims": crosstab(forms, "glotip", "glotip_form", GLOTIP, GLOTIP_FORMS),
    }
