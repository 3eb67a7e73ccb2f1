"""Police-report rows say which published breakdown they belong to: a row leaves the
district or the form empty only when its breakdown says the source does not give it, a
year is either cross-tabulated or given by margins, and the margins are read from
whichever the year has, never summed across the two margins."""

from __future__ import annotations

import pytest

from henvis.stats.registry import RegistryValidationError, parse_csv
from henvis.stats.registry.formats import POLICE_REPORTS
from henvis.stats.registry.police import by_district, by_form, cross_tab, year_totals

HEADER = "year,breakdown,police_district,exploitation_form,grov,reports,source\n"


def _errors(text: str) -> list[str]:
    with pytest.raises(RegistryValidationError) as info:
        parse_csv(text, POLICE_REPORTS)
    return [str(e) for e in info.value.errors]


def test_margin_rows_leave_the_other_dimension_empty() -> None:
    records = parse_csv(HEADER + "2019,form,,arbeid,nei,15,T3\n2019,distrikt,oslo,,ja,2,T4\n", POLICE_REPORTS)
    assert [(r.breakdown, r.police_district, r.exploitation_form) for r in records] == [
        ("form", "", "arbeid"), ("distrikt", "oslo", "")]


@pytest.mark.parametrize(("row", "column", "nb"), [
    ("2019,form,oslo,arbeid,nei,1,s", "police_district", "skal være tom når breakdown er «form»"),
    ("2019,distrikt,oslo,arbeid,nei,1,s", "exploitation_form", "skal være tom når breakdown er «distrikt»"),
    ("2019,distrikt,,,nei,1,s", "police_district", "verdi mangler (breakdown «distrikt» krever den)"),
    ("2019,form,,,nei,1,s", "exploitation_form", "verdi mangler (breakdown «form» krever den)"),
    ("2020,distrikt-form,,arbeid,nei,1,s", "police_district", "verdi mangler"),
    ("2020,distrikt-form,oslo,,nei,1,s", "exploitation_form", "verdi mangler"),
    ("2020,marginal,oslo,arbeid,nei,1,s", "breakdown", "ukjent kode «marginal»"),
])
def test_a_row_whose_dimensions_disagree_with_its_breakdown_is_refused(row: str, column: str, nb: str) -> None:
    [error] = _errors(HEADER + row + "\n")
    assert error.startswith(f"Rad 2, kolonne {column}: {nb}") and f"Row 2, column {column}: " in error


def test_a_year_is_either_cross_tabulated_or_given_by_margins() -> None:
    errors = _errors(HEADER + "2020,distrikt-form,oslo,arbeid,nei,1,s\n2020,form,,arbeid,nei,1,s\n"
                     "2019,form,,arbeid,nei,1,s\n")
    assert errors == [
        "Rad 3, kolonne breakdown: 2020 har allerede krysstabell-rader (distrikt-form); marginalene "
        "følger av dem / Row 3, column breakdown: 2020 already has cross-tabulation rows "
        "(distrikt-form); its margins follow from them"]


def test_margins_come_from_the_cells_or_from_the_margin_rows_and_are_never_added_together() -> None:
    records = parse_csv(HEADER + (
        "2020,distrikt-form,oslo,arbeid,ja,2,s\n2020,distrikt-form,oslo,seksuell,nei,3,s\n"
        "2020,distrikt-form,vest,arbeid,nei,1,s\n"
        "2019,form,,arbeid,ja,1,s\n2019,form,,seksuell,nei,4,s\n"
        "2019,distrikt,oslo,,nei,2,s\n2019,distrikt,utlandet,,ja,1,s\n2019,distrikt,vest,,nei,2,s\n"
    ), POLICE_REPORTS)
    assert by_form(records) == {(2020, "arbeid"): 3, (2020, "seksuell"): 3, (2019, "arbeid"): 1, (2019, "seksuell"): 4}
    assert by_district(records) == {(2020, "oslo"): 5, (2020, "vest"): 1, (2019, "oslo"): 2,
                                    (2019, "utlandet"): 1, (2019, "vest"): 2}
    assert by_form(records, grov_only=True) == {(2020, "arbeid"): 2, (2019, "arbeid"): 1}
    # 5 reports in 2019, not the 10 rows of both margins together
    assert year_totals(records) == {2020: 6, 2019: 5}
    assert year_totals(records, grov_only=True) == {2020: 2, 2019: 1}
    # a margin year has no district x form cells at all
    assert set(cross_tab(records)) == {(2020, "oslo", "arbeid"), (2020, "oslo", "seksuell"), (2020, "vest", "arbeid")}


def test_a_year_given_only_by_its_district_margin_still_has_a_total() -> None:
    records = parse_csv(HEADER + "2015,distrikt,oslo,,nei,4,s\n2015,distrikt,agder,,ja,1,s\n", POLICE_REPORTS)
    assert year_totals(records) == {2015: 5} and by_form(records) == {}
