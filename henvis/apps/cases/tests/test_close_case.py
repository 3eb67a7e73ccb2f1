"""Closing a case (owner's coordinator) and editing the person (owner, re-indexed)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from henvis.apps.cases.forms import PersonForm
from henvis.apps.cases.tests.factories import make_case

pytestmark = pytest.mark.django_db


def test_only_the_owners_coordinator_closes_a_case_with_a_reason(client: Client, make_user: Any) -> None:
    first_line = make_user("ola", roles=["first_line"], org="rosa")
    coordinator = make_user("kari", roles=["coordinator"], org="rosa")
    case = make_case(first_line)
    client.force_login(first_line)
    assert client.post(f"/cases/{case.pk}/close/", {"closed": "2026-06-01", "closing_reason": "returned"}).status_code == 403
    client.force_login(coordinator)
    assert client.post(f"/cases/{case.pk}/close/", {"closed": "2026-06-01", "closing_reason": ""}).status_code == 200
    assert client.post(f"/cases/{case.pk}/close/", {"closed": "2026-06-01", "closing_reason": "returned"}).status_code == 302
    case.refresh_from_db()
    assert case.status == "closed" and case.closing_reason == "returned" and str(case.closed) == "2026-06-01"


def test_edited_name_is_found_by_search(client: Client, make_user: Any) -> None:
    user = make_user("kari", roles=["coordinator"], org="rosa")
    case = make_case(user, given="Ana", family="Popescu")
    client.force_login(user)
    data = {k: ("" if v is None else v) for k, v in PersonForm.initial_from(case.person).items()}
    data.update(family_name="Vasilescu", minor="", age_in_doubt="")
    assert client.post(f"/cases/{case.pk}/person/", data).status_code == 302
    assert case.reference in client.post("/cases/", {"q": "Vasilescu"}).content.decode()
    assert case.reference not in client.post("/cases/", {"q": "Popescu"}).content.decode()
