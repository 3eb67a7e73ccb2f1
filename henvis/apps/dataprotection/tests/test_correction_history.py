"""Corrections to a person's identifying fields keep a history (old and new value, who,
when) that the organisation's auditor reads; values stay encrypted at rest."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client

from henvis.apps.audit.models import AuditEntry
from henvis.apps.cases.forms import PersonForm
from henvis.apps.cases.tests.factories import make_case
from henvis.apps.dataprotection.models import IdentityCorrection

pytestmark = pytest.mark.django_db


def _correct(client: Client, case: Any, **changes: str) -> Any:
    data = {k: ("" if v is None else v) for k, v in PersonForm.initial_from(case.person).items()}
    data.update(minor="", age_in_doubt="", **changes)
    return client.post(f"/cases/{case.pk}/person/", data)


def test_a_corrected_name_keeps_its_history(client: Client, rosa: Any, make_user: Any) -> None:
    case = make_case(rosa, given="Ana", family="Popescu")
    client.force_login(rosa)
    assert _correct(client, case, family_name="Vasilescu").status_code == 302
    [change] = IdentityCorrection.objects.all()
    assert (change.field, change.old_value, change.new_value) == ("family_name", "Popescu", "Vasilescu")
    assert change.changed_by == rosa and change.organisation_id == rosa.organisation_id
    with connection.cursor() as cursor:
        cursor.execute("SELECT old_value, new_value FROM dataprotection_identitycorrection")
        assert all("Popescu" not in v and "Vasilescu" not in v for v in cursor.fetchone())
    # Saving without a change writes nothing.
    case.person.refresh_from_db()
    _correct(client, case)
    assert IdentityCorrection.objects.count() == 1


def test_the_organisations_auditor_reads_it_and_the_reading_is_audited(client: Client, rosa: Any,
                                                                       make_user: Any) -> None:
    case = make_case(rosa, given="Ana", family="Popescu")
    client.force_login(rosa)
    _correct(client, case, family_name="Vasilescu")
    client.force_login(make_user("revisor", roles=["auditor"], org="rosa"))
    page = client.get("/dataprotection/corrections/").content.decode()
    assert "Popescu" in page and "Vasilescu" in page and "<td>Etternavn</td>" in page  # the field in words, not its column
    assert AuditEntry.objects.filter(action="dataprotection.corrections_read").exists()


@pytest.mark.parametrize(("role", "org"), [("auditor", "politi-oslo"), ("coordinator", "rosa"),
                                           ("analyst", "kom")])
def test_nobody_else_reads_it(client: Client, rosa: Any, make_user: Any, role: str, org: str) -> None:
    case = make_case(rosa, given="Ana", family="Popescu")
    client.force_login(rosa)
    _correct(client, case, family_name="Vasilescu")
    client.force_login(make_user("x", roles=[role], org=org))
    response = client.get("/dataprotection/corrections/")
    assert response.status_code == 403 or "Vasilescu" not in response.content.decode()
    assert "Popescu" not in response.content.decode()
