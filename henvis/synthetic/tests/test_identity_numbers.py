"""Synthetic fødselsnummer, D-nummer and DUF numbers are well formed."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from henvis.synthetic import SyntheticDataset, generate
from henvis.synthetic.identifiers import (
    duf_number,
    is_d_number,
    is_synthetic,
    is_valid_national_id,
    national_id,
)


def mod11_ok(number: str) -> bool:
    """Skatteetaten's rule, written out independently of the code under test."""
    d = [int(c) for c in number]
    w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2]
    w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    k1 = 11 - sum(a * b for a, b in zip(d[:9], w1, strict=True)) % 11
    k1 = 0 if k1 == 11 else k1
    k2 = 11 - sum(a * b for a, b in zip(d[:10], w2, strict=True)) % 11
    k2 = 0 if k2 == 11 else k2
    return k1 == d[9] and k2 == d[10]


def test_known_fodselsnummer_is_valid() -> None:
    # 17.03.1990, individual number 123, synthetic marker: month 03 + 80 = 83.
    expected = with_check_digits("178390123")
    assert expected is not None
    assert national_id("1990-03-17", 123) == expected
    assert is_valid_national_id(expected) and is_synthetic(expected)
    wrong = expected[:-1] + str((int(expected[-1]) + 1) % 10)
    assert not is_valid_national_id(wrong)  # last check digit wrong
    assert not is_valid_national_id(expected[:-1])  # too short


def test_no_generated_number_can_be_a_real_persons() -> None:
    """Real numbers have month 01-12 (D-nummer) or 41-52 (H-nummer); ours have 81-92."""
    numbers = generate(persons=500, seed=3).persons["national_id"]
    months = {int(n[2:4]) for n in numbers if n}
    assert months and all(81 <= m <= 92 for m in months)


@settings(max_examples=200, deadline=None)
@given(
    born=st.dates(min_value=date(1920, 1, 1), max_value=date(2039, 12, 31)),
    individual=st.integers(min_value=0, max_value=499),
    d_number=st.booleans(),
)
def test_every_number_made_has_valid_check_digits(born: date, individual: int, d_number: bool) -> None:
    if born.year >= 2000:
        individual += 500
    try:
        value = national_id(born.isoformat(), individual, d_number=d_number)
    except ValueError:
        return  # about 1 in 11 individual numbers have no valid check digit
    assert mod11_ok(value)
    assert is_valid_national_id(value)
    day = int(value[:2])
    # A D-nummer adds 4 to the first digit of the day.
    assert day == born.day + (40 if d_number else 0)
    assert value[2:6] == f"{born.month + 80:02d}{born.year % 100:02d}"
    assert is_d_number(value) == d_number


@pytest.fixture(scope="module")
def dataset() -> SyntheticDataset:
    return generate(persons=3000, seed=11)


def test_generated_numbers_are_valid_unique_and_match_the_person(dataset: SyntheticDataset) -> None:
    persons = dataset.persons
    with_id = persons[persons["national_id"] != ""]
    assert len(with_id) > 500
    assert with_id["national_id"].is_unique
    for _, row in with_id.iterrows():
        number = row["national_id"]
        assert mod11_ok(number), number
        assert is_d_number(number) == (row["national_id_kind"] == "d_nummer")
        born = date.fromisoformat(row["birth_date"])
        assert number[:6] == (
            f"{born.day + (40 if row['national_id_kind'] == 'd_nummer' else 0):02d}"
            f"{born.month + 80:02d}{born.year % 100:02d}"
        )
    # Norwegian citizens never have a D-nummer; foreigners have both kinds.
    kinds = with_id.groupby(with_id["citizenship"] == "NO")["national_id_kind"].agg(set)
    assert kinds[True] == {"fodselsnummer"}
    assert kinds[False] == {"d_nummer", "fodselsnummer"}


def test_duf_numbers_are_year_plus_eight_digits_and_unique(dataset: SyntheticDataset) -> None:
    persons = dataset.persons
    duf = persons[persons["duf_number"] != ""]
    assert len(duf) > 500
    assert duf["duf_number"].is_unique
    assert all(re.fullmatch(r"(19|20)\d{2}\d{8}", d) for d in duf["duf_number"])
    assert (duf["citizenship"] != "NO").all()
    # Registered with UDI no later than the year the person was first identified.
    assert (duf["duf_number"].str[:4].astype(int) <= duf["first_year"]).all()


def test_records_carry_the_persons_numbers(dataset: SyntheticDataset) -> None:
    regs = dataset.registrations.merge(dataset.truth, on="record_id").merge(
        dataset.persons[["person_id", "national_id", "duf_number"]], on="person_id",
        suffixes=("", "_true"),
    )
    recorded = regs[regs["national_id"] != ""]
    assert (recorded["national_id"] == recorded["national_id_true"]).all()
    assert all(mod11_ok(n) for n in recorded["national_id"])
    duf = regs[regs["duf_number"] != ""]
    # DUF numbers are copied by hand now and then: a rare one-digit error.
    wrong = (duf["duf_number"] != duf["duf_number_true"]).mean()
    assert wrong < 0.02
    # Every UDI registration has the DUF number.
    assert (regs.loc[regs["source"] == "udi", "duf_number"] != "").all()


def test_duf_number_format() -> None:
    assert duf_number(2019, 4711) == "201900004711"
    with pytest.raises(ValueError, match="DUF"):
        duf_number(2019, 10**8)


def with_check_digits(nine: str) -> str | None:
    d = [int(c) for c in nine]
    k1 = (11 - sum(a * b for a, b in zip(d, [3, 7, 6, 1, 8, 9, 4, 5, 2], strict=True)) % 11) % 11
    if k1 == 10:
        return None
    d.append(k1)
    k2 = (11 - sum(a * b for a, b in zip(d, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2], strict=True)) % 11) % 11
    return None if k2 == 10 else nine + f"{k1}{k2}"


def test_a_number_for_a_day_that_does_not_exist_is_invalid() -> None:
    # 31 February 1990, with correct check digits: the date makes it invalid.
    numbers = [with_check_digits(f"310290{i:03d}") for i in range(100, 130)]
    number = next(n for n in numbers if n)
    assert mod11_ok(number)
    assert not is_valid_national_id(number)
