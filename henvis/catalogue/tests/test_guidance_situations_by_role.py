"""Issue 20: the eight situations, for every kind of reporter, checked against seed 004
line by line (line numbers of ``sources/004_149b71bd822522b7.txt``). Each test is named
after the situation and the role and cites the line it follows."""

from __future__ import annotations

from typing import Any

import pytest

from henvis.catalogue import Guidance
from henvis.catalogue.tests.conftest import all_services, duty_ids
from henvis.catalogue.tests.situations import SITUATIONS

KINDS = ["police", "immigration", "child_welfare", "welfare", "health", "labour", "school", "other_public",
         "ngo", "private_company", "private_person"]


def _duty(g: Guidance, duty_id: str) -> Any:
    return next(d for d in g.duties if d.id == duty_id)


def _acute(g: Guidance) -> list[str]:
    return [c.service.id for c in g.acute_contacts]


# --- every situation, every role: the invariants of the guide ------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("situation", sorted(SITUATIONS))
def test_every_situation_for_every_role_follows_the_guide(screen, catalogue, situation: str, kind: str) -> None:
    answers = SITUATIONS[situation]
    g = screen(reporter_kind=kind, **answers)
    own = set(catalogue.reporter_kind(kind).own_services)
    assert not own & all_services(g), "item 4: a role is never sent to its own service"
    # Item 1 (lines 694, 714): a duty is mandatory only when the worker's judgement says so.
    for d in g.duties:
        if d.id == "duty_to_avert":
            assert d.mandatory == bool(answers.get("most_likely"))
        elif d.id == "duty_to_notify_child_welfare":
            assert d.mandatory == bool(answers.get("reason_to_believe") or answers.get("most_likely"))
        else:
            assert not d.mandatory
        if d.threshold is not None:
            assert d.threshold.source.startswith("seed 004 Del 6 punkt 1")
    # Item 3 (line 696): acute danger is 112 at once, first under "call now", for every role but the police.
    if answers.get("danger_now") and kind != "police":
        assert _acute(g)[0] == "police-emergency"
        assert catalogue.texts["call_112_now"].text == g.next_steps[0]
    # Item 2 (lines 644, 673): no police under "call now" without a duty in force or the person's wish.
    if not answers.get("most_likely") and not answers.get("wants_police"):
        assert "police" not in _acute(g)
    # Item 4: what this role does itself.
    assert g.your_role, "every role is told what it does itself"
    if kind in {"police", "immigration"}:
        assert catalogue.texts["non_punishment_expulsion"].text in g.must_not  # line 926
        assert catalogue.texts["do_not_remove_before_identification"].text in g.must_not  # line 292
    if g.treated_as_child:
        assert not {"rosa", "iom", "nav", "nav-htso"} & all_services(g)  # adults' services (lines 745, 944, 989)
    assert "kom" not in all_services(g)  # item 8, line 41: KOM does not handle single cases


# --- 1. duties decided by the worker's judgement ----------------------------------------------


def test_girl_16_in_prostitution_school_one_indicator_duties_are_to_assess(screen, catalogue) -> None:
    """Line 353: one indicator need not mean exploitation; 714: notify when there is reason to
    believe; 694: avert when most likely. Not answered: shown with the threshold, not as mandatory."""
    g = screen(reporter_kind="school", **SITUATIONS["girl_16_in_prostitution"])
    notify, avert = _duty(g, "duty_to_notify_child_welfare"), _duty(g, "duty_to_avert")
    assert not notify.mandatory and not avert.mandatory
    assert notify.threshold == catalogue.texts["threshold_notify"].text
    assert "grunn til å tro" in notify.threshold.nb and "linje 714" in notify.threshold.source
    assert avert.threshold == catalogue.texts["threshold_avert"].text
    assert "mest sannsynlig" in avert.threshold.nb and "694" in avert.threshold.source
    assert not notify.threshold_met and not avert.threshold_met
    assert not g.acute_contacts  # nothing to call now: no danger, no duty in force, no wish


def test_girl_16_in_prostitution_school_reason_to_believe_makes_the_duty_to_notify_mandatory(screen, catalogue) -> None:
    """Line 714: "grunn til å tro" is the trigger; then child welfare is to be called (line 744)."""
    g = screen(reporter_kind="school", reason_to_believe=True, **SITUATIONS["girl_16_in_prostitution"])
    assert _duty(g, "duty_to_notify_child_welfare").mandatory
    assert not _duty(g, "duty_to_avert").mandatory
    assert {"barnevernvakt", "alarmtelefonen"} <= set(_acute(g))
    assert "police" not in _acute(g)


def test_girl_16_in_prostitution_health_most_likely_makes_the_duty_to_avert_mandatory(screen, catalogue) -> None:
    """Lines 692-696: under 18 is a sign of grov menneskehandel; believing it most likely
    triggers § 196, which overrides confidentiality: notify the local police."""
    g = screen(reporter_kind="health", most_likely=True, **SITUATIONS["girl_16_in_prostitution"])
    avert = _duty(g, "duty_to_avert")
    assert avert.mandatory and avert.threshold_met
    under_18 = next(a.text for a in catalogue.law.aggravating if a.id == "under_18")
    assert under_18 in avert.reasons
    assert "police" in _acute(g)
    assert _duty(g, "duty_to_notify_child_welfare").mandatory  # most likely includes reason to believe
    assert catalogue.texts["keep_confidentiality"].text not in g.must_not


# --- 2. the police only for danger, a duty or the person's wish --------------------------------


def test_woman_in_prostitution_who_does_not_want_the_police_health_gets_no_police_to_call(screen, catalogue) -> None:
    """Lines 644, 673, 686: consider notifying, keep confidentiality; the police help when the
    person is in danger or wants to report."""
    g = screen(reporter_kind="health", **SITUATIONS["woman_in_prostitution_who_does_not_want_the_police"])
    assert "police" not in _acute(g)
    assert "police" in {c.service.id for c in g.referrals}
    assert duty_ids(g) == ["consider_notifying_adult"]
    assert catalogue.texts["keep_confidentiality"].text in g.must_not


def test_woman_in_prostitution_who_wants_to_report_ngo_gets_the_police_to_call(screen, catalogue) -> None:
    """Line 644: "Politiet kan hjelpe deg hvis du er i fare, eller du vil anmelde"."""
    g = screen(reporter_kind="ngo", wants_police=True, **SITUATIONS["woman_in_prostitution_who_does_not_want_the_police"])
    police = next(c for c in g.acute_contacts if c.service.id == "police")
    assert police.reason == catalogue.texts["reason_wants_police"].text


def test_adult_in_acute_danger_police_are_not_told_to_call_the_police(screen) -> None:
    g = screen(reporter_kind="police", wants_police=True, **SITUATIONS["adult_in_acute_danger"])
    assert not {"police", "police-emergency"} & all_services(g)


# --- 3. acute danger: 112 at once ------------------------------------------------------------------


def test_adult_in_acute_danger_private_person_calls_112_at_once(screen, catalogue) -> None:
    """Line 696: "Er det akutt fare for liv og helse, skal du umiddelbart ringe politiet på 112"."""
    g = screen(reporter_kind="private_person", **SITUATIONS["adult_in_acute_danger"])
    assert g.acute_contacts[0].service.phone == "112"
    assert g.next_steps[0] == catalogue.texts["call_112_now"].text
    assert "linje 696" in g.next_steps[0].source


# --- 4. advice per role; no role sent to itself ------------------------------------------------


def test_unaccompanied_minor_selling_drugs_child_welfare_gets_its_own_steps_not_a_duty_to_notify_itself(screen, catalogue) -> None:
    """Lines 744, 749-753, 896-903: emergency and institution placement, protection measures,
    asking the County Governor for a guardian, cooperation with the police."""
    g = screen(reporter_kind="child_welfare", **SITUATIONS["unaccompanied_minor_age_in_doubt_selling_drugs"])
    assert "duty_to_notify_child_welfare" not in duty_ids(g)
    assert not {"barnevernvakt", "alarmtelefonen"} & all_services(g)
    for key in ("role_child_welfare_measures", "role_child_welfare_placement", "role_child_welfare_guardian",
                "role_child_welfare_police"):
        assert catalogue.texts[key].text in g.your_role
    placement = catalogue.texts["role_child_welfare_placement"].text
    assert "§ 4–5" in placement.nb and "§ 6–6" in placement.nb and "10–13" in placement.nb
    assert "Statsforvalteren" in catalogue.texts["role_child_welfare_guardian"].text.nb
    assert catalogue.texts["non_punishment"].text in g.notes  # line 924: drug crime


def test_unaccompanied_minor_selling_drugs_police_get_their_own_tasks_and_are_not_sent_to_the_police(screen, catalogue) -> None:
    """Lines 875 and 751 (police tasks for a child), 926 (expulsion), 292 (removal)."""
    g = screen(reporter_kind="police", **SITUATIONS["unaccompanied_minor_age_in_doubt_selling_drugs"])
    assert catalogue.texts["role_police_child"].text in g.your_role
    assert not {"police", "police-emergency"} & all_services(g)
    assert "barnevernvakt" in _acute(g)  # the police cooperate with child welfare (line 765)
    assert "utvisning og bortvisning" in catalogue.texts["non_punishment_expulsion"].text.nb


def test_unaccompanied_minor_selling_drugs_immigration_is_told_about_expulsion_and_removal(screen, catalogue) -> None:
    """Lines 926 and 292; UDI is not sent to UDI."""
    g = screen(reporter_kind="immigration", **SITUATIONS["unaccompanied_minor_age_in_doubt_selling_drugs"])
    assert catalogue.texts["non_punishment_expulsion"].text in g.must_not
    assert catalogue.texts["do_not_remove_before_identification"].text in g.must_not
    assert "udi" not in all_services(g)
    assert _duty(g, "duty_to_notify_child_welfare").mandatory  # UDI is a public authority (line 714)


def test_man_in_forced_labour_labour_inspection_is_not_sent_to_itself(screen, catalogue) -> None:
    """Lines 1010 and 156: what the inspection does; it is not referred to Arbeidstilsynet or SUA."""
    g = screen(reporter_kind="labour", **SITUATIONS["man_in_forced_labour_on_a_building_site"])
    assert not {"arbeidstilsynet", "sua"} & all_services(g)
    assert catalogue.texts["role_labour"].text in g.your_role
    assert "safe-house-filemon" in all_services(g)


def test_man_in_forced_labour_nav_gets_htso_for_guidance_and_not_nav(screen, catalogue) -> None:
    """Line 990: HTSO guides NAV nationally; NAV is not sent to NAV."""
    g = screen(reporter_kind="welfare", **SITUATIONS["man_in_forced_labour_on_a_building_site"])
    assert "nav-htso" in all_services(g) and "nav" not in all_services(g)
    assert catalogue.texts["role_welfare"].text in g.your_role


def test_man_in_forced_labour_health_is_not_offered_htso(screen) -> None:
    """Line 990: HTSO guides NAV and follows up in Oslo; it is not a service for persons anywhere."""
    assert "nav-htso" not in all_services(screen(reporter_kind="health", **SITUATIONS["man_in_forced_labour_on_a_building_site"]))


# --- 5. no child welfare for an adult alone --------------------------------------------------------


def test_man_in_forced_labour_ngo_considers_the_police_not_child_welfare(screen, catalogue) -> None:
    """Line 675 concerns minors: an adult with no children gets "consider notifying the police"."""
    g = screen(reporter_kind="ngo", **SITUATIONS["man_in_forced_labour_on_a_building_site"])
    duty = _duty(g, "consider_notifying_adult")
    assert "barnevern" not in duty.text.nb and "child welfare" not in duty.text.en
    assert "consider_notifying" not in duty_ids(g)
    assert not {"barnevernvakt", "alarmtelefonen", "bufdir-veiledning"} & all_services(g)
    # A man in forced labour is not offered a women's service (issue 15 item 6; lines 1042, 1065).
    assert not {"marita-women", "shalam", "pro-sentret", "pion"} & all_services(g)


def test_adult_with_accompanying_children_ngo_considers_police_and_child_welfare(screen) -> None:
    """Line 759: accompanying children; then child welfare is relevant for an adult too."""
    g = screen(reporter_kind="ngo", age=30, accompanying_children=True, indicators=["ct-17"])
    assert "consider_notifying" in duty_ids(g) and "consider_notifying_adult" not in duty_ids(g)


# --- 6. the person wants to go home -----------------------------------------------------------------


def test_adult_who_wants_to_go_home_health_gets_udi_and_iom(screen, catalogue) -> None:
    """Lines 653 and 942: UDI offers assisted return through IOM."""
    g = screen(reporter_kind="health", **SITUATIONS["adult_who_wants_to_go_home"])
    assert {"udi", "iom"} <= all_services(g)
    assert catalogue.texts["return_adult"].text in g.next_steps


def test_child_who_wants_to_go_home_school_gets_the_best_interest_path_not_iom(screen, catalogue) -> None:
    """Line 944: UDI assesses the child's best interest with the police and child welfare."""
    g = screen(reporter_kind="school", **SITUATIONS["child_who_wants_to_go_home"])
    assert "iom" not in all_services(g)
    assert {"udi", "barnevernvakt"} <= all_services(g)
    assert catalogue.texts["return_child"].text in g.next_steps
    assert "linje 944" in catalogue.texts["return_child"].text.source


def test_child_abroad_without_wish_to_go_home_police_get_no_return_services(screen) -> None:
    """Abroad alone (line 291) says nothing about return."""
    answers = {**SITUATIONS["child_who_wants_to_go_home"], "wants_to_go_home": False}
    assert not {"udi", "iom"} & all_services(screen(reporter_kind="police", **answers))


# --- 7. wording of the duty to notify -------------------------------------------------------------


def test_girl_16_in_prostitution_school_duty_text_says_not_responsible_for_investigating(screen) -> None:
    """Line 718: not responsible for investigating further; notifying is no breach of confidentiality."""
    g = screen(reporter_kind="school", reason_to_believe=True, **SITUATIONS["girl_16_in_prostitution"])
    text = _duty(g, "duty_to_notify_child_welfare").text
    assert "du skal ikke selv undersøke videre" not in text.nb
    assert "har ikke ansvar for selv å foreta ytterligere undersøkelser" in text.nb
    assert "foreligger det ikke et brudd på taushetsplikten" in text.nb
    assert "no breach of confidentiality" in text.en
    threshold = _duty(g, "duty_to_notify_child_welfare").threshold
    assert "har ikke ansvar for selv å undersøke videre" in threshold.nb and "skal ikke" not in threshold.nb


# --- 8. smaller corrections -----------------------------------------------------------------------


def test_au_pair_ngo_is_offered_the_caritas_counselling_centres(screen, catalogue) -> None:
    """Line 1048: Caritas has counselling centres for au pairs and host families."""
    g = screen(reporter_kind="ngo", **SITUATIONS["au_pair"])
    caritas = next(c for c in g.referrals if c.service.id == "caritas")
    assert caritas.reason == catalogue.texts["reason_au_pair"].text
    assert "au pair" in catalogue.service("caritas").description.nb


def test_man_in_forced_labour_immigration_is_told_eea_citizens_can_apply(screen, catalogue) -> None:
    """Line 867: "Det gjelder også for EØS-borgere"."""
    g = screen(reporter_kind="immigration", **SITUATIONS["man_in_forced_labour_on_a_building_site"])
    assert any("EØS-borgere" in t.nb and "EEA citizens" in t.en for t in g.your_role)


def test_organ_removal_health_gets_no_police_group_or_kom_of_its_own(screen, catalogue) -> None:
    """Line 182 names no body for organ removal; KOM "behandler ikke enkeltsaker" (41, 952)."""
    g = screen(reporter_kind="health", **SITUATIONS["organ_removal"])
    assert catalogue.texts["war_or_organ"].text in g.notes
    assert "kom" not in all_services(g) and "police" not in _acute(g)
    assert "02800" not in catalogue.texts["war_or_organ"].text.nb


def test_woman_in_prostitution_ngo_pion_is_for_prostitution_and_not_a_housing_measure(screen, catalogue) -> None:
    """Lines 1068-1071: PION only in Del 8, for all who sell sex; not in Del 6 punkt 4's housing list (800)."""
    g = screen(reporter_kind="ngo", **SITUATIONS["woman_in_prostitution_who_does_not_want_the_police"])
    pion = next(c for c in g.referrals if c.service.id == "pion")
    assert pion.reason == catalogue.texts["reason_pion"].text
    men = screen(reporter_kind="ngo", age=30, sex="male", indicators=["ct-08"])  # no form: no PION
    assert "pion" not in all_services(men)


def test_woman_in_prostitution_health_gets_the_pay_and_work_questions(screen) -> None:
    """Lines 483 and 608: payment for selling sexual services; questions adapt to every form."""
    g = screen(reporter_kind="health", **SITUATIONS["woman_in_prostitution_who_does_not_want_the_police"])
    assert {"q-01", "q-03", "q-05"} <= {q.id for q in g.questions}


def test_says_adult_looks_a_minor_police_treat_an_adult_as_a_child(screen, catalogue) -> None:
    """Line 428 (be-m01) with line 716: given as 22 but looks a minor: the age is in doubt."""
    g = screen(reporter_kind="police", age=22, indicators=["be-m01"])
    assert g.treated_as_child and g.child_basis == "age_in_doubt"
    assert "duty_to_avert" in duty_ids(g)


def test_minors_extras_of_controlled_by_others_have_their_subgroup_and_advice_is_not_tickable(screen, catalogue) -> None:
    """Lines 436-453: the minors' extras sit under "Har en tilrettelegger ... fikser"; lines
    452-453 ("Vær oppmerksom på ...") are advice, not indicators."""
    for i in ("ct-m01", "ct-m02", "ct-m03", "ct-m04"):
        assert catalogue.indicator(i).subgroup == "facilitator_control"
    assert [i.id for i in catalogue.indicators if i.advice] == ["ct-m03", "ct-m04"]
    from henvis.catalogue import ScreeningError

    with pytest.raises(ScreeningError) as refused:
        screen(reporter_kind="school", age=12, indicators=["ct-m03"])
    assert refused.value.field == "indicators"


def test_adult_in_acute_danger_police_are_not_told_to_ring_112(screen, catalogue) -> None:
    """Item 2: "The police are even told to call the police" (line 696 is for everyone else)."""
    g = screen(reporter_kind="police", **SITUATIONS["adult_in_acute_danger"])
    assert catalogue.texts["call_112_now"].text not in g.next_steps
