"""Pages and API answers that show a person's name leave an entry in the audit log,
including the less obvious ones: the new-case form for a known person, the list of cases
to attach a screening to, and the look-alike candidates the API answers with."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from henvis.apps.accounts.models import ApiToken
from henvis.apps.audit.models import AuditEntry
from henvis.apps.cases.models import Screening
from henvis.apps.cases.tests.factories import make_case
from henvis.apps.cases.tests.test_save_screening import SCREENING

pytestmark = pytest.mark.django_db


@pytest.fixture
def police(make_user: Any) -> Any:
    return make_user("politi", roles=["first_line"], org="politi-oslo")


def test_new_case_form_for_a_known_person_is_audited(client: Client, police: Any) -> None:
    case = make_case(police, given="Ioana", family="Dumitrescu")
    client.force_login(police)
    response = client.get(f"/cases/new/?person={case.pk}")
    assert "Dumitrescu" in response.content.decode()
    assert AuditEntry.objects.filter(action="person.read", object_type="person", object_id=str(case.person_id)).exists()


def test_case_choice_for_a_screening_is_audited(client: Client, police: Any) -> None:
    make_case(police, given="Ioana", family="Dumitrescu")
    client.force_login(police)
    client.post("/cases/screenings/save/", {"screening": json.dumps(SCREENING)})
    screening = Screening.objects.get()
    response = client.get(f"/cases/screenings/{screening.pk}/")
    assert "Dumitrescu" in response.content.decode()
    entry = AuditEntry.objects.filter(action="case.list").latest("seq")
    assert "rows=1" in entry.detail


def test_duplicate_candidates_from_the_api_are_audited(client: Client, police: Any) -> None:
    case = make_case(police, given="Ioana", family="Dumitrescu", birth="1994")
    headers = {"Authorization": f"Bearer {ApiToken.issue(police, 'test')[1]}"}
    body = {"person": {"given_names": "Ioana", "family_name": "Dumitrescu", "birth_precision": "year", "birth": "1994",
                       "sex": "female"},
            "case": {"exploitation_forms": ["sexual"], "municipality": "Oslo"}}
    response = client.post("/api/v1/cases/", body, content_type="application/json", headers=headers)
    assert response.status_code == 409, response.content
    assert response.json()["candidates"][0]["case_ids"] == [case.pk]
    assert AuditEntry.objects.filter(action="case.read", object_type="case", object_id=str(case.pk)).exists()
