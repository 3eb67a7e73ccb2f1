"""Seed 004 Del 6 punkt 1 and 3: a person under 18, or whose age is in doubt, is treated
as a child: meldeplikt for public employees, avvergingsplikt, do not leave the child,
barnevernvakt, 116 111, Bufdir 466 15 000, consent irrelevant."""

from __future__ import annotations

from henvis.catalogue.tests.conftest import acute_phones, all_services, duty_ids


def test_minor_with_indicators_gives_public_employee_the_duty_to_notify(screen, catalogue) -> None:
    g = screen(reporter_kind="school", age=15, indicators=["bg-m02", "pl-m01"], reason_to_believe=True)
    assert g.treated_as_child and g.child_basis == "under_18"
    assert "duty_to_notify_child_welfare" in duty_ids(g)
    notify = next(d for d in g.duties if d.id == "duty_to_notify_child_welfare")
    assert notify.mandatory and notify.legal_basis == "barnevernsloven § 13-2 bokstav e"
    assert {"116 111"} <= acute_phones(g)
    assert {"barnevernvakt", "alarmtelefonen", "bufdir-veiledning"} <= all_services(g)
    assert catalogue.texts["do_not_leave_child"].text in g.next_steps
    assert catalogue.texts["consent_minor"].text in g.notes


def test_under_18_is_a_sign_of_grov_menneskehandel_so_the_duty_to_avert_applies(screen, catalogue) -> None:
    g = screen(reporter_kind="private_person", age=17, indicators=["ct-01"])
    assert "duty_to_avert" in duty_ids(g)
    avert = next(d for d in g.duties if d.id == "duty_to_avert")
    under_18 = next(a.text for a in catalogue.law.aggravating if a.id == "under_18")
    assert under_18 in avert.reasons


def test_age_in_doubt_is_treated_as_a_child(screen, catalogue) -> None:
    g = screen(reporter_kind="police", age=19, age_in_doubt=True, indicators=["be-m01"])
    assert g.treated_as_child and g.child_basis == "age_in_doubt"
    assert {"duty_to_notify_child_welfare", "duty_to_avert"} <= set(duty_ids(g))
    assert catalogue.texts["treat_as_child"].text in g.notes
    # The adult services of Del 6 punkt 4 are not offered while the age is in doubt.
    assert "rosa" not in all_services(g)


def test_age_unknown_but_in_doubt_is_enough(screen) -> None:
    g = screen(age_in_doubt=True, forms=["forced_labour"])
    assert g.treated_as_child and "duty_to_notify_child_welfare" in duty_ids(g)


def test_private_person_has_no_duty_to_notify_but_may_report(screen) -> None:
    g = screen(reporter_kind="private_person", age=14, indicators=["bg-m02"])
    assert "duty_to_notify_child_welfare" not in duty_ids(g)
    may = next(d for d in g.duties if d.id == "may_notify_private")
    assert not may.mandatory


def test_ngo_has_the_duty_only_when_doing_public_tasks(screen) -> None:
    without = screen(reporter_kind="ngo", public_tasks=False, age=16, indicators=["bg-m02"])
    with_tasks = screen(reporter_kind="ngo", public_tasks=True, age=16, indicators=["bg-m02"])
    assert "duty_to_notify_child_welfare" not in duty_ids(without)
    assert "duty_to_notify_child_welfare" in duty_ids(with_tasks)


def test_public_tasks_flag_does_not_remove_the_duty_from_a_public_authority(screen) -> None:
    g = screen(reporter_kind="welfare", public_tasks=False, age=16, indicators=["bg-m02"])
    assert "duty_to_notify_child_welfare" in duty_ids(g)


def test_minor_without_any_sign_gets_no_duty_but_still_child_contacts(screen) -> None:
    g = screen(age=12)
    assert not g.grounds
    assert duty_ids(g) == []
    assert {"barnevernvakt", "alarmtelefonen", "bufdir-veiledning"} <= all_services(g)


def test_conversation_tips_for_minors_only_for_children(screen, catalogue) -> None:
    child = screen(age=15, indicators=["bg-01"])
    adult = screen(age=30, indicators=["bg-01"])
    minor_tip = catalogue.conversation.minor_tips[0]
    assert minor_tip in child.conversation
    assert minor_tip not in adult.conversation


def test_rights_sheet_for_a_child_has_the_minors_rights_and_not_the_adult_helpline(screen, catalogue) -> None:
    g = screen(age=15, indicators=["bg-01"])
    assert catalogue.rights.minors in g.rights
    rosa_line = next(r.text for r in catalogue.rights.tell_the_person if r.audience == "adult")
    assert rosa_line not in g.rights
