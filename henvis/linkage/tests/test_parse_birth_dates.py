from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from henvis.linkage.normalise import parse_birth_date


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_full_dates_keep_their_parts(date: dt.date) -> None:
    parsed = parse_birth_date(date.isoformat())
    assert (parsed.year, parsed.month, parsed.day) == (f"{date.year:04d}", f"{date.month:02d}", f"{date.day:02d}")
    assert parsed.precision == "day" and parsed.is_plausible


@given(st.integers(1900, 2030), st.integers(1, 12))
def test_year_and_month(year: int, month: int) -> None:
    parsed = parse_birth_date(f"{year}-{month:02d}")
    assert parsed.precision == "month" and parsed.day is None


@given(st.integers(1900, 2030))
def test_year_only_and_zero_parts_mean_unknown(year: int) -> None:
    assert parse_birth_date(str(year)).precision == "year"
    assert parse_birth_date(f"{year}-00-00").precision == "year"
    assert parse_birth_date(f"{year}-05-00").precision == "month"


def test_missing() -> None:
    assert parse_birth_date("").precision == "missing"
    assert parse_birth_date(None).precision == "missing"


def test_calendar_typos_are_kept_but_flagged() -> None:
    parsed = parse_birth_date("1956-13-09")
    assert parsed.month == "13" and not parsed.is_plausible


@given(st.text().filter(lambda s: s.strip() and not s.strip().replace("-", "").isdigit()))
def test_other_forms_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_birth_date(text)


@pytest.mark.parametrize("text", ["07.04.1990", "1990/04/07", "19900407", "90-04-07", "1990-4-7"])
def test_common_wrong_formats_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_birth_date(text)
