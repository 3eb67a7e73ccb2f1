"""A screening from the identification guide is saved and attached to a case."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from henvis.apps.cases.models import Case, Screening
from henvis.apps.cases.tests.factories import make_case
from henvis.apps.cases.tests.test_register_case import CASE, PERSON
from henvis.catalogue import ScreeningInput

pytestmark = pytest.mark.django_db

# What the identification guide posts: ScreeningInput.to_dict() of an adult woman.
SCREENING = ScreeningInput.from_dict({"reporter_kind": "police", "age": 30, "sex": "female",
                                      "indicators": ["bg-02"]}).to_dict()


def test_screening_is_saved_then_attached_to_a_new_case(client: Client, make_user: Any) -> None:
    client.force_login(make_user("politi", roles=["first_line"], org="politi-oslo"))
    response = client.post("/cases/screenings/save/", {"screening": json.dumps(SCREENING)})
    screening = Screening.objects.get()
    assert response["Location"] == f"/cases/screenings/{screening.pk}/"
    assert screening.data == SCREENING and screening.catalogue_version == SCREENING["catalogue_version"] != "" and screening.case is None
    assert client.get(response["Location"]).status_code == 200
    client.post(f"/cases/new/?screening={screening.pk}", {**PERSON, **CASE, "screening_id": screening.pk})
    screening.refresh_from_db()
    assert screening.case == Case.objects.get()


def test_screening_attached_to_an_existing_case(client: Client, make_user: Any) -> None:
    user = make_user("politi", roles=["first_line"], org="politi-oslo")
    case = make_case(user)
    client.force_login(user)
    client.post("/cases/screenings/save/", {"screening": json.dumps(SCREENING), "case": case.pk})
    assert Screening.objects.get().case == case


def test_invalid_screening_is_refused(client: Client, make_user: Any) -> None:
    client.force_login(make_user("politi", roles=["first_line"], org="politi-oslo"))
    assert client.post("/cases/screenings/save/", {"screening": "[1, 2]"}).status_code == 400
    assert client.post("/cases/screenings/save/", {"screening": "{not json"}).status_code == 400
    unknown = client.post("/cases/screenings/save/", {"screening": json.dumps({**SCREENING, "age": -4})})
    assert unknown.status_code == 400 and "age" in unknown.content.decode()
    assert not Screening.objects.exists()


def test_screening_cannot_be_attached_to_a_foreign_case(client: Client, make_user: Any) -> None:
    rosa = make_user("rosa", roles=["coordinator"], org="rosa")
    foreign = make_case(rosa)
    client.force_login(make_user("politi", roles=["first_line"], org="politi-oslo"))
    response = client.post("/cases/screenings/save/", {"screening": json.dumps(SCREENING), "case": foreign.pk})
    assert response.status_code == 404
    assert not Screening.objects.exists()  # nothing stored when the case is refused
