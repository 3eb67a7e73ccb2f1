"""Seed 004 Del 6 Merk (no grounds), Del 3 (exploitation abroad), Del 7 (non-punishment)
and Del 2 (war service, organ removal)."""

from __future__ import annotations

from henvis.catalogue.tests.conftest import all_services, duty_ids


def test_no_grounds_says_the_person_may_still_need_help_and_points_to_general_services(screen, catalogue) -> None:
    g = screen(age=30)
    assert not g.grounds and duty_ids(g) == []
    assert catalogue.texts["no_grounds"].text in g.next_steps
    assert {"nav", "stottesenter", "legevakt"} <= all_services(g)
    assert not g.findings


def test_grounds_do_not_show_the_no_grounds_advice(screen, catalogue) -> None:
    g = screen(age=30, indicators=["bg-01"])
    assert catalogue.texts["no_grounds"].text not in g.next_steps


def test_exploitation_abroad_keeps_every_duty_and_adds_the_note(screen, catalogue) -> None:
    home = screen(reporter_kind="police", age=16, indicators=["bg-m02"])
    abroad = screen(reporter_kind="police", age=16, indicators=["bg-m02"], abroad=True)
    assert duty_ids(abroad) == duty_ids(home)
    assert catalogue.texts["abroad"].text in abroad.notes
    assert catalogue.texts["abroad"].text not in home.notes
    # Abroad alone says nothing about going home: no return services (issue 20 item 6).
    assert not {"udi", "iom"} & all_services(abroad)


def test_forced_criminality_brings_the_non_punishment_note(screen, catalogue) -> None:
    assert catalogue.texts["non_punishment"].text in screen(age=30, arenas=["drugs"]).notes
    assert catalogue.texts["non_punishment"].text in screen(age=30, indicators=["ct-14"]).notes
    assert catalogue.texts["non_punishment"].text not in screen(age=30, indicators=["bg-01"]).notes


def test_organ_removal_for_a_health_worker_adds_only_what_the_guide_says(screen, catalogue) -> None:
    """Line 182: no Norwegian cases; the guide routes organ removal to no particular body,
    so no police group or KOM referral of its own (KOM "behandler ikke enkeltsaker", line 41)."""
    g = screen(age=30, forms=["organ_removal"])
    assert catalogue.texts["war_or_organ"].text in g.notes
    assert "kom" not in all_services(g)
    assert "war_service_or_organs" in [r.id for r in g.rules]


def test_findings_group_observed_indicators_by_category_in_catalogue_order(screen) -> None:
    g = screen(age=30, indicators=["ct-20", "bg-03", "fl-01", "bg-01"], forms=["forced_labour"])
    assert [f.category.id for f in g.findings] == ["background", "controlled", "forced_labour"]
    assert [i.id for i in g.findings[0].indicators] == ["bg-01", "bg-03"]


def test_guidance_never_carries_a_score(screen) -> None:
    data = screen(age=30, indicators=["bg-01", "ct-15"]).to_dict()
    assert not {"score", "verdict", "probability", "risk"} & set(data)
    assert data["overall"][0]["nb"].startswith("Indikatorene er ikke rangert")


def test_example_questions_follow_the_suspected_form(screen) -> None:
    labour = {q.id for q in screen(age=30, forms=["forced_labour"]).questions}
    sex = {q.id for q in screen(age=30, forms=["prostitution"]).questions}
    # Pay and work questions fit prostitution too (lines 483, 608).
    assert {"q-01", "q-03"} <= labour and {"q-01", "q-03"} <= sex
    assert "q-05" in sex and "q-05" not in labour  # "Hvordan kommer du i kontakt med kunder?"
