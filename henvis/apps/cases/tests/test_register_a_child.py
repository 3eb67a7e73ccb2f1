"""Registering a child: the date of birth makes the person a minor (or the age in
doubt) without ticking anything; "minor" ticked for an adult by the date is refused.
Over the page and the API."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from henvis.apps.accounts.models import ApiToken
from henvis.apps.cases.models import Case, Person
from henvis.apps.cases.tests.factories import NEW_CASE_FORM, NEW_PERSON_FORM

pytestmark = pytest.mark.django_db

PERSON, CASE = NEW_PERSON_FORM, NEW_CASE_FORM


def _today() -> date:
    return timezone.localdate()


def _twelve_years_old() -> str:
    return date(_today().year - 12, 3, 1).isoformat()  # 11 or 12 whatever the day


@pytest.fixture
def police(client: Client, make_user: Any) -> Any:
    user = make_user("politi", roles=["first_line"], org="politi-oslo")
    client.force_login(user)
    return user


def _register(client: Client, **person: str) -> Any:
    return client.post("/cases/new/", {**PERSON, **CASE, **person})


def _shown_age(client: Client) -> str:
    case = Case.objects.get()
    page = client.get(f"/cases/{case.pk}/").content.decode()
    start = page.index('id="person-minor"')
    return page[start:page.index("</dd>", start)]


@pytest.mark.parametrize(("person", "status", "shown"), [
    ({"birth_precision": "exact", "birth_date": "2014-03-01"}, "minor", "ja (under 18 etter fødselsdatoen)"),
    ({"birth_precision": "year", "birth_year": "2010"}, "minor", "ja (under 18 etter fødselsdatoen)"),
    ({"birth_precision": "range", "birth_year": str(date.today().year - 20), "birth_year_to": str(date.today().year - 15)},
     "in_doubt", "tvil om alder: behandles som barn"),
    ({"birth_precision": "year", "birth_year": "1980"}, "adult", "nei (18 år eller eldre etter fødselsdatoen)"),
    ({"minor": "on"}, "minor", "ja (fødselsdato ikke kjent)"),
])
def test_the_case_page_shows_the_age_the_date_of_birth_gives(
    client: Client, police: Any, person: dict[str, str], status: str, shown: str,
) -> None:
    response = _register(client, **person)
    assert response.status_code == 302, response.context and response.context["person_form"].errors
    html = _shown_age(client)
    assert f'data-age="{status}"' in html and shown in html


def test_an_adult_by_the_date_ticked_minor_is_refused_and_nothing_typed_is_lost(client: Client, police: Any) -> None:
    response = _register(client, birth_precision="year", birth_year="1980", minor="on", municipality="Drammen")
    assert response.status_code == 200 and not Person.objects.exists() and not Case.objects.exists()
    errors = response.context["person_form"].errors
    assert list(errors) == ["minor"]
    html = response.content.decode()
    assert "Etter fødselsdatoen er personen 18 år eller eldre" in html
    assert 'value="1980"' in html and 'value="Mira"' in html and 'value="Drammen"' in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = _register(client, birth_precision="year", birth_year="1980", minor="on").content.decode()
    assert "By the date of birth the person is 18 or older" in english


def test_age_in_doubt_may_be_ticked_against_an_adult_date(client: Client, police: Any) -> None:
    """False papers: the worker doubts the date, so the person is treated as a child."""
    response = _register(client, birth_precision="exact", birth_date="1999-05-05", minor="on", age_in_doubt="on")
    assert response.status_code == 302
    assert 'data-age="in_doubt"' in _shown_age(client)


def test_a_date_of_birth_in_the_future_is_refused(client: Client, police: Any) -> None:
    next_year = str(_today().year + 1)
    response = _register(client, birth_precision="exact", birth_date=f"{next_year}-01-01")
    assert "birth_date" in response.context["person_form"].errors
    response = _register(client, birth_precision="year", birth_year=next_year)
    assert "birth_year" in response.context["person_form"].errors
    assert not Person.objects.exists()


def test_the_case_list_marks_the_child(client: Client, police: Any) -> None:
    _register(client, birth_precision="exact", birth_date=_twelve_years_old())
    listing = client.get("/cases/").content.decode()
    assert '<span class="ds-tag" data-color="warning">mindreårig</span>' in listing


class Api:
    def __init__(self, client: Client, user: Any) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {ApiToken.issue(user, 'test')[1]}"}

    def post(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.post(f"/api/v1/{path}", body, content_type="application/json", headers=self.headers)

    def put(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.put(f"/api/v1/{path}", body, content_type="application/json", headers=self.headers)


def _api_case(person: dict[str, Any]) -> dict[str, Any]:
    return {"person": {"given_names": "Mira", "family_name": "Dumitru", "sex": "female", **person},
            "case": {"exploitation_forms": ["labour"]}}


def test_the_api_answers_the_age_status(client: Client, make_user: Any) -> None:
    api = Api(client, make_user("politi", roles=["first_line"], org="politi-oslo"))
    created = api.post("cases/", _api_case({"birth_precision": "exact", "birth": _twelve_years_old()}))
    assert created.status_code == 201, created.content
    person = created.json()["person"]
    assert person["age_status"] == "minor" and person["treated_as_child"] is True and person["minor"] is False
    case_id = created.json()["id"]
    adult = api.put(f"cases/{case_id}/person", {"given_names": "Mira", "birth_precision": "year", "birth": "1980"})
    assert adult.status_code == 200 and adult.json()["age_status"] == "adult"
    assert adult.json()["treated_as_child"] is False


def test_the_api_refuses_minor_for_an_adult_by_the_date_in_both_languages(client: Client, make_user: Any) -> None:
    api = Api(client, make_user("politi", roles=["first_line"], org="politi-oslo"))
    refused = api.post("cases/", _api_case({"birth_precision": "year", "birth": "1980", "minor": True}))
    assert refused.status_code == 422
    body = refused.json()
    assert "Etter fødselsdatoen er personen 18 år eller eldre" in body["errors"]["minor"][0]
    assert "By the date of birth the person is 18 or older" in body["errors_en"]["minor"][0]
    assert not Person.objects.exists()
