"""Synthetic Norwegian identity numbers (fødselsnummer, D-nummer) and DUF numbers.

A fødselsnummer is DDMMYY, a three-digit individual number and two mod-11 check digits.
A D-nummer (for foreigners) is the same with 4 added to the first digit of the day.
Every number made here carries the marker for *synthetic* numbers used in Norwegian
test data (Skatteetaten's test population, Tenor): 80 is added to the month. No such
number is ever issued to a real person, so a synthetic number cannot coincide with a
real one, while the mod-11 check digits stay valid.
A DUF number (UDI's case system) is written here as 12 digits: the 4-digit year of
registration followed by 8 digits.

The numbers are drawn at random: they carry no information about a real person.

Example:
    >>> number = national_id("1990-03-17", 123)
    >>> number[:6], is_synthetic(number), is_valid_national_id(number)
    ('178390', True, True)
    >>> is_d_number(national_id("1990-03-17", 123, d_number=True))
    True
"""

from __future__ import annotations

from datetime import date
from typing import Final

import numpy as np
from numpy.typing import NDArray

WEIGHTS_1: Final = np.array([3, 7, 6, 1, 8, 9, 4, 5, 2], dtype=np.int64)
WEIGHTS_2: Final = np.array([5, 4, 3, 2, 7, 6, 5, 4, 3, 2], dtype=np.int64)
SYNTHETIC_MONTH_OFFSET: Final = 80


def _check_digit(digits: NDArray[np.int64], weights: NDArray[np.int64]) -> NDArray[np.int64]:
    """mod-11 check digit per row; 10 marks an impossible number (no valid check digit)."""
    rest = 11 - (digits @ weights) % 11
    rest = np.where(rest == 11, 0, rest)
    return rest.astype(np.int64)


def check_digits(first_nine: NDArray[np.int64]) -> NDArray[np.int64]:
    """The two check digits for rows of nine digits; -1 where no valid number exists."""
    k1 = _check_digit(first_nine, WEIGHTS_1)
    with_k1 = np.column_stack([first_nine, np.where(k1 == 10, 0, k1)])
    k2 = _check_digit(with_k1, WEIGHTS_2)
    bad = (k1 == 10) | (k2 == 10)
    return np.where(bad[:, None], -1, np.column_stack([k1, k2]))


def first_nine_digits(
    day: NDArray[np.int64],
    month: NDArray[np.int64],
    year: NDArray[np.int64],
    individual: NDArray[np.int64],
    d_number: NDArray[np.bool_],
) -> NDArray[np.int64]:
    """Digits of DDMMYY + individual number, rows of nine (vectorised)."""
    dd = day + np.where(d_number, 40, 0)
    month = month + SYNTHETIC_MONTH_OFFSET
    yy = year % 100
    columns = [dd // 10, dd % 10, month // 10, month % 10, yy // 10, yy % 10,
               individual // 100, (individual // 10) % 10, individual % 10]
    return np.column_stack(columns).astype(np.int64)


def national_id(birth_date: str, individual: int, *, d_number: bool = False) -> str:
    """One fødselsnummer (or D-nummer) for a birth date "YYYY-MM-DD" and individual number.

    Raises ValueError when the combination has no valid check digit (about 1 in 11 do).
    """
    born = date.fromisoformat(birth_date)
    nine = first_nine_digits(
        np.array([born.day]), np.array([born.month]), np.array([born.year]),
        np.array([individual]), np.array([d_number]),
    )
    k = check_digits(nine)
    if k[0, 0] < 0:
        raise ValueError(
            f"Individnummer {individual} gir ikke gyldig kontrollsiffer / "
            f"individual number {individual} gives no valid check digit"
        )
    return "".join(str(d) for d in [*nine[0], *k[0]])


def is_valid_national_id(value: str) -> bool:
    """True for an 11-digit fødselsnummer or D-nummer with a real date and valid check digits."""
    if len(value) != 11 or not value.isdigit():
        return False
    digits = np.array([int(c) for c in value], dtype=np.int64)
    k = check_digits(digits[None, :9])[0]
    if k[0] < 0 or k[0] != digits[9] or k[1] != digits[10]:
        return False
    day = int(value[:2])
    if day > 40:
        day -= 40
    month, yy, individual = int(value[2:4]), int(value[4:6]), int(value[6:9])
    if month > SYNTHETIC_MONTH_OFFSET:
        month -= SYNTHETIC_MONTH_OFFSET
    century = 2000 if individual >= 500 and yy <= 39 else 1900
    try:
        date(century + yy, month, day)
    except ValueError:
        return False
    return True


def is_synthetic(value: str) -> bool:
    """True for a valid number with the synthetic-number marker (month + 80)."""
    return is_valid_national_id(value) and int(value[2:4]) > SYNTHETIC_MONTH_OFFSET


def is_d_number(value: str) -> bool:
    """True for a valid D-nummer (first digit 4-7)."""
    return is_valid_national_id(value) and value[0] in "4567"


def duf_number(year: int, serial: int) -> str:
    """A DUF number: 4-digit year + 8-digit serial.

    >>> duf_number(2019, 4711)
    '201900004711'
    """
    if not 1900 <= year <= 9999 or not 0 <= serial < 10**8:
        raise ValueError(f"Ugyldig DUF-nummer / invalid DUF number: {year}, {serial}")
    return f"{year:04d}{serial:08d}"
