"""How a registration records a person's birth date.

A record holds "YYYY-MM-DD", "YYYY-MM", "YYYY" or "" (unknown). Persons who know their
birth date are mostly recorded exactly; sometimes only the year or month is written, the
year is estimated (off by one), day and month are swapped, or the field is left empty.
Persons who do not know it are recorded as 1 January of an estimated year (as immigration
records commonly do), or by the year alone, or not at all.

Example:
    >>> import random
    >>> render_birth_date(1990, 3, 17, uncertain=False, estimated_year=1990,
    ...                   rng=random.Random(4))
    '1990-03-17'
"""

from __future__ import annotations

import random
from typing import Final

# (probability, kind) for persons who know their birth date.
KNOWN: Final[tuple[tuple[float, str], ...]] = (
    (0.72, "exact"), (0.05, "month"), (0.08, "year"), (0.04, "estimated_year"),
    (0.04, "day_month_swapped"), (0.07, "missing"),
)
# ... and for persons who do not (the person's papers carry ``estimated_year``).
UNKNOWN: Final[tuple[tuple[float, str], ...]] = (
    (0.55, "january_first"), (0.20, "papers_year"), (0.10, "estimated_year"), (0.15, "missing"),
)


def _choose(options: tuple[tuple[float, str], ...], rng: random.Random) -> str:
    u = rng.random()
    for p, kind in options:
        if u < p:
            return kind
        u -= p
    return options[-1][1]


def render_birth_date(
    year: int, month: int, day: int, *, uncertain: bool, estimated_year: int, rng: random.Random,
    known: tuple[tuple[float, str], ...] = KNOWN, unknown: tuple[tuple[float, str], ...] = UNKNOWN,
) -> str:
    """The birth date as one registration records it (``known``/``unknown``: the
    tables of the population profile)."""
    if uncertain:
        kind = _choose(unknown, rng)
        if kind == "january_first":
            return f"{estimated_year:04d}-01-01"
        if kind == "papers_year":
            return f"{estimated_year:04d}"
        if kind == "estimated_year":
            return f"{estimated_year + rng.choice((-1, 1)):04d}"
        return ""
    kind = _choose(known, rng)
    if kind == "month":
        return f"{year:04d}-{month:02d}"
    if kind == "year":
        return f"{year:04d}"
    if kind == "estimated_year":
        return f"{year + rng.choice((-1, 1)):04d}"
    if kind == "missing":
        return ""
    if kind == "day_month_swapped" and day <= 12 and day != month:
        return f"{year:04d}-{day:02d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"
