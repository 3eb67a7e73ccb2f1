"""Issue 20 through the public interfaces: the eight situations for every kind of reporter,
over real HTTP to ``POST /api/v1/screening`` (live server) and through the page's four steps
(Django test client). Both must give exactly the guidance of the pure rules, and the checks
below name the lines of seed 004 they follow."""

from __future__ import annotations

import json
import re
import urllib.request
from typing import Any

import pytest
from django.test import Client

from henvis.apps.identification.tests.test_screening_page import walk
from henvis.catalogue import ScreeningInput, guide, load_catalogue
from henvis.catalogue.tests.situations import SITUATIONS

CATALOGUE = load_catalogue()
KINDS = [k.id for k in CATALOGUE.reporter_kinds]


def _post(url: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(  # noqa: S310 - the test's own live server (http)
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - the test's own live server
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture
def generous_rate(settings: Any) -> None:
    """99 requests in a row from one address: above the public limit, which has its own test."""
    from django.core.cache import cache

    cache.clear()
    settings.HENVIS_SCREENING_RATE = "10000/m"


@pytest.mark.django_db(transaction=True)
def test_every_situation_for_every_role_over_http_is_the_guidance_of_the_rules(live_server: Any, generous_rate: None) -> None:
    for situation, answers in SITUATIONS.items():
        for kind in KINDS:
            body = {"reporter_kind": kind, **answers}
            status, g = _post(f"{live_server.url}/api/v1/screening", body)
            assert status == 200, (situation, kind, g)
            expected = guide(ScreeningInput.from_dict(body, CATALOGUE), CATALOGUE).to_dict()
            assert g == expected, (situation, kind)
            services = {c["service"] for c in (*g["acute_contacts"], *g["referrals"])}
            assert not services & set(CATALOGUE.reporter_kind(kind).own_services), (situation, kind)
            for duty in g["duties"]:
                if duty["threshold"] is not None:  # lines 694, 714: the judgement decides
                    assert duty["mandatory"] == duty["threshold_met"]
            assert g["your_role"], (situation, kind)


@pytest.mark.django_db(transaction=True)
def test_girl_16_in_prostitution_school_over_http_reason_to_believe_makes_the_duty_mandatory(
    live_server: Any, generous_rate: None,
) -> None:
    """Line 714: one indicator gives a duty to assess; the worker's "reason to believe" makes it mandatory."""
    url = f"{live_server.url}/api/v1/screening"
    answers = {"reporter_kind": "school", **SITUATIONS["girl_16_in_prostitution"]}
    _, before = _post(url, answers)
    _, after = _post(url, {**answers, "reason_to_believe": True})
    notify = lambda g: next(d for d in g["duties"] if d["id"] == "duty_to_notify_child_welfare")  # noqa: E731
    assert notify(before)["mandatory"] is False and "grunn til å tro" in notify(before)["threshold"]["nb"]
    assert notify(after)["mandatory"] is True
    assert [c["service"] for c in before["acute_contacts"]] == []
    assert {"barnevernvakt", "alarmtelefonen"} <= {c["service"] for c in after["acute_contacts"]}


@pytest.mark.django_db(transaction=True)
def test_advice_sentence_is_refused_as_an_indicator_over_http(live_server: Any, generous_rate: None) -> None:
    """Lines 452-453 are advice ("Vær oppmerksom på ..."), not indicators."""
    status, body = _post(f"{live_server.url}/api/v1/screening",
                         {"reporter_kind": "school", "age": 12, "indicators": ["ct-m03"]})
    assert status == 422 and body["field"] == "indicators"
    assert "råd" in body["detail"] and "advice" in body["detail_en"]


# --- the page --------------------------------------------------------------------------------------


def _form_answers(answers: dict[str, Any], kind: str) -> dict[str, Any]:
    """The screening answers as the page's form posts them."""
    out: dict[str, Any] = {"reporter_kind": kind}
    for key, value in answers.items():
        if isinstance(value, bool):
            if value:
                out[key] = "on"
        elif isinstance(value, list):
            out[key] = value
        else:
            out[key] = str(value)
    return out


def _duties_on_page(page: str) -> list[tuple[str, str]]:
    return re.findall(r'data-duty="([^"]+)" data-mandatory="([^"]+)"', page)


@pytest.mark.django_db
@pytest.mark.parametrize("situation", sorted(SITUATIONS))
def test_every_situation_for_every_role_on_the_page_is_the_guidance_of_the_rules(client: Client, situation: str) -> None:
    for kind in KINDS:
        client.cookies.clear()
        page = walk(client, _form_answers(SITUATIONS[situation], kind))
        g = guide(ScreeningInput.from_dict({"reporter_kind": kind, **SITUATIONS[situation]}, CATALOGUE), CATALOGUE)
        assert _duties_on_page(page) == [(d.id, "true" if d.mandatory else "false") for d in g.duties], (situation, kind)
        assert re.findall(r'data-contact="([^"]+)"', page) == [c.service.id for c in g.acute_contacts], (situation, kind)
        assert re.findall(r'data-referral="([^"]+)"', page) == [c.service.id for c in g.referrals], (situation, kind)
        assert page.count("data-role-text") == len(g.your_role)
        assert page.count("data-must-not") == len(g.must_not)
        for duty in g.duties:
            if duty.threshold is not None:  # the threshold is explained in plain words on the page
                assert f'data-threshold="{duty.id}"' in page and duty.threshold.nb in page


@pytest.mark.django_db
def test_unaccompanied_minor_selling_drugs_child_welfare_page_shows_its_own_steps(client: Client) -> None:
    """Lines 744, 749-753, 896-903 on the page, and no child welfare number for child welfare."""
    page = walk(client, _form_answers(SITUATIONS["unaccompanied_minor_age_in_doubt_selling_drugs"], "child_welfare"))
    assert 'id="your-role"' in page
    assert "§ 4–5" in page and "Statsforvalteren" in page
    assert 'data-duty="duty_to_notify_child_welfare"' not in page
    assert 'data-contact="barnevernvakt"' not in page and 'data-referral="barnevernvakt"' not in page


@pytest.mark.django_db
def test_adult_in_acute_danger_private_person_page_puts_112_first(client: Client) -> None:
    """Line 696: call 112 at once."""
    page = walk(client, _form_answers(SITUATIONS["adult_in_acute_danger"], "private_person"))
    assert re.findall(r'data-contact="([^"]+)"', page)[0] == "police-emergency"
    acute = page.index('id="acute"')
    assert page.index("112", acute) < page.index('id="duties"')
