"""Eurostat, GLOTIP and TIP returns: person tables protected as one release, registry
figures copied, written as CSV and spreadsheet."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl

from henvis.stats.disclosure import LinearSystem, feasible_ranges
from henvis.stats.persons import PersonStatistics
from henvis.stats.registry import load_kom_seed
from henvis.stats.returns import build_returns, victim_tables


def test_person_tables_release_no_small_or_derivable_cell(stats: PersonStatistics, suppressed_year: int) -> None:
    year = suppressed_year
    returns = build_returns(stats, None, year)
    raw = victim_tables(stats.person_facts(year))
    assert set(returns.tables) == set(raw)
    assert sum(t.suppressed_count for t in returns.tables.values()) > 0
    for t in returns.tables.values():
        shown = t.values.to_numpy()[~t.suppressed.to_numpy()]
        assert not {1, 2} & {int(v) for v in shown}
    system = LinearSystem.build(raw)
    hidden = np.array([bool(returns.tables[c.table].suppressed.at[c.row, c.col]) for c in system.cells])
    assert all(lo < hi for lo, hi in feasible_ranges(system, hidden).values())


def test_glotip_groups_add_up_to_the_persons(stats: PersonStatistics) -> None:
    facts = stats.person_facts(2020)
    glotip = victim_tables(facts)["glotip-victims"]
    assert glotip["Total"].iloc[:-1].sum() == len(facts) == glotip.loc["Total", "Total"]
    girls_boys = glotip.loc[["girls", "boys"], "Total"].sum()
    assert girls_boys == ((facts["child"] == "child") & facts["sex"].isin(["F", "M"])).sum()


def test_registry_figures_agree_with_the_tip_report() -> None:
    # UDI's decisions (seed 001 ch. 3.2) and the TIP report (seed 000) both give 16
    # reflection periods granted in 2020; the return takes it from the decisions registry.
    ds = load_kom_seed()
    figures = build_returns(None, ds, 2020).figures.set_index("indicator")
    tip = ds.key_figure("2020", "tip-refleksjonsperioder")
    assert tip is not None
    assert figures.loc["tip_reflection_periods_granted", "value"] == str(tip.value)
    assert (figures["kind"] == "registry").sum() == len(figures) - 3  # 3 justice stages not available
    assert int(figures.loc["eurostat_offences_reported", "value"]) == sum(r.reports for r in ds.police_reports if r.year == 2020)


def test_returns_are_written_as_csv_and_spreadsheet(stats: PersonStatistics, tmp_path: Path) -> None:
    paths = build_returns(stats, load_kom_seed(), 2020).write(tmp_path)
    names = {p.name for p in paths}
    assert {"eurostat-victims-sex-age.csv", "glotip-victims.csv", "figures.csv", "returns.xlsx"} <= names
    book = openpyxl.load_workbook(tmp_path / "returns.xlsx")
    assert {"About this file", "Single figures", "Victims by purpose (UNODC)"} <= set(book.sheetnames)
    text = (tmp_path / "eurostat-victims-citizenship.csv").read_text(encoding="utf-8")
    assert text.splitlines()[-1].startswith("Total,")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging left


def test_reports_of_a_year_with_two_published_margins_are_not_counted_twice() -> None:
    # Seed 001 Tabell 3 and Tabell 4 both give 36 reports in 2019 (one by form, one by
    # district); the return must say 36, not the sum of the two margins.
    ds = load_kom_seed()
    figures = build_returns(None, ds, 2019).figures.set_index("indicator")
    assert int(figures.loc["eurostat_offences_reported", "value"]) == 36
    by_form = {ind: int(v) for ind, v in figures["value"].items() if ind.startswith("tip_police_reports_")}
    assert sum(by_form.values()) <= 36


def test_justice_figures_come_from_the_justice_input_never_from_the_tip_report() -> None:
    # Seed 000 (the TIP report's own text) gives 6 prosecuted and 12 convicted persons in
    # 2021; the return must not give them back. From a justice-statistics input it gives
    # the input's figures with their breakdowns; a stage the input lacks is not available.
    from henvis.stats.returns.justice import parse_justice

    ds = load_kom_seed()
    tip_sources = {k.source for k in ds.key_figures if k.indicator.startswith("tip-")}
    without = build_returns(None, ds, 2021).figures.set_index("indicator")
    for stage in ("suspected", "prosecuted", "convicted"):
        row = without.loc[f"eurostat_{stage}_persons"]
        assert row["value"] == "" and row["kind"] == "not-available" and "justice.csv" in row["source"]
    assert not [i for i in without.index if "prosecuted" in i or "convicted" in i if without.loc[i, "value"] != ""]
    justice = parse_justice(
        "year,stage,sex,age,citizenship,form,persons,source\n"
        "2021,convicted,total,total,total,total,11,court statistics 2021 table 3\n"
        "2021,convicted,M,total,total,total,8,court statistics 2021 table 3\n"
        "2021,convicted,F,total,total,total,3,court statistics 2021 table 3\n"
        "2021,prosecuted,total,total,total,sexual,5,prosecution statistics 2021 table 1\n"
        "2020,prosecuted,total,total,total,total,99,prosecution statistics 2020 table 1\n"
    )
    figures = build_returns(None, ds, 2021, justice=justice).figures.set_index("indicator")
    assert figures.loc["eurostat_convicted_persons", "value"] == "11"
    assert figures.loc["eurostat_convicted_persons|sex=M|age=total|citizenship=total|form=total", "value"] == "8"
    assert figures.loc["eurostat_prosecuted_persons|sex=total|age=total|citizenship=total|form=sexual", "value"] == "5"
    assert figures.loc["eurostat_suspected_persons", "kind"] == "not-available"
    justice_rows = figures[figures["kind"] == "justice"]
    assert len(justice_rows) == 4 and not set(justice_rows["source"]) & tip_sources
    assert "99" not in set(figures["value"])  # another year's row


def test_justice_input_with_a_bad_row_is_refused_whole() -> None:
    import pytest

    from henvis.stats.registry.parse import RegistryValidationError
    from henvis.stats.returns.justice import parse_justice

    with pytest.raises(RegistryValidationError):
        parse_justice("year,stage,sex,age,citizenship,form,persons,source\n"
                      "2021,convicted,total,total,total,total,11,x\n"
                      "2021,charged,total,total,total,total,4,x\n")


def test_sdmx_csv_in_the_receivers_codes_with_numbers_and_flags(stats: PersonStatistics, suppressed_year: int, tmp_path: Path) -> None:
    import pandas as pd

    from henvis.stats.returns.sdmx import (
        AGE_CODES,
        CITIZEN_CODES,
        COLUMNS,
        EXPLOIT_CODES,
        SEX_CODES,
    )

    year = suppressed_year

    returns = build_returns(stats, load_kom_seed(), year)
    returns.write(tmp_path)
    text = (tmp_path / "returns-sdmx.csv").read_text(encoding="utf-8")
    rows = pd.read_csv(tmp_path / "returns-sdmx.csv", dtype={"OBS_VALUE": "Int64"}, keep_default_na=False,
                       na_values={"OBS_VALUE": [""]})
    assert list(rows.columns) == list(COLUMNS)
    assert set(rows["GEO"]) == {"NO"} and set(rows["TIME_PERIOD"]) == {year}
    for column, codes in (("SEX", SEX_CODES), ("AGE", AGE_CODES), ("EXPLOIT", EXPLOIT_CODES)):
        assert set(rows[column]) <= set(codes.values()), column
    # CITIZEN: the receivers' groups and, by country, Eurostat's country codes
    countries = set(rows["CITIZEN"]) - set(CITIZEN_CODES.values())
    assert countries and all(len(c) == 2 and c.isupper() for c in countries) and not countries & {"GR", "GB"}
    by_country = rows[rows["CITIZEN"].isin(countries | {"STLS", "UNK"})]
    assert by_country["OBS_VALUE"].sum(min_count=1) <= len(stats.person_facts(year))
    assert not rows.duplicated(["SEX", "AGE", "CITIZEN", "EXPLOIT"]).any()
    assert ":" not in text  # ":" is "not available" to Eurostat, never a withheld cell
    withheld = rows["OBS_FLAG"] == "c"
    assert withheld.any(), "nothing withheld this year: nothing to check"
    assert (rows.loc[withheld, "CONF_STATUS"] == "C").all() and rows.loc[withheld, "OBS_VALUE"].isna().all()
    assert rows.loc[~withheld, "OBS_VALUE"].notna().all() and (rows.loc[~withheld, "OBS_FLAG"] == "").all()
    # the headline figures as the release gives them
    table = returns.tables["eurostat-victims-sex-age"]
    total = rows.set_index(["SEX", "AGE", "CITIZEN", "EXPLOIT"]).loc[("T", "TOTAL", "TOTAL", "TOTAL"), "OBS_VALUE"]
    assert total == int(table.values.at["Total", "Total"]) == len(stats.person_facts(year))
    # a withheld cell is withheld in every table that shows it
    girls = rows.set_index(["SEX", "AGE", "CITIZEN", "EXPLOIT"]).loc[("F", "Y_LT18", "TOTAL", "TOTAL")]
    assert (girls["OBS_FLAG"] == "c") == bool(table.suppressed.at["F", "child"])


def test_confidential_cells_are_sent_only_when_asked(stats: PersonStatistics, suppressed_year: int) -> None:
    year = suppressed_year
    returns = build_returns(stats, None, year)
    raw = victim_tables(stats.person_facts(year))["eurostat-victims-sex-age"]
    default, agreed = returns.sdmx(), returns.sdmx(confidential_values=True)
    withheld = default["OBS_FLAG"] == "c"
    assert withheld.any() and default.loc[withheld, "OBS_VALUE"].isna().all()
    assert (agreed["OBS_FLAG"] == default["OBS_FLAG"]).all()  # still flagged confidential
    codes = {"F": "F", "M": "M", "unknown": "UNK", "Total": "T"}
    ages = {"adult": "Y_GE18", "child": "Y_LT18", "unknown": "UNK", "Total": "TOTAL"}
    keyed = agreed.set_index(["SEX", "AGE", "CITIZEN", "EXPLOIT"])["OBS_VALUE"]
    for s in raw.index:
        for a in raw.columns:
            assert keyed[(codes[s], ages[a], "TOTAL", "TOTAL")] == raw.at[s, a]


def test_workbook_in_one_language_with_numbers_year_and_country(stats: PersonStatistics, tmp_path: Path) -> None:
    """Issue #21: every sheet name, title, row and column label in words of the file's
    language (no internal or receiver code), the country and the year written in the
    file, counts stored as numbers."""
    from henvis.stats.disclosure.disclosure_rule import Language
    from henvis.stats.receivers.groups import CITIZENSHIP_GROUPS, FORM_GROUPS, GLOTIP_FORMS
    from henvis.stats.returns.sdmx import AGE_CODES, CITIZEN_CODES, EXPLOIT_CODES

    returns = build_returns(stats, load_kom_seed(), 2020)
    # "Total" is a word as well as a code: the English file may say it
    codes = ({*returns.tables, *CITIZENSHIP_GROUPS, *FORM_GROUPS, *GLOTIP_FORMS, "adult", "child", "unknown",
              "F", "M", "women", "men", "girls", "boys", "persons", "about", "figures"}
             | set(AGE_CODES.values()) | set(CITIZEN_CODES.values()) | set(EXPLOIT_CODES.values()))
    bokmaal = {"Kvinner", "Menn", "I alt", "Ukjent", "Statsborgerskap", "Registrerte", "Antall", "Tvangsarbeid", "Jenter"}
    english = {"Female", "Male", "Total", "Unknown", "Citizenship", "Registered", "Number", "Forced", "Girls"}
    pairs: tuple[tuple[Language, set[str]], ...] = (("en", bokmaal), ("nb", english))
    for language, other in pairs:
        returns.write(tmp_path / language, language=language)
        book = openpyxl.load_workbook(tmp_path / language / "returns.xlsx")
        labels = list(book.sheetnames)
        for sheet in book.worksheets[1:]:
            rows = list(sheet.iter_rows(values_only=True))
            title = str(rows[0][0])
            assert title.endswith(", 2020") and ("Norway" if language == "en" else "Norge") in title, title
            labels += [title, *[str(v) for row in rows for v in row[:1] if v is not None]]
            header = next(i for i, row in enumerate(rows) if len([v for v in row if v is not None]) > 1)
            labels += [str(v) for v in rows[header] if v is not None]
            body = [v for row in rows[header + 1:] for v in row[1:] if v is not None]
            if sheet.title not in ("Single figures", "Enkelttall"):
                assert body and all(isinstance(v, int) or v in ("c", ":") for v in body), sheet.title
        words = {w.strip("(),:'«»") for label in labels for w in label.split()}
        assert not [label for label in labels if label in codes], language
        assert not words & other, (language, words & other)
        about = {row[0]: row[1] for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)}
        assert about["Year" if language == "en" else "År"] == 2020
        assert about["Country" if language == "en" else "Land"] == ("Norway (NO)" if language == "en" else "Norge (NO)")
    about_en = {row[0]: row[1] for row in openpyxl.load_workbook(tmp_path / "en" / "returns.xlsx").worksheets[0]
                .iter_rows(min_row=2, values_only=True)}
    assert "each person once" in about_en["Form of exploitation"] and "more than one form" in about_en["Form of exploitation"]
    # a rounded year's note says what a rounded figure means for the reader
    if returns.tables["eurostat-victims-sex-age"].rule.rounding_base:
        assert "r − 2 to r + 2" in about_en["Disclosure control"] and "3 means 1 to 5" in about_en["Disclosure control"]


def test_victims_are_named_registered_presumed_with_their_counting_basis(stats: PersonStatistics) -> None:
    figures = build_returns(stats, None, 2020).figures.set_index("indicator")
    facts = stats.person_facts(2020)
    assert not [i for i in figures.index if "identified" in i]  # Henvis has no identified count
    assert figures.loc["registered_presumed_victims", "value"] == str(len(facts))
    first = int(figures.loc["registered_presumed_victims_first_registered", "value"])
    earlier = int((facts["first_year"] < 2020).sum())
    assert 0 < first < len(facts) and first + earlier == len(facts)
    assert "first registered this year" in figures.loc["registered_presumed_victims_first_registered", "source"]


def test_forms_count_each_person_once_and_group_last(stats: PersonStatistics) -> None:
    facts = stats.person_facts(2020)
    tables = victim_tables(facts)
    forms = tables["eurostat-victims-form"]
    # mutually exclusive: the groups add up to the persons, by sex too
    assert forms["Total"].iloc[:-1].sum() == len(facts) == forms.loc["Total", "Total"]
    assert (forms.iloc[:-1, :-1].sum(axis=0) == forms.loc["Total"].iloc[:-1]).all()
    detailed = facts["exploitation_forms"].fillna("").map(lambda f: set(f.split(";")) - {"", "unclear"})
    several = detailed.map(lambda d: len({("sexual" if x in {"prostitution", "other_sexual"} else
                                           "forced_labour" if x == "forced_labour" else "other") for x in d}) > 1)
    assert several.any() and forms.loc["multiple", "Total"] == several.sum()
    assert forms.loc["unknown", "Total"] == (detailed.map(len) == 0).sum()
    # begging and forced criminality alone are "other forms", never forced labour
    only_begging = detailed.map(lambda d: d == {"begging"})
    assert forms.loc["other", "Total"] >= only_begging.sum() > 0
    glotip = tables["glotip-victims"]
    # GLOTIP shows the other purposes apart, one column per person: its columns add up
    # to the persons, and a group is the sum of its columns (begging with forced
    # criminality is "multiple" to GLOTIP, "other" to Eurostat)
    assert glotip.loc["Total"].iloc[:-1].sum() == len(facts)
    assert glotip.loc["Total", "sexual"] == forms.loc["sexual", "Total"]
    assert glotip.loc["Total", "forced_labour"] == forms.loc["forced_labour", "Total"]
    other = glotip.loc["Total", ["forced_criminality", "begging", "organ_removal", "other"]].sum()
    assert other <= forms.loc["other", "Total"] <= other + glotip.loc["Total", "multiple"]
    assert glotip.loc["Total", "begging"] == only_begging.sum()


def test_citizenship_by_country_in_eurostat_codes_with_stateless() -> None:
    import pandas as pd

    facts = pd.DataFrame({
        "person": list("abcdefg"), "sex": ["F", "M", "F", "F", "M", "F", "M"], "child": ["adult"] * 7,
        "citizenship": ["GR", "GB", "RO", "XX", "NG", "unknown", "GR"], "exploitation_forms": [""] * 7,
        "organisation_kinds": ["ngo"] * 7,
    })
    table = victim_tables(facts)["eurostat-victims-country"]["persons"]
    assert table.to_dict() == {"EL": 2, "NG": 1, "RO": 1, "UK": 1, "STLS": 1, "UNK": 1, "Total": 7}
    groups = victim_tables(facts)["eurostat-victims-citizenship"]["Total"]
    assert groups["stateless"] == 1 and groups["other_eu"] == 3 and groups["non_eu"] == 2


def test_every_exported_cell_is_a_number_or_a_flag(stats: PersonStatistics, suppressed_year: int, tmp_path: Path) -> None:
    """Issue #21 item 3: counts stored as numbers; "c" only for a withheld cell and ":"
    only for a figure or column that is not available."""
    import pandas as pd

    year = suppressed_year

    returns = build_returns(stats, load_kom_seed(), year)
    returns.write(tmp_path)
    withheld = 0
    for name, table in returns.tables.items():
        cells = pd.read_csv(tmp_path / f"{name}.csv", index_col=0, dtype=str, keep_default_na=False)
        flat = cells.to_numpy().ravel().tolist()
        assert all(v == "c" or v.isdigit() for v in flat), name
        assert flat.count("c") == table.suppressed_count
        withheld += flat.count("c")
    assert withheld > 0, "nothing withheld: the flag was not exercised"
    figures = pd.read_csv(tmp_path / "figures.csv", dtype=str, keep_default_na=False)
    assert set(figures["flag"]) <= {"", "c", ":"}
    assert (figures.loc[figures["flag"] != "", "value"] == "").all()
    assert figures.loc[figures["flag"] == "", "value"].str.fullmatch(r"\d+").all()
    assert (figures.loc[figures["kind"] == "not-available", "flag"] == ":").all()
    book = openpyxl.load_workbook(tmp_path / "returns.xlsx")
    glotip = list(book["Victims by purpose (UNODC)"].iter_rows(values_only=True))
    header = list(glotip[2])
    assert header[1:] == ["Forced marriage", "Sexual exploitation", "Forced labour", "Forced criminal activity", "Begging",
                          "Organ removal", "Other purposes", "More than one purpose", "Purpose unknown", "Total"]
    for row in glotip[3:-2]:
        assert row[1] == ":"  # forced marriage: Henvis has no code for it, never 0
        assert all(isinstance(v, int) or v == "c" for v in row[2:])


def test_women_men_girls_boys_are_shown_in_every_year_when_more_than_a_handful(stats: PersonStatistics) -> None:
    """Issue #21: the headline counts by sex and by age (under 18 / 18 or over), and
    women, men, girls and boys (GLOTIP's rows, the same cells of the sex by age table),
    are shown in every year of the synthetic data whenever the group has more than a
    handful of persons. (Suppression used to hide men and boys to protect one child of
    unknown sex; such a year is now rounded, and a rounded figure is shown.)"""
    from henvis.stats.persons.year_release import HANDFUL, year_release

    groups = {("F", "adult"): "women", ("M", "adult"): "men", ("F", "child"): "girls", ("M", "child"): "boys"}
    men_checked = set()
    for year in stats.years:
        release = year_release(stats, year)
        raw = victim_tables(stats.person_facts(year))
        cells = [("eurostat-victims-sex-age", s, a) for s in ("F", "M", "Total") for a in ("adult", "child", "Total")]
        cells += [("glotip-victims", g, "Total") for g in groups.values()]
        cells += [("sex-child", s, a) for s in ("F", "M") for a in ("adult", "child")]
        for name, row, col in cells:
            table = release.tables[name]
            truth = release.raw_page[name] if name in release.raw_page else raw[name]
            if int(truth.at[row, col]) <= HANDFUL:
                continue
            assert not bool(table.suppressed.at[row, col]), (year, release.method, name, row, col)
            if (name, row) == ("glotip-victims", "men"):
                men_checked.add(year)
    assert men_checked == set(stats.years), "a year without more than a handful of men: men were not checked"
