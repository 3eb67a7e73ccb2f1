"""The anonymous screening journey: step by step without login, nothing stored, and the
same guidance as the API for the same answers."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client

from henvis.catalogue import ScreeningInput, guide, load_catalogue
from henvis.conftest import wait_for_a_fresh_rate_window

ANSWERS: dict[str, Any] = {
    "reporter_kind": "ngo", "age": "34", "sex": "male", "needs_safe_place": "True",
    "forms": ["forced_labour"], "arenas": ["construction"], "indicators": ["fl-02", "ct-15"],
}


def walk(client: Client, answers: dict[str, Any]) -> str:
    """Post the journey step by step, carrying the hidden fields like a browser would."""
    page = client.get("/screening/").content.decode()
    for step in range(4):
        data = {**_hidden(page), **answers, "step": str(step), "action": "next"}
        response = client.post("/screening/", data)
        assert response.status_code == 200
        page = response.content.decode()
    return page


def _hidden(page: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page):
        if name in {"csrfmiddlewaretoken", "step"}:
            continue
        out.setdefault(name, []).append(value)
    return {k: v if len(v) > 1 or k in {"forms", "arenas", "indicators"} else v[0] for k, v in out.items()}


def _ids(page: str, attribute: str) -> list[str]:
    return re.findall(rf'data-{attribute}="([^"]+)"', page)


@pytest.mark.django_db
def test_anonymous_user_reaches_the_guidance(client: Client) -> None:
    page = walk(client, ANSWERS)
    assert 'data-referral="safe-house-filemon"' in page
    assert 'data-contact="rosa"' in page and "22 33 11 60" in page
    assert 'action="/cases/screenings/save/"' not in page  # not logged in: no saving


@pytest.mark.django_db
def test_a_missing_age_sends_the_user_back_to_the_person_step(client: Client) -> None:
    response = client.post("/screening/", {"reporter_kind": "health", "step": "1", "action": "next"})
    assert 'data-step="person"' in response.content.decode()
    assert "age_in_doubt" in response.content.decode()


@pytest.mark.django_db
def test_minor_extras_are_shown_only_for_a_child(client: Client) -> None:
    base = {"reporter_kind": "health", "step": "2", "action": "next"}
    child = client.post("/screening/", {**base, "age": "15"}).content.decode()
    adult = client.post("/screening/", {**base, "age": "30"}).content.decode()
    assert 'value="bg-m01"' in child and 'value="bg-m01"' not in adult
    labour = client.post("/screening/", {**base, "age": "30", "forms": ["forced_labour"]}).content.decode()
    assert 'value="fl-01"' in labour and 'value="pr-01"' not in labour


@pytest.mark.django_db
def test_api_answers_the_same_guidance_as_the_page(client: Client) -> None:
    page = walk(client, ANSWERS)
    payload = {
        "reporter_kind": "ngo", "age": 34, "sex": "male", "needs_safe_place": True,
        "forms": ["forced_labour"], "arenas": ["construction"], "indicators": ["fl-02", "ct-15"],
    }
    api = client.post("/api/v1/screening", json.dumps(payload), content_type="application/json")
    assert api.status_code == 200, api.content
    g = api.json()
    assert _ids(page, "duty") == [d["id"] for d in g["duties"]]
    assert _ids(page, "contact") == [c["service"] for c in g["acute_contacts"]]
    assert _ids(page, "referral") == [c["service"] for c in g["referrals"]]
    assert _ids(page, "indicator") == [i["id"] for f in g["findings"] for i in f["indicators"]]
    assert _ids(page, "rule") == [r["id"] for r in g["rules"]]
    # And both equal the pure rules.
    catalogue = load_catalogue()
    assert g == guide(ScreeningInput.from_dict(payload, catalogue), catalogue).to_dict()


@pytest.mark.django_db
def test_logged_in_user_gets_the_save_to_case_form_with_the_screening_json(client: Client, make_user) -> None:
    user = make_user("kari", roles=["first_line"], org="rosa")
    client.force_login(user)
    page = walk(client, ANSWERS)
    match = re.search(r'<form method="post" action="/cases/screenings/save/".*?name="screening" value="([^"]*)"', page, re.S)
    assert match
    import html

    data = json.loads(html.unescape(match.group(1)))
    assert ScreeningInput.from_dict(data).needs_safe_place is True
    assert data["indicators"] == ["fl-02", "ct-15"] and data["catalogue_version"] == load_catalogue().version


def test_api_refuses_bad_input_in_both_languages(client: Client) -> None:
    response = client.post("/api/v1/screening", json.dumps({"reporter_kind": "health", "age": 30, "indicators": ["nope"]}), content_type="application/json")
    assert response.status_code == 422
    body = response.json()
    assert body["field"] == "indicators" and "ukjent" in body["detail"] and "unknown" in body["detail_en"]


def test_api_is_documented_in_openapi(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/screening" in schema["paths"]
    assert "GuidanceOut" in json.dumps(schema)


@pytest.mark.django_db
def test_page_is_norwegian_by_default_and_shows_catalogue_text_in_english_on_request(client: Client) -> None:
    catalogue = load_catalogue()
    data = {"reporter_kind": "health", "age": "30", "step": "2", "action": "next"}
    norwegian = client.post("/screening/", data).content.decode()
    assert "Hva du har observert" in norwegian
    assert catalogue.indicator("bg-03").text.nb in norwegian
    client.cookies["django_language"] = "en"
    english = client.post("/screening/", data).content.decode()
    assert "What you have observed" in english
    assert catalogue.indicator("bg-03").text.en in english and catalogue.indicator("bg-03").text.nb not in english


@pytest.mark.django_db
def test_the_cases_app_accepts_the_saved_screening(client: Client, make_user) -> None:
    """The contract with the cases app: POST /cases/screenings/save/ with field `screening`."""
    import html

    client.force_login(make_user("kari", roles=["first_line"], org="rosa"))
    page = walk(client, ANSWERS)
    match = re.search(r'name="screening" value="([^"]*)"', page)
    assert match
    raw = html.unescape(match.group(1))
    response = client.post("/cases/screenings/save/", {"screening": raw})
    assert response.status_code in {302, 303}, response.content[:500]


def test_public_screening_api_is_rate_limited_per_address(client: Client, settings: Any) -> None:
    """The anonymous screening needs no login, so it is limited per address as the login
    is; over the limit the answer is 429 in both languages with a Retry-After, and
    another address is not affected."""
    from django.core.cache import cache

    cache.clear()
    wait_for_a_fresh_rate_window()
    settings.HENVIS_SCREENING_RATE = "3/m"
    body = json.dumps({"reporter_kind": "health", "age": 30, "indicators": []})
    ask = lambda address: client.post("/api/v1/screening", body, content_type="application/json",  # noqa: E731
                                      REMOTE_ADDR=address)
    assert [ask("10.0.0.1").status_code for _ in range(3)] == [200, 200, 200]
    refused = ask("10.0.0.1")
    assert refused.status_code == 429
    assert "For mange" in refused.json()["detail"] and "Too many" in refused.json()["detail_en"]
    assert int(refused["Retry-After"]) >= 1
    assert ask("10.0.0.2").status_code == 200
    assert client.get("/api/v1/screening/indicators", REMOTE_ADDR="10.0.0.1").status_code == 429
    cache.clear()
