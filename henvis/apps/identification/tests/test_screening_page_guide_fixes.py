"""Issue 15 item 6 on the anonymous journey: answers survive a language switch; advice
sentences of the guide are not tick boxes; be-m01 is offered to the adult it exists for;
the arenas read as the guide prints them; the judgement questions explain their threshold."""

from __future__ import annotations

import re
from html import escape as html_escape
from typing import Any

import pytest
from django.test import Client

from henvis.apps.identification.tests.test_screening_page import walk
from henvis.catalogue import load_catalogue

CATALOGUE = load_catalogue()
OBSERVATIONS = {"reporter_kind": "school", "age": "15", "sex": "female", "forms": ["prostitution"],
                "arenas": ["drug_scenes"], "indicators": ["bg-m02", "pr-03"], "step": "3"}


@pytest.mark.django_db
def test_a_language_switch_on_the_observations_step_keeps_every_answer(client: Client) -> None:
    page = client.post("/screening/", {**OBSERVATIONS, "action": "language", "language": "en"})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'lang="en"' in html and "What you have observed" in html
    assert client.cookies["django_language"].value == "en"  # the rest of the site follows
    for indicator in ("bg-m02", "pr-03"):
        assert re.search(rf'value="{indicator}" checked', html), indicator
    hidden = dict(re.findall(r'<input type="hidden" name="(age|sex|reporter_kind)" value="([^"]*)"', html))
    assert hidden == {"age": "15", "sex": "female", "reporter_kind": "school"}
    assert CATALOGUE.indicator("bg-m02").text.en in html
    # And back to Bokmål, still on the same step with the same ticks.
    back = client.post("/screening/", {**OBSERVATIONS, "action": "language", "language": "nb"}).content.decode()
    assert "Hva du har observert" in back and re.search(r'value="pr-03" checked', back)


@pytest.mark.django_db
def test_a_language_switch_on_the_result_page_shows_the_same_guidance_in_english(client: Client) -> None:
    answers = {"reporter_kind": "school", "age": "15", "indicators": ["bg-m02"], "reason_to_believe": "on"}
    norwegian = walk(client, answers)
    carried = re.search(r'<form method="post" action="/screening/" class="inline">(.*?)</form>', norwegian, re.S)
    assert carried
    data: dict[str, Any] = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', carried.group(1)):
        data.setdefault(name, []).append(value)
    data.update({"action": "language", "language": "en"})
    english = client.post("/screening/", data).content.decode()
    duties = re.findall(r'data-duty="([^"]+)" data-mandatory="([^"]+)"', english)
    assert duties == re.findall(r'data-duty="([^"]+)" data-mandatory="([^"]+)"', norwegian)
    assert ("duty_to_notify_child_welfare", "true") in duties
    assert "Duty to notify the child welfare service" in english and "Your duties" in english


@pytest.mark.django_db
def test_advice_sentences_are_notes_not_tick_boxes_and_the_minor_extras_sit_in_their_subgroup(client: Client) -> None:
    """Lines 436-453: ct-m01/ct-m02 under "Har en tilrettelegger ... fikser"; 452-453 are advice."""
    html = client.post("/screening/", {"reporter_kind": "school", "age": "12", "step": "2", "action": "next"}).content.decode()
    for advice in ("ct-m03", "ct-m04"):
        assert f'data-advice="{advice}"' in html and f'value="{advice}"' not in html
    assert 'value="ct-m01"' in html
    controlled = html[html.index('data-category="controlled"'):]
    facilitator = html_escape(CATALOGUE.category("controlled").subgroups[0].name.nb)
    dependent = html_escape(CATALOGUE.category("controlled").subgroups[1].name.nb)
    assert controlled.index(facilitator) < controlled.index('value="ct-m01"') < controlled.index(dependent)


@pytest.mark.django_db
def test_says_adult_looks_a_minor_is_offered_to_an_adult_and_makes_them_a_child(client: Client) -> None:
    """Line 428 exists for a person given as an adult; line 716: then treat as a child."""
    html = client.post("/screening/", {"reporter_kind": "police", "age": "22", "step": "2", "action": "next"}).content.decode()
    assert 'value="be-m01"' in html and 'value="bg-m01"' not in html
    result = walk(client, {"reporter_kind": "police", "age": "22", "indicators": ["be-m01"]})
    assert 'data-child="age_in_doubt"' in result


@pytest.mark.django_db
def test_other_sex_arenas_show_their_examples_nested_under_them(client: Client) -> None:
    """Lines 326-330: "Andre arenaer ..., for eksempel" followed by its examples."""
    html = client.post("/screening/", {"reporter_kind": "health", "age": "30", "step": "1", "action": "next"}).content.decode()
    parent = html.index('value="other_sex_arenas"')
    nested = html.index("<ul", parent)
    assert nested < html.index('value="drug_scenes"') < html.index("</ul>", nested)
    assert html.index('value="abuse_material"') < html.index("</ul>", nested)
    assert html.index("</ul>", nested) < html.index('value="massage_beauty"')


@pytest.mark.django_db
def test_the_judgement_questions_explain_their_thresholds(client: Client) -> None:
    html = client.post("/screening/", {"reporter_kind": "health", "age": "30", "step": "2", "action": "next"}).content.decode()
    assert 'name="reason_to_believe"' in html and 'name="most_likely"' in html
    assert "§ 13-2 bokstav e" in html and "straffeloven § 196" in html and "mest sannsynlig" in html
    assert "har ikke ansvar for selv å undersøke videre" in html and "skal ikke undersøke" not in html  # line 718


@pytest.mark.django_db
def test_the_long_parts_of_the_result_are_folded_and_the_actions_come_first(client: Client) -> None:
    """A phone shows what to do first: call now, duties, role, steps; the rest is folded."""
    html = walk(client, {"reporter_kind": "health", "age": "28", "sex": "female", "forms": ["prostitution"],
                         "indicators": ["pr-04"], "danger_now": "on"})
    order = [html.index(f'id="{section}"') for section in ("acute", "duties", "your-role", "next-steps", "referrals")]
    assert order == sorted(order)
    for folded in ("findings", "conversation", "rights", "basis"):
        start = html.index(f'id="{folded}"')
        assert html.index("<details>", start) < html.index("</section>", start), folded
