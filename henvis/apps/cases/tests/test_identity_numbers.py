"""Fødselsnummer/D-number control digits (property-based)."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from henvis.apps.cases.identity_numbers import (
    control_digits,
    is_d_number,
    valid_duf_number,
    valid_national_id,
)

nine_digits = st.builds(
    lambda d, m, y, i: f"{d:02d}{m:02d}{y:02d}{i:03d}",
    st.integers(1, 28), st.integers(1, 12), st.integers(0, 99), st.integers(0, 999),
)


@given(nine_digits)
def test_a_number_with_computed_control_digits_is_valid(first_nine: str) -> None:
    control = control_digits(first_nine)
    assume(control is not None)
    assert control is not None
    assert valid_national_id(first_nine + control)


@given(nine_digits, st.integers(0, 10), st.integers(1, 9))
def test_changing_one_digit_makes_it_invalid(first_nine: str, position: int, delta: int) -> None:
    control = control_digits(first_nine)
    assume(control is not None)
    assert control is not None
    number = first_nine + control
    changed = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1:]
    assert not valid_national_id(changed) or changed == number


@given(nine_digits)
def test_d_number_adds_four_to_the_first_digit(first_nine: str) -> None:
    d_first = str(int(first_nine[0]) + 4) + first_nine[1:]
    control = control_digits(d_first)
    assume(control is not None)
    assert control is not None
    assert is_d_number(d_first + control)


def test_wrong_lengths_and_letters_are_refused() -> None:
    assert not valid_national_id("1234567890")
    assert not valid_national_id("1507650056a")
    assert valid_national_id("150765 00565")
    assert valid_duf_number("2019 123456 01") and not valid_duf_number("12345")


def test_synthetic_numbers_with_month_plus_80_are_accepted() -> None:
    first_nine = "018390006"  # 1 March 1990 written with the synthetic month 83
    control = control_digits(first_nine)
    assert control is not None and valid_national_id(first_nine + control)
    bad_month = "011390006"  # month 13: invalid even with correct control digits
    bad_control = control_digits(bad_month)
    assert bad_control is None or not valid_national_id(bad_month + bad_control)
