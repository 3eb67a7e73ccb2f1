"""The pure date rules of seed 001 ch. 3.2 and 5.3."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from henvis.apps.cases import periods
from henvis.apps.cases.periods import Urgency

dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


def test_reflection_period_lasts_six_months() -> None:
    assert periods.reflection_period_end(date(2026, 3, 15)) == date(2026, 9, 15)


def test_reflection_period_from_end_of_month_is_clamped() -> None:
    assert periods.reflection_period_end(date(2026, 8, 31)) == date(2027, 2, 28)
    assert periods.reflection_period_end(date(2027, 8, 31)) == date(2028, 2, 29)


def test_limited_permit_is_at_most_twelve_months() -> None:
    assert periods.limited_permit_end(date(2026, 1, 10)) == date(2027, 1, 10)
    assert periods.limited_permit_end(date(2026, 1, 10), 3) == date(2026, 4, 10)
    with pytest.raises(ValueError):
        periods.limited_permit_end(date(2026, 1, 10), 13)


def test_placement_is_reviewed_after_six_weeks_and_ends_after_six_months() -> None:
    first = date(2026, 1, 1)
    assert periods.placement_review(first) == date(2026, 2, 12)
    assert periods.placement_maximum_end(first) == date(2026, 7, 1)
    # The fifth decision in a chain is cut at the six-month maximum.
    fifth = first + 4 * timedelta(weeks=6)
    assert periods.placement_end(fifth, first) == date(2026, 7, 1)


def test_urgency_windows() -> None:
    today = date(2026, 5, 1)
    assert periods.urgency(date(2026, 4, 30), today) is Urgency.OVERDUE
    assert periods.urgency(today, today) is Urgency.DUE_SOON
    assert periods.urgency(date(2026, 5, 15), today) is Urgency.DUE_SOON
    assert periods.urgency(date(2026, 5, 16), today) is Urgency.LATER


@given(dates, st.integers(min_value=0, max_value=240))
def test_add_months_keeps_the_day_or_clamps_to_month_end(start: date, months: int) -> None:
    end = periods.add_months(start, months)
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == months
    assert end.day == start.day or (end.day < start.day and (end + timedelta(days=1)).day == 1)


@given(dates)
def test_placement_end_never_exceeds_six_weeks_or_the_maximum(start: date) -> None:
    first = start - timedelta(days=50)
    end = periods.placement_end(start, first)
    assert end <= start + timedelta(weeks=6)
    assert end <= periods.placement_maximum_end(first)


def test_a_referral_is_answered_within_fourteen_days_a_child_welfare_notification_within_seven() -> None:
    sent = date(2026, 8, 3)
    assert periods.referral_answer_due(sent, duty_to_notify=False) == date(2026, 8, 17)
    assert periods.referral_answer_due(sent, duty_to_notify=True) == date(2026, 8, 10)
    assert periods.referral_answer_due(sent, duty_to_notify=True, days=3) == date(2026, 8, 6)
    assert periods.urgency(periods.referral_answer_due(sent, False), date(2026, 12, 3)) == Urgency.OVERDUE
