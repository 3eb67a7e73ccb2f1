"""Closing a case (owner's coordinator) and editing the person (owner, re-indexed)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

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


def test_a_case_is_not_closed_before_it_was_opened_nor_in_the_future(client: Client, make_user: Any) -> None:
    coordinator = make_user("kari", roles=["coordinator"], org="rosa")
    case = make_case(coordinator, opened=date(2026, 1, 5))
    client.force_login(coordinator)
    before = client.post(f"/cases/{case.pk}/close/", {"closed": "2026-01-04", "closing_reason": "returned"})
    assert before.status_code == 200 and "Saken kan ikke avsluttes før den ble opprettet." in before.content.decode()
    future = (timezone.localdate() + timedelta(days=1)).isoformat()
    later = client.post(f"/cases/{case.pk}/close/", {"closed": future, "closing_reason": "returned"})
    assert later.status_code == 200 and "Datoen er fram i tid." in later.content.decode()
    case.refresh_from_db()
    assert case.status != "closed"
