"""The case list: search by name variants and case number, filters, no foreign cases."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from henvis.apps.audit.models import AuditEntry
from henvis.apps.cases.tests.factories import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(make_user: Any) -> dict[str, Any]:
    rosa = make_user("rosa", roles=["coordinator"], org="rosa")
    police = make_user("politi", roles=["first_line"], org="politi-oslo")
    return {
        "rosa": rosa,
        "mohammed": make_case(rosa, given="Mohammed", family="Haddad", exploitation_forms=["labour"]),
        "maria": make_case(rosa, given="Maria", family="Ionescu", status="in_assistance",
                           exploitation_forms=["sexual"]),
        "foreign": make_case(police, given="Muhammad", family="Haddad"),
    }


def _refs(client: Client, **params: str) -> str:
    return client.post("/cases/", params).content.decode()


def test_search_finds_spelling_variants_of_own_cases_only(client: Client, cases: dict[str, Any]) -> None:
    client.force_login(cases["rosa"])
    html = _refs(client, q="Muhamad Hadad")
    assert cases["mohammed"].reference in html
    assert cases["maria"].reference not in html and cases["foreign"].reference not in html
    assert cases["maria"].reference in _refs(client, q=cases["maria"].reference)
    assert AuditEntry.objects.filter(action="case.list", actor="rosa").exists()


def test_filters_by_status_and_exploitation_form(client: Client, cases: dict[str, Any]) -> None:
    client.force_login(cases["rosa"])
    html = _refs(client, status="in_assistance")
    assert cases["maria"].reference in html and cases["mohammed"].reference not in html
    html = _refs(client, form="labour")
    assert cases["mohammed"].reference in html and cases["maria"].reference not in html
