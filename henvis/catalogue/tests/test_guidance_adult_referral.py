"""Seed 004 Del 6 punkt 4 and Del 7: adults are offered ROSA and the housing and follow-up
services that fit their sex and form of exploitation, as the guide describes them."""

from __future__ import annotations

from henvis.catalogue.tests.conftest import all_services


def test_man_in_forced_labour_gets_rosa_filemon_and_the_labour_inspection(screen) -> None:
    services = all_services(screen(age=34, sex="male", forms=["forced_labour"], indicators=["fl-02"]))
    assert {"rosa", "safe-house-filemon", "arbeidstilsynet", "sua"} <= services
    assert "marita-women" not in services  # housing for women (Del 8, Maritastiftelsen)
    assert "pro-sentret" not in services  # prostitution services


def test_woman_in_prostitution_gets_marita_and_prostitution_services_not_filemon(screen) -> None:
    services = all_services(screen(age=28, sex="female", forms=["prostitution"], indicators=["pr-03"]))
    assert {"rosa", "marita-women", "lauras-hus", "pro-sentret", "shalam"} <= services
    assert "safe-house-filemon" not in services
    assert "arbeidstilsynet" not in services


def test_man_in_prostitution_is_not_sent_to_women_only_services(screen) -> None:
    services = all_services(screen(age=28, sex="male", forms=["prostitution"]))
    assert "pro-sentret" in services
    assert not {"marita-women", "shalam", "safe-house-filemon"} & services


def test_several_forms_at_once_give_the_services_of_each(screen) -> None:
    services = all_services(screen(age=30, sex="male", forms=["prostitution", "forced_labour"]))
    assert {"safe-house-filemon", "pro-sentret", "arbeidstilsynet"} <= services


def test_unknown_sex_excludes_nothing_but_a_form_service_needs_its_form(screen) -> None:
    services = all_services(screen(age=30, sex="unknown", indicators=["ct-15"]))
    assert {"marita-women", "lauras-hus"} <= services
    # Services the guide gives for one form are offered only when it is suspected (lines 1036, 1060, 1065).
    assert not {"safe-house-filemon", "pro-sentret", "shalam", "pion"} & services


def test_adult_with_accompanying_children_gets_child_welfare_for_the_children(screen, catalogue) -> None:
    g = screen(age=30, sex="female", accompanying_children=True, indicators=["ct-17"])
    assert not g.treated_as_child
    assert {"barnevernvakt", "alarmtelefonen", "rosa"} <= all_services(g)
    assert catalogue.texts["accompanying_children"].text in g.next_steps
    # The duty to notify is about the exploited person being a child; it is not claimed here.
    assert "duty_to_notify_child_welfare" not in [d.id for d in g.duties]


def test_accompanying_children_without_any_sign_changes_nothing(screen) -> None:
    g = screen(age=30, accompanying_children=True)
    assert "barnevernvakt" not in all_services(g)
