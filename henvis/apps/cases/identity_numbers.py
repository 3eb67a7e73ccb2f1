"""Checks of Norwegian identity numbers (pure functions, property-tested).

A fødselsnummer has 11 digits, DDMMYY + individual number + two control digits
(modulus 11). A D-number is the same with 4 added to the first digit. Synthetic test
numbers add 80 to the month (the convention of the Norwegian test registries, used by
``henvis.synthetic``). They are accepted only when asked for (the demo and the tests set
``HENVIS_ACCEPT_SYNTHETIC_IDS``), so that production refuses a number no person can have.

Example::

    >>> valid_national_id("15076500565")
    True
    >>> valid_national_id("15076500566")
    False
"""

from __future__ import annotations

import re

_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _control(digits: list[int], weights: tuple[int, ...]) -> int | None:
    rest = 11 - sum(d * w for d, w in zip(digits, weights, strict=False)) % 11
    if rest == 11:
        return 0
    return None if rest == 10 else rest


def control_digits(first_nine: str) -> str | None:
    """The two control digits for nine digits, or None when no valid number exists."""
    digits = [int(c) for c in first_nine]
    k1 = _control(digits, _W1)
    if k1 is None:
        return None
    k2 = _control([*digits, k1], _W2)
    return None if k2 is None else f"{k1}{k2}"


def is_synthetic(value: str) -> bool:
    """A test-registry number: the month carries +80.

    >>> is_synthetic("15876500565"), is_synthetic("15076500565")
    (True, False)
    """
    number = re.sub(r"\s", "", value)
    return len(number) == 11 and number[2] in "89"


def valid_national_id(value: str, *, allow_synthetic: bool = True) -> bool:
    """A fødselsnummer or D-number with correct control digits (spaces allowed).

    ``allow_synthetic=False`` refuses test-registry numbers (month + 80)."""
    number = re.sub(r"\s", "", value)
    if not re.fullmatch(r"\d{11}", number):
        return False
    if is_synthetic(number) and not allow_synthetic:
        return False
    day = int(number[:2]) - (40 if number[0] in "4567" else 0)
    month = int(number[2:4]) - (80 if number[2] in "89" else 0)
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    return control_digits(number[:9]) == number[9:]


def is_d_number(value: str) -> bool:
    number = re.sub(r"\s", "", value)
    return valid_national_id(number) and number[0] in "4567"


def valid_duf_number(value: str) -> bool:
    """A DUF number: 12 digits (year, serial, check), spaces allowed."""
    return re.fullmatch(r"\d{12}", re.sub(r"\s", "", value)) is not None
