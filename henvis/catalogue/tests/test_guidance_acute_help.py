"""Seed 004 Del 6 punkt 2: acute danger 112, life-threatening illness 113, urgent health
help 116 117, non-acute police 02800; an adult needing a safe place: ROSA 22 33 11 60."""

from __future__ import annotations

from henvis.catalogue.tests.conftest import acute_phones


def test_each_acute_need_gives_its_number(screen) -> None:
    assert "112" in acute_phones(screen(age=30, danger_now=True))
    assert "113" in acute_phones(screen(age=30, life_threatening=True))
    assert "116 117" in acute_phones(screen(age=30, urgent_health=True))


def test_no_acute_need_gives_no_emergency_number_and_no_police_to_call(screen) -> None:
    g = screen(age=30, indicators=["bg-01"])
    assert not acute_phones(g)
    # Issue 20 item 2: no duty, no danger, no wish: the police are an option to consider
    # (line 673), not a number to call now.
    assert "police" in {c.service.id for c in g.referrals}


def test_adult_needing_a_safe_place_gets_rosa_day_and_night(screen) -> None:
    g = screen(age=25, needs_safe_place=True)
    rosa = next(c.service for c in g.acute_contacts if c.service.id == "rosa")
    assert rosa.phone == "22 33 11 60"
    assert rosa.hours is not None and rosa.hours.nb == "døgnåpen linje"


def test_child_needing_a_safe_place_gets_child_welfare_not_rosa(screen) -> None:
    g = screen(age=16, needs_safe_place=True, indicators=["bg-m02"], reason_to_believe=True)
    ids = {c.service.id for c in g.acute_contacts}
    assert "rosa" not in ids and "barnevernvakt" in ids


def test_emergency_numbers_come_before_the_non_acute_police_line(screen) -> None:
    g = screen(age=16, danger_now=True, indicators=["bg-m02"], most_likely=True)
    phones = [c.service.phone for c in g.acute_contacts]
    assert phones[0] == "112"
    assert phones.index("116 111") < phones.index("02800")
