"""Notifying child welfare under the duty to notify (barnevernsloven § 13-2 e): only to a
child welfare service, only for a child or a person whose age is in doubt (seed 004
Del 6), where "child" follows from the date of birth (``Person.age``). Over the page and
the API, for persons registered through the page."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from henvis.apps.accounts.models import ApiToken
from henvis.apps.cases.models import Case
from henvis.apps.cases.tests.factories import NEW_CASE_FORM, NEW_PERSON_FORM, make_case
from henvis.apps.referrals.models import Referral

pytestmark = pytest.mark.django_db

PERSON, CASE = NEW_PERSON_FORM, NEW_CASE_FORM
YEAR = timezone.localdate().year
CHILDREN = {
    "exact date, 12 years old": {"birth_precision": "exact", "birth_date": date(YEAR - 12, 3, 1).isoformat()},
    "year only, 15 or 16": {"birth_precision": "year", "birth_year": str(YEAR - 16)},
    "range that may be under 18": {"birth_precision": "range", "birth_year": str(YEAR - 20),
                                   "birth_year_to": str(YEAR - 15)},
    "no date, ticked minor": {"minor": "on"},
    "no date, age in doubt": {"age_in_doubt": "on"},
}
ADULTS = {
    "born 1980": {"birth_precision": "year", "birth_year": "1980"},
    "no date, nothing ticked": {},
}


def _register(client: Client, person: dict[str, str]) -> Case:
    response = client.post("/cases/new/", {**PERSON, **person, **CASE})
    assert response.status_code == 302, response.context["person_form"].errors
    return Case.objects.get()


def _notify(client: Client, case: Case, to: Any) -> Any:
    return client.post(f"/cases/{case.pk}/refer/", {
        "to_organisation": to.pk, "purpose": "child_welfare", "legal_basis": "duty_to_notify", "message": "",
    })


@pytest.mark.parametrize("person", CHILDREN.values(), ids=CHILDREN.keys())
def test_a_child_is_notified_to_child_welfare(client: Client, police: Any, organisations: Any,
                                              person: dict[str, str]) -> None:
    client.force_login(police)
    case = _register(client, person)
    response = _notify(client, case, organisations.get(slug="barnevern-oslo"))
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.case == case and referral.legal_basis == "duty_to_notify" and referral.consent is None


@pytest.mark.parametrize("person", ADULTS.values(), ids=ADULTS.keys())
def test_an_adult_is_refused_with_the_reason(client: Client, police: Any, organisations: Any,
                                             person: dict[str, str]) -> None:
    client.force_login(police)
    case = _register(client, person)
    response = _notify(client, case, organisations.get(slug="barnevern-oslo"))
    assert response.status_code == 200 and not Referral.objects.exists()
    assert "Meldeplikten gjelder til barnevernet når et barn" in response.content.decode()


def test_a_flag_from_childhood_gives_way_to_the_date_of_birth(client: Client, police: Any, organisations: Any) -> None:
    """Ticked "minor" when registered years ago; by the date of birth an adult now."""
    case = make_case(police, birth="2000-06-01", precision="exact")
    case.person.minor = True
    case.person.save()
    client.force_login(police)
    _notify(client, case, organisations.get(slug="barnevern-oslo"))
    assert not Referral.objects.exists()


def test_only_to_child_welfare(client: Client, police: Any, rosa: Any) -> None:
    client.force_login(police)
    case = _register(client, CHILDREN["exact date, 12 years old"])
    _notify(client, case, rosa.organisation)
    assert not Referral.objects.exists()


def test_the_api_applies_the_same_rule(client: Client, police: Any) -> None:
    headers = {"Authorization": f"Bearer {ApiToken.issue(police, 'test')[1]}"}

    def post(path: str, body: dict[str, Any]) -> Any:
        return client.post(f"/api/v1/{path}", body, content_type="application/json", headers=headers)

    def case_of(birth_precision: str, birth: str) -> int:
        created = post("cases/", {"person": {"given_names": "Mira", "birth_precision": birth_precision,
                                             "birth": birth},
                                  "case": {"exploitation_forms": ["labour"]}, "confirmed_new_person": True})
        assert created.status_code == 201, created.content
        return int(created.json()["id"])

    notify = {"to_organisation": "barnevern-oslo", "purpose": "child_welfare", "legal_basis": "duty_to_notify"}
    child = post("referrals/", {**notify, "case_id": case_of("exact", date(YEAR - 12, 3, 1).isoformat())})
    assert child.status_code == 201, child.content
    adult = post("referrals/", {**notify, "case_id": case_of("year", "1980")})
    assert adult.status_code == 422
    assert "barnevernet" in adult.json()["detail"] and "child welfare" in adult.json()["detail_en"]
