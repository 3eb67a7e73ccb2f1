"""Registering a person who looks like one already registered shows candidates first."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from henvis.apps.cases.models import Person
from henvis.apps.cases.tests.factories import make_case
from henvis.apps.cases.tests.test_register_case import CASE, PERSON

pytestmark = pytest.mark.django_db


def test_name_variant_with_same_birth_year_is_shown_before_saving(client: Client, make_user: Any) -> None:
    user = make_user("rosa", roles=["coordinator"], org="rosa")
    existing = make_case(user, given="Muhammad", family="Al-Sayed", birth="1991-04-02", precision="exact")
    client.force_login(user)
    data = {**PERSON, **CASE, "given_names": "Mohammed", "family_name": "Alsayed", "birth_year": "1991"}
    response = client.post("/cases/new/", data)
    html = response.content.decode()
    assert response.status_code == 200 and 'id="duplicate-warning"' in html
    assert existing.reference in html
    assert Person.objects.count() == 1
    response = client.post("/cases/new/", {**data, "confirmed": "1"})
    assert response.status_code == 302 and Person.objects.count() == 2


def test_same_identity_number_is_a_candidate_whatever_the_name(client: Client, make_user: Any) -> None:
    user = make_user("rosa", roles=["coordinator"], org="rosa")
    existing = make_case(user, given="Grace", family="Okafor", national_id="15076500565")
    client.force_login(user)
    response = client.post("/cases/new/", {**PERSON, **CASE, "national_id": "150765 00565"})
    assert existing.reference in response.content.decode()


def test_other_organisations_persons_are_never_candidates(client: Client, make_user: Any) -> None:
    police = make_user("politi", roles=["first_line"], org="politi-oslo")
    make_case(police, given="Ana Maria", family="Popescu", birth="1994")
    client.force_login(make_user("rosa", roles=["coordinator"], org="rosa"))
    response = client.post("/cases/new/", {**PERSON, **CASE})
    assert response.status_code == 302


def test_unrelated_person_is_saved_without_warning(client: Client, make_user: Any) -> None:
    user = make_user("rosa", roles=["coordinator"], org="rosa")
    make_case(user, given="Ivan", family="Petrov", birth="1980")
    client.force_login(user)
    assert client.post("/cases/new/", {**PERSON, **CASE}).status_code == 302
