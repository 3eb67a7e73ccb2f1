"""Every table of persons that any output publishes for one year, protected once.

The figures page, the yearly report, the international returns and the CSV outputs
all show tables of the same linked persons. Protected one output at a time, each
output hides a different set of cells, and a reader holding two of them subtracts:
the page's women minus the report's adult women is the girls the report hid. So all
of a year's tables are protected here, as one release, and every output takes its
cells from this one result.

Tables of one release are tied by more than shared margins, and the attacker knows
how each table is defined, so the ties are declared as relations (see
``henvis.stats.disclosure.Relation``):

* the returns' sex by age table is the page's sex by child table, with codes other
  than F and M counted as unknown;
* a GLOTIP row (women, men, girls, boys, unknown) is a sum of sex by age cells;
* a citizenship group is the sum of its countries on the page, and so is a country of
  the returns (Eurostat's code); a region is the sum of its countries where every
  country of the year's persons lies in one region;
* each person is in one form group (``receivers.groups.form_group``): a group counts at
  most the sum of its forms on the page, each page form at most its group plus
  "multiple", and "unknown" at most the page's "unknown" plus "unclear";
* the organisation table's rows are the page's organisation kinds;
* every person has at least one form group and one organisation kind, so a total is
  at most the sum of a multi-valued table's categories;
* latent cells, persons by sex, age and form class (GLOTIP's column and the receivers'
  group, one per person), tie the returns' form by sex table to the GLOTIP table cell by
  cell.

>>> from henvis.stats.persons.statistics import unique_persons, validate_extract
>>> import pandas as pd
>>> e = validate_extract(pd.DataFrame({"record_id": list("abcd"), "source": ["x", "y", "y", "y"],
...                                    "year": ["2020"] * 4, "sex": ["F", "F", "M", "M"]}))
>>> c = pd.DataFrame({"record_id": list("abcd"), "source": ["x", "y", "y", "y"],
...                   "person_id": ["1", "1", "2", "3"], "match_probability": [1] * 4})
>>> r = year_release(unique_persons(e, c, samples=0), 2020)
>>> r.page["sex-child"].display().loc["Total", "Total"], sorted(r.returns)[0]
('3', 'eurostat-victims-citizenship')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from henvis.stats.disclosure import (
    Cell,
    DisclosureError,
    DisclosureRule,
    ProtectedTable,
    Relation,
    protect_release,
)
from henvis.stats.disclosure.rounding import NoControlledRounding, round_release
from henvis.stats.persons.person_tables import TOTAL, person_tables
from henvis.stats.persons.statistics import PersonStatistics
from henvis.stats.receivers.groups import (
    FORM_CLASSES,
    GLOTIP_FORMS,
    GROUP_FORMS,
    citizenship_group,
    eurostat_geo,
    form_class,
    glotip_group,
)
from henvis.stats.receivers.victim_tables import (
    AGES,
    GLOTIP,
    SEXES,
    returns_age,
    returns_sex,
    victim_tables,
)

SEX_AGE = "eurostat-victims-sex-age"
COUNTRY = "eurostat-victims-country"
CITIZENSHIP = "eurostat-victims-citizenship"
FORM = "eurostat-victims-form"
ORGANISATION = "eurostat-victims-organisation"
GLOTIP_TABLE = "glotip-victims"
LATENT_FORMS = "~sex-age-form-group"  # never released
# A year with more persons than this never has a total by sex or by age hidden (issue
# #21): with fewer, every figure is close to the threshold and suppression decides.
HANDFUL = 10


@dataclass(frozen=True)
class YearRelease:
    """``page``: the person tables of the figures page, the report and the CSV output;
    ``returns``: the person tables of the international returns. Protected together."""

    year: int
    rule: DisclosureRule
    page: dict[str, ProtectedTable]
    returns: dict[str, ProtectedTable]
    raw_page: dict[str, pd.DataFrame]
    # "suppression", "rounding" (the release rounded as one system, because suppression
    # would have hidden a headline total) or "suppression with totals hidden" (neither
    # method could keep them: only when no controlled rounding of the release exists)
    method: str = "suppression"

    @property
    def tables(self) -> dict[str, ProtectedTable]:
        return {**self.page, **self.returns}


def year_release(stats: PersonStatistics, year: int, rule: DisclosureRule | None = None,
                 reporting_country: str = "NO") -> YearRelease:
    rule = rule if rule is not None else DisclosureRule()
    page = person_tables(stats, year)
    facts = stats.person_facts(year)
    returns = victim_tables(facts, reporting_country)
    relations, latent = year_relations(page, returns, facts, reporting_country)
    tables = {**page, **returns}
    keep = headline_cells(tables) if len(facts) > HANDFUL else set()
    method = "suppression"
    try:
        protected = protect_release(tables, rule, relations=relations, latent=latent, keep=keep)
    except DisclosureError:
        if not keep or not rule.suppresses:
            raise
        try:
            protected = _rounded_release(tables, rule, relations, latent)
            method = "rounding"
        except NoControlledRounding:
            protected = protect_release(tables, rule, relations=relations, latent=latent)
            method = "suppression with totals hidden"
    return YearRelease(year, rule, {n: protected[n] for n in page}, {n: protected[n] for n in returns}, page, method)


def headline_cells(tables: dict[str, pd.DataFrame]) -> set[Cell]:
    """The headline counts: never chosen to protect another cell (one that is small
    itself is still hidden).

    * every table's grand total;
    * the totals by sex: the sex margins of every table by sex;
    * the totals by age: the age margins of the sex by age tables;
    * women, men, girls and boys (F and M by adult and child in the sex by age tables,
      GLOTIP's rows) when the group has more than a handful of persons (``HANDFUL``).

    The last are why a year with 1 or 2 children of unknown sex is rounded rather
    than suppressed: with the totals by age kept, the children of unknown sex are the
    children less the girls and the boys, so any set of cells that hides them holds a
    girls or boys cell and the women or men cell of the same sex (no person has an
    unknown age in these data). Suppression chose the cheapest, men and boys; keeping
    them leaves no suppression, and ``year_release`` rounds the year instead."""
    keep: set[Cell] = set()
    for name, frame in tables.items():
        rows = [str(r) for r in frame.index]
        cols = [str(c) for c in frame.columns]
        if rows[-1] == TOTAL and cols[-1] in (TOTAL, "persons"):
            keep.add(Cell(name, TOTAL, cols[-1]))
        if name in ("sex-child", SEX_AGE):
            keep |= {Cell(name, r, TOTAL) for r in rows} | {Cell(name, TOTAL, c) for c in cols}
            keep |= {Cell(name, str(r), str(c)) for r in ("F", "M") for c in ("adult", "child")
                     if r in frame.index and c in frame.columns and int(frame.at[r, c]) > HANDFUL}
        elif name == GLOTIP_TABLE:
            keep |= {Cell(name, g, TOTAL) for g in ("women", "men", "girls", "boys")
                     if g in frame.index and int(frame.at[g, TOTAL]) > HANDFUL}
        elif frame.columns.name == "sex":
            keep |= {Cell(name, TOTAL, c) for c in cols}
    return keep


def _rounded_release(tables: dict[str, pd.DataFrame], rule: DisclosureRule, relations: list[Relation],
                     latent: dict[Cell, int]) -> dict[str, ProtectedTable]:
    """Controlled rounding of the whole release to base 3 (the threshold, at least 3):
    every figure is shown, none exactly (a shown r is r - 2 .. r + 2). Weaker than
    suppression for a small count in one respect: a 1 shown as 3 tells that the count is
    not 0 (docs/disclosure-control.md)."""
    base = max(3, rule.threshold)
    rounded = round_release(tables, base, relations=relations, latent=latent)
    applied = DisclosureRule.rounding(base)
    return {
        name: ProtectedTable(name, frame.astype("Int64"),
                             pd.DataFrame("rounded", index=frame.index, columns=frame.columns), applied)
        for name, frame in rounded.items()
    }


def year_relations(page: dict[str, pd.DataFrame], returns: dict[str, pd.DataFrame], facts: pd.DataFrame,
                   reporting_country: str = "NO") -> tuple[list[Relation], dict[Cell, int]]:
    """The relations between the tables of one year, and the latent cells they name."""
    if not returns:
        return [], {}
    out: list[Relation] = []
    latent = _latent_sex_age_form(facts)
    out += _sex_age(page)
    out += _glotip_rows()
    out += _glotip_and_form_cells()
    out += _sex_margins(returns)
    out += _citizenship(page, facts, reporting_country, COUNTRY in returns)
    out += _forms(page)
    out += _organisations(page, returns)
    return out, latent


def _body(frame: pd.DataFrame) -> tuple[list[str], list[str]]:
    rows = [str(r) for r in frame.index if r != TOTAL]
    cols = [str(c) for c in frame.columns if c != TOTAL]
    return rows, cols


def _sex_age(page: dict[str, pd.DataFrame]) -> list[Relation]:
    if "sex-child" not in page:
        return []
    rows, cols = _body(page["sex-child"])
    return [
        Relation.sums_to(Cell(SEX_AGE, s, a), [
            Cell("sex-child", r, c) for r in rows for c in cols if returns_sex(r) == s and returns_age(c) == a
        ])
        for s in SEXES for a in AGES
    ]


def _glotip_rows() -> list[Relation]:
    return [
        Relation.sums_to(Cell(GLOTIP_TABLE, g, TOTAL),
                         [Cell(SEX_AGE, s, a) for s in SEXES for a in AGES if glotip_group(s, a) == g])
        for g in GLOTIP
    ]


def _latent_sex_age_form(facts: pd.DataFrame) -> dict[Cell, int]:
    """Persons by sex, age and form class (GLOTIP column and group, one per person)."""
    counts = {Cell(LATENT_FORMS, f"{s}|{a}", k): 0 for s in SEXES for a in AGES for k in FORM_CLASSES}
    for sex, child, forms in zip(facts["sex"], facts["child"], facts["exploitation_forms"], strict=True):
        counts[Cell(LATENT_FORMS, f"{returns_sex(str(sex))}|{returns_age(str(child))}", form_class(str(forms)))] += 1
    return counts


def _glotip_and_form_cells() -> list[Relation]:
    def latent(s: str, a: str, k: str) -> Cell:
        return Cell(LATENT_FORMS, f"{s}|{a}", k)

    out: list[Relation] = []
    for d in GLOTIP_FORMS:
        classes = [k for k in FORM_CLASSES if k.split("|")[0] == d]
        out += [Relation.sums_to(Cell(GLOTIP_TABLE, row, d),
                                 [latent(s, a, k) for s in SEXES for a in AGES if glotip_group(s, a) == row
                                  for k in classes])
                for row in GLOTIP]
    for g in (*GROUP_FORMS, "multiple", "unknown"):
        classes = [k for k in FORM_CLASSES if k.split("|")[1] == g]
        out += [Relation.sums_to(Cell(FORM, g, s), [latent(s, a, k) for a in AGES for k in classes]) for s in SEXES]
    for s in SEXES:  # every person has exactly one form class
        for a in AGES:
            out.append(Relation.sums_to(Cell(SEX_AGE, s, a), [latent(s, a, k) for k in FORM_CLASSES]))
    return out


def _sex_margins(returns: dict[str, pd.DataFrame]) -> list[Relation]:
    """The bottom row of each table by sex counts the persons of each sex."""
    out = []
    for name in (CITIZENSHIP, FORM, ORGANISATION):
        out += [Relation.sums_to(Cell(SEX_AGE, s, TOTAL), [Cell(name, TOTAL, s)]) for s in SEXES]
    rows, _ = _body(returns[ORGANISATION])
    out += [Relation.at_most([Cell(SEX_AGE, s, TOTAL)], [Cell(ORGANISATION, k, s) for k in rows]) for s in SEXES]
    return out


def _citizenship(page: dict[str, pd.DataFrame], facts: pd.DataFrame, country: str,
                 by_country: bool = True) -> list[Relation]:
    if "citizenship" not in page:
        return []
    countries, _ = _body(page["citizenship"])
    col = str(page["citizenship"].columns[0])
    groups = {citizenship_group(c, country) for c in countries}
    out = [
        Relation.sums_to(Cell(CITIZENSHIP, g, TOTAL),
                         [Cell("citizenship", c, col) for c in countries if citizenship_group(c, country) == g])
        for g in groups
    ]
    # the returns' countries are the page's, in Eurostat's codes
    codes = {eurostat_geo(c) for c in countries} if by_country else set()
    out += [Relation.sums_to(Cell(COUNTRY, code, "persons"),
                             [Cell("citizenship", c, col) for c in countries if eurostat_geo(c) == code])
            for code in codes]
    if "region" in page:
        regions = facts.groupby("citizenship")["region"].unique()
        if all(len(r) == 1 for r in regions):  # each country in one region this year
            region_of = {str(c): str(r[0]) for c, r in regions.items()}
            names, _ = _body(page["region"])
            rcol = str(page["region"].columns[0])
            out += [Relation.sums_to(Cell("region", r, rcol),
                                     [Cell("citizenship", c, col) for c in countries if region_of.get(c) == r])
                    for r in names]
    return out


def _forms(page: dict[str, pd.DataFrame]) -> list[Relation]:
    """The page counts persons per detailed form (a person under each of their forms,
    "unknown" for no form at all); the returns count each person in one group."""
    if "exploitation_form" not in page:
        return []
    codes, _ = _body(page["exploitation_form"])
    col = str(page["exploitation_form"].columns[0])

    def cells(chosen: Iterable[str]) -> list[Cell]:
        return [Cell("exploitation_form", c, col) for c in chosen]

    out: list[Relation] = []
    for group, members in GROUP_FORMS.items():
        forms = [c for c in codes if c in members]
        # a person of the group has at least one of its forms; a person with one of its
        # forms is in the group or has forms in several groups
        out.append(Relation.at_most([Cell(FORM, group, TOTAL)], cells(forms)))
        out += [Relation.at_most(cells([f]), [Cell(FORM, group, TOTAL), Cell(FORM, "multiple", TOTAL)]) for f in forms]
    # no form: every registration of the person has no form (the page's "unknown",
    # which counts a person with any registration without a form) or "unclear" (or a
    # code of no group)
    unknown = cells([c for c in codes if c == "unknown"])
    unclear = cells([c for c in codes if c != "unknown" and not any(c in m for m in GROUP_FORMS.values())])
    out.append(Relation.at_most([Cell(FORM, "unknown", TOTAL)], unknown + unclear))
    out.append(Relation.at_most([Cell("exploitation_form", TOTAL, col)], cells(codes)))
    return out


def _organisations(page: dict[str, pd.DataFrame], returns: dict[str, pd.DataFrame]) -> list[Relation]:
    if "organisation_kind" not in page:
        return []
    kinds, _ = _body(page["organisation_kind"])
    col = str(page["organisation_kind"].columns[0])
    rows, _ = _body(returns[ORGANISATION])
    out = [Relation.sums_to(Cell(ORGANISATION, k, TOTAL), [Cell("organisation_kind", k, col)])
           for k in rows if k in kinds]
    out.append(Relation.at_most([Cell("organisation_kind", TOTAL, col)], [Cell("organisation_kind", k, col) for k in kinds]))
    return out
