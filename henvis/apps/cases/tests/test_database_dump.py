"""A dump of the whole database holds no plaintext name, alias, identity number,
contact detail or free text about a person."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from henvis.apps.cases.models import Case
from henvis.apps.cases.tests.test_save_screening import SCREENING

pytestmark = pytest.mark.django_db

PERSON = {
    "given_names": "Oluwaseun", "family_name": "Adebayo-Lindqvist", "aliases": "Seun Bayo", "birth_precision": "exact",
    "birth_date": "1993-07-15", "birth_year": "", "birth_year_to": "", "sex": "female", "citizenships": "NG",
    "national_id": "15076500565", "duf_number": "201912345601", "contact": "Tlf 40011223, Storgata 99B",
    "children": "Temitope Adebayo-Lindqvist, 2019",
}
CASE = {"status": "concern", "opened": "2026-03-02", "exploitation_forms": ["unknown"], "place_kind": "norway",
        "identified_how": "screening"}
PLAINTEXT = ("Oluwaseun", "Adebayo", "Lindqvist", "Seun Bayo", "15076500565", "201912345601", "40011223",
             "Storgata", "Temitope", "1993-07-15", "Hemmelig melding")


def dump_database() -> str:
    """Every row of every table as text: SQLite's iterdump, or a raw SELECT per table."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return "\n".join(connection.connection.iterdump())
    lines: list[str] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            lines.append(f"-- table {table}")
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            lines.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(lines)


def test_dump_has_no_plaintext_identifiers(client: Client, make_user: Any) -> None:
    police = make_user("politi", roles=["first_line"], org="politi-oslo")
    rosa = make_user("rosa", roles=["coordinator"], org="rosa")
    client.force_login(police)
    assert client.post("/cases/new/", {**PERSON, **CASE}).status_code == 302
    case = Case.objects.get()
    client.post("/cases/screenings/save/", {"screening": json.dumps(SCREENING), "case": case.pk})
    client.post(f"/cases/{case.pk}/refer/", {"to_organisation": rosa.organisation.pk, "purpose": "housing",
                                             "legal_basis": "consent", "consent_now": "on", "consent_form": "oral",
                                             "message": "Hemmelig melding"})
    assert case.referrals.count() == 1
    client.get(f"/cases/{case.pk}/")
    client.post("/cases/", {"q": "Oluwaseun"})

    dump = dump_database()
    assert "cases_person" in dump and len(dump) > 10_000  # the dump really holds the tables
    found = [value for value in PLAINTEXT if value.lower() in dump.lower()]
    assert found == []
