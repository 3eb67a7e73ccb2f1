"""Normalisation of names and birth dates before they are encoded.

Names in this field come in many scripts and spellings: Romanian (ă, ş, ț), Norwegian
(ø, å, æ), Cyrillic and Thai names transliterated in several ways, given and family
names swapped, several given names, hyphens and stray spaces. Everything is reduced to
lower-case ASCII letters and single spaces, and a name becomes a *set* of tokens so that
word order does not matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from anyascii import anyascii

_NON_LETTER = re.compile(r"[^a-z ]+")
_SPACES = re.compile(r" +")
# Hyphens, apostrophes, dots and commas separate name parts ("Müller-Lüdenscheidt",
# "O'Brien" is kept as one token because the apostrophe is dropped, not split).
_SEPARATORS = re.compile(r"[-‐‑‒–—_.,/]+")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def normalise_name(value: object) -> str:
    """Lower-case ASCII letters and single spaces; empty when nothing is left.

    >>> normalise_name("  Ştefan-Ţărână ")
    'stefan tarana'
    >>> normalise_name("Наталья")
    'natalya'
    >>> normalise_name("Ørjan O'Brien")
    'orjan obrien'
    """
    if not isinstance(value, str) or not value:
        return ""  # None, NaN from pandas, or empty
    text = anyascii(value).lower()
    text = _SEPARATORS.sub(" ", text)
    text = _NON_LETTER.sub("", text)
    return _SPACES.sub(" ", text).strip()


def name_tokens(value: object) -> tuple[str, ...]:
    """The distinct tokens of a normalised name, sorted, so order swaps compare equal.

    >>> name_tokens("Maria  Anna-Maria")
    ('anna', 'maria')
    """
    return tuple(sorted(set(normalise_name(value).split())))


@dataclass(frozen=True)
class PartialDate:
    """A birth date known to the day, the month, the year, or not at all.

    Month and day are kept as the two-digit strings given: a typo such as month "13"
    is not a date, but it still compares (unequal) with the other records, which is
    better than losing the year and day that came with it. "00" means unknown.
    """

    year: str | None = None
    month: str | None = None
    day: str | None = None

    @property
    def precision(self) -> str:
        if self.year is None:
            return "missing"
        if self.month is None:
            return "year"
        if self.day is None:
            return "month"
        return "day"

    @property
    def is_plausible(self) -> bool:
        """False when month or day is outside the calendar (a typo in the source)."""
        month_ok = self.month is None or 1 <= int(self.month) <= 12
        day_ok = self.day is None or 1 <= int(self.day) <= 31
        return month_ok and day_ok


def parse_birth_date(value: str | None) -> PartialDate:
    """Parse ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or empty into a :class:`PartialDate`.

    Raises ``ValueError`` for any other form (the caller names the row).

    >>> parse_birth_date("1990-04-07")
    PartialDate(year='1990', month='04', day='07')
    >>> parse_birth_date("1990-00-00").precision
    'year'
    >>> parse_birth_date("").precision
    'missing'
    """
    text = "" if value is None else str(value).strip()
    if not text:
        return PartialDate()
    match = _DATE.match(text)
    if match is None:
        raise ValueError("birth_date is not YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = match.groups()
    if month in (None, "00"):
        return PartialDate(year=year)
    if day in (None, "00"):
        return PartialDate(year=year, month=month)
    return PartialDate(year=year, month=month, day=day)
