"""Pure date rules for the decisions a case follows (no Django; unit-tested).

Sources: seed 001 chapter 3.2 (reflection period 6 months, not renewable; limited
permit up to 12 months, renewable) and chapter 5.3 with footnote 24 (acute placement
up to 2 weeks; institution placement up to 6 weeks at a time and 6 months in total).

Example::

    >>> from datetime import date
    >>> reflection_period_end(date(2026, 8, 31))
    datetime.date(2027, 2, 28)
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from enum import StrEnum

REFLECTION_MONTHS = 6
LIMITED_PERMIT_MAX_MONTHS = 12
ACUTE_PLACEMENT_DAYS = 14
PLACEMENT_STEP = timedelta(weeks=6)
PLACEMENT_MAX_MONTHS = 6
DUE_SOON_DAYS = 14
# An unanswered referral: the receiver should accept or decline within 14 days (the
# default of HENVIS_REFERRAL_ANSWER_DAYS); a notification to child welfare within a week,
# the time the child welfare service has to review a notification (barnevernsloven
# § 2-1; seed 001 ch. 5.3: "snarest").
REFERRAL_ANSWER_DAYS = 14
CHILD_WELFARE_NOTIFICATION_DAYS = 7


def add_months(start: date, months: int) -> date:
    """Same day ``months`` later, clamped to the month's last day (31 Aug + 6 -> 28 Feb)."""
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def reflection_period_end(start: date) -> date:
    """The reflection period lasts 6 months from the start (utf. § 8-3 first paragraph)."""
    return add_months(start, REFLECTION_MONTHS)


def limited_permit_end(start: date, months: int = LIMITED_PERMIT_MAX_MONTHS) -> date:
    """A limited permit lasts at most 12 months (utf. § 8-3 second paragraph)."""
    if not 1 <= months <= LIMITED_PERMIT_MAX_MONTHS:
        raise ValueError("begrenset oppholdstillatelse: 1-12 måneder / limited permit: 1-12 months")
    return add_months(start, months)


def acute_placement_end(start: date) -> date:
    return start + timedelta(days=ACUTE_PLACEMENT_DAYS)


def placement_review(start: date) -> date:
    """An institution placement decision runs at most 6 weeks; a new decision is due then."""
    return start + PLACEMENT_STEP


def placement_maximum_end(first_start: date) -> date:
    """All consecutive placement decisions together: at most 6 months from the first."""
    return add_months(first_start, PLACEMENT_MAX_MONTHS)


def placement_end(start: date, first_start: date) -> date:
    """The latest end of one placement decision in a chain that began on ``first_start``."""
    return min(placement_review(start), placement_maximum_end(first_start))


def referral_answer_due(sent: date, duty_to_notify: bool, days: int = REFERRAL_ANSWER_DAYS) -> date:
    """When a referral sent on ``sent`` should have been answered."""
    return sent + timedelta(days=min(days, CHILD_WELFARE_NOTIFICATION_DAYS) if duty_to_notify else days)


class Urgency(StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    LATER = "later"


def urgency(due: date, today: date, window_days: int = DUE_SOON_DAYS) -> Urgency:
    """``overdue`` before today, ``due_soon`` within ``window_days`` (today included)."""
    if due < today:
        return Urgency.OVERDUE
    if due <= today + timedelta(days=window_days):
        return Urgency.DUE_SOON
    return Urgency.LATER

