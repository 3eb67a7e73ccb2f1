"""Whether a person is a child: the one rule every page, API answer and legal check uses
(pure functions, no Django; unit-tested and used by ``Person.age``).

Seed 004 Del 6: "Er du i tvil om en person er under 18 år, skal personen behandles som
et barn inntil alderen er klarlagt." So:

1. A date of birth decides when there is one. An exact date gives the age on the day;
   a year only or an estimated range of years gives the youngest and the oldest age the
   person can be. All of them under 18: a **minor**. All of them 18 or more: an
   **adult**. Some under and some over (born 2008 and asked in 2026): the **age is in
   doubt**, and the person is treated as a child.
2. Without a date of birth the worker's flags decide: "age in doubt" (treated as a
   child), "minor" (a minor), neither (**unknown**: not treated as a child).
3. "Age in doubt" also holds against a date that says adult (the papers may be false),
   but "minor" does not: an adult by the date with "minor" ticked is a contradiction,
   refused when entered (``contradicts_minor_flag``). A flag left from when a person was
   still a child gives way to the date once the person turns 18.

>>> from datetime import date
>>> age_of("exact", "2014-03-01", on=date(2026, 12, 3)).status
<AgeStatus.MINOR: 'minor'>
>>> age_of("year", "2008", on=date(2026, 12, 3)).status
<AgeStatus.IN_DOUBT: 'in_doubt'>
>>> age_of("year", "1980", minor=True, on=date(2026, 12, 3)).status
<AgeStatus.ADULT: 'adult'>
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

ADULT_AGE = 18


class AgeStatus(StrEnum):
    MINOR = "minor"
    IN_DOUBT = "in_doubt"
    ADULT = "adult"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Age:
    status: AgeStatus
    by_birth_date: bool  # decided by the date of birth (else by the worker's flags)

    @property
    def treat_as_child(self) -> bool:
        """Minor or age in doubt: the duties and rights for children apply."""
        return self.status in (AgeStatus.MINOR, AgeStatus.IN_DOUBT)


def birth_bounds(precision: str, birth: str) -> tuple[date, date] | None:
    """The earliest and the latest possible date of birth, or None when not known.

    >>> birth_bounds("range", "2007/2009")
    (datetime.date(2007, 1, 1), datetime.date(2009, 12, 31))
    """
    text = (birth or "").strip()
    try:
        if precision == "exact":
            born = date.fromisoformat(text)
            return born, born
        if precision == "year":
            year = int(text[:4])
            return date(year, 1, 1), date(year, 12, 31)
        if precision == "range":
            first, _sep, last = text.partition("/")
            return date(int(first), 1, 1), date(int(last or first), 12, 31)
    except ValueError:
        return None
    return None


def age_on(born: date, on: date) -> int:
    """Whole years on ``on`` (born 29 February: a year older on 1 March in other years)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def age_by_birth(precision: str, birth: str, on: date) -> AgeStatus | None:
    """What the date of birth alone says, or None without one."""
    bounds = birth_bounds(precision, birth)
    if bounds is None:
        return None
    earliest, latest = bounds
    if age_on(earliest, on) < ADULT_AGE:
        return AgeStatus.MINOR
    if age_on(latest, on) >= ADULT_AGE:
        return AgeStatus.ADULT
    return AgeStatus.IN_DOUBT


def age_of(precision: str, birth: str, *, minor: bool = False, age_in_doubt: bool = False,
           on: date) -> Age:
    """The person's age status on ``on`` (rules 1-3 above)."""
    by_birth = age_by_birth(precision, birth, on)
    if by_birth is AgeStatus.ADULT and age_in_doubt:
        return Age(AgeStatus.IN_DOUBT, by_birth_date=False)
    if by_birth is not None:
        return Age(by_birth, by_birth_date=True)
    if age_in_doubt:
        return Age(AgeStatus.IN_DOUBT, by_birth_date=False)
    return Age(AgeStatus.MINOR if minor else AgeStatus.UNKNOWN, by_birth_date=False)


def contradicts_minor_flag(precision: str, birth: str, *, minor: bool, age_in_doubt: bool,
                           on: date) -> bool:
    """"Minor" ticked for a person who is 18 or older by the date of birth, without
    "age in doubt" to say the date may be wrong."""
    return minor and not age_in_doubt and age_by_birth(precision, birth, on) is AgeStatus.ADULT
