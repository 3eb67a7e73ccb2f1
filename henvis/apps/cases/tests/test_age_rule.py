"""The one rule for whether a person is a child (seed 004 Del 6: treat as a child while
the age is in doubt), as pure functions."""

from __future__ import annotations

import doctest
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from henvis.apps.cases import age
from henvis.apps.cases.age import AgeStatus, age_of, contradicts_minor_flag

TODAY = date(2026, 12, 3)


def test_docstring_examples() -> None:
    assert doctest.testmod(age).failed == 0


@pytest.mark.parametrize(("precision", "birth", "status"), [
    ("exact", "2014-03-01", AgeStatus.MINOR),
    ("exact", "2008-12-03", AgeStatus.ADULT),      # 18 today
    ("exact", "2008-12-04", AgeStatus.MINOR),      # 18 tomorrow
    ("year", "2010", AgeStatus.MINOR),             # 15 or 16
    ("year", "2008", AgeStatus.IN_DOUBT),          # 17 or 18
    ("year", "2007", AgeStatus.ADULT),
    ("range", "2005/2009", AgeStatus.IN_DOUBT),
    ("range", "1990/1995", AgeStatus.ADULT),
    ("range", "2010/2012", AgeStatus.MINOR),
    ("year", "1980", AgeStatus.ADULT),
    ("unknown", "", AgeStatus.UNKNOWN),
])
def test_the_date_of_birth_decides(precision: str, birth: str, status: AgeStatus) -> None:
    found = age_of(precision, birth, on=TODAY)
    assert found.status == status and found.by_birth_date is (status != AgeStatus.UNKNOWN)
    assert found.treat_as_child is (status in (AgeStatus.MINOR, AgeStatus.IN_DOUBT))


def test_without_a_date_the_flags_decide() -> None:
    assert age_of("unknown", "", minor=True, on=TODAY).status == AgeStatus.MINOR
    assert age_of("unknown", "", age_in_doubt=True, on=TODAY).status == AgeStatus.IN_DOUBT
    assert age_of("unknown", "", minor=True, age_in_doubt=True, on=TODAY).treat_as_child


def test_a_minor_flag_gives_way_to_the_date_once_the_person_is_18() -> None:
    """Ticked while a child, the date of birth has since made the person an adult."""
    assert age_of("exact", "2008-06-01", minor=True, on=date(2025, 1, 1)).status == AgeStatus.MINOR
    assert age_of("exact", "2008-06-01", minor=True, on=TODAY).status == AgeStatus.ADULT


def test_age_in_doubt_holds_against_an_adult_date() -> None:
    """The papers may be false: the worker's doubt keeps the person a child."""
    found = age_of("exact", "1999-01-01", age_in_doubt=True, on=TODAY)
    assert found.status == AgeStatus.IN_DOUBT and found.treat_as_child and not found.by_birth_date


def test_adult_by_date_with_the_minor_flag_is_a_contradiction() -> None:
    assert contradicts_minor_flag("year", "1980", minor=True, age_in_doubt=False, on=TODAY)
    assert not contradicts_minor_flag("year", "1980", minor=True, age_in_doubt=True, on=TODAY)
    assert not contradicts_minor_flag("year", "2008", minor=True, age_in_doubt=False, on=TODAY)  # may be 17
    assert not contradicts_minor_flag("unknown", "", minor=True, age_in_doubt=False, on=TODAY)


def test_born_on_29_february_comes_of_age_on_1_march() -> None:
    assert age_of("exact", "2008-02-29", on=date(2026, 2, 28)).status == AgeStatus.MINOR
    assert age_of("exact", "2008-02-29", on=date(2026, 3, 1)).status == AgeStatus.ADULT


def test_unreadable_birth_text_counts_as_no_date() -> None:
    assert age_of("exact", "2014-13-40", on=TODAY).status == AgeStatus.UNKNOWN
    assert age_of("year", "", minor=True, on=TODAY).status == AgeStatus.MINOR


@given(st.dates(min_value=date(1920, 1, 1), max_value=TODAY))
def test_an_exact_date_agrees_with_the_age_in_years(born: date) -> None:
    years = age.age_on(born, TODAY)
    assert age_of("exact", born.isoformat(), on=TODAY).status == (AgeStatus.MINOR if years < 18 else AgeStatus.ADULT)
    # A year or range containing the date never says less than "treat as a child" for a child.
    if years < 18:
        assert age_of("year", str(born.year), on=TODAY).treat_as_child
        assert age_of("range", f"{born.year - 3}/{born.year}", on=TODAY).treat_as_child
