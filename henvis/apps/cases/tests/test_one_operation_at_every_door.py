"""Closing and changing a case are one operation (``apps/cases/services.py``) behind the
page and the API: the same refusals, the same write and the same audit entry, with
only the door named in the detail."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from henvis.apps.accounts.models import ApiToken
from henvis.apps.audit.models import AuditEntry
from henvis.apps.cases.models import Case
from henvis.apps.cases.tests.factories import make_case

pytestmark = pytest.mark.django_db

CLOSE = {"closed": "2026-06-01", "closing_reason": "returned"}


def _api(client: Client, user: Any, method: str, path: str, body: dict[str, Any]) -> Any:
    headers = {"Authorization": f"Bearer {ApiToken.issue(user, 'test')[1]}"}
    return getattr(client, method)(f"/api/v1/{path}", body, content_type="application/json", headers=headers)


def test_closing_is_refused_alike_and_audited_alike_by_page_and_api(client: Client, make_user: Any) -> None:
    first_line = make_user("ola", roles=["first_line"], org="rosa")
    coordinator = make_user("kari", roles=["coordinator"], org="rosa")
    by_page, by_api = make_case(first_line), make_case(first_line, given="Mira")

    client.force_login(first_line)
    assert client.post(f"/cases/{by_page.pk}/close/", CLOSE).status_code == 403
    refused = _api(client, first_line, "post", f"cases/{by_api.pk}/close", CLOSE)
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Bare eierens saksansvarlige kan lukke saken"
    assert refused.json()["detail_en"] == "Only the owner's coordinator can close"

    client.force_login(coordinator)
    assert client.post(f"/cases/{by_page.pk}/close/", CLOSE).status_code == 302
    assert _api(client, coordinator, "post", f"cases/{by_api.pk}/close", CLOSE).status_code == 200
    assert set(Case.objects.values_list("status", flat=True)) == {"closed"}
    details = dict(AuditEntry.objects.filter(action="case.close").values_list("object_id", "detail"))
    assert details == {str(by_page.pk): "reason=returned", str(by_api.pk): "reason=returned api"}


def test_a_role_that_only_reads_cannot_change_a_case_through_either_door(client: Client, make_user: Any) -> None:
    writer = make_user("ola", roles=["first_line"], org="rosa")
    reader = make_user("admin", roles=["org_admin"], org="rosa")
    case = make_case(writer)
    client.force_login(reader)
    assert client.get(f"/cases/{case.pk}/edit/").status_code == 403
    body = {"exploitation_forms": ["sexual"], "municipality": "Bergen"}
    refused = _api(client, reader, "put", f"cases/{case.pk}", body)
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Rollen din kan ikke endre saker"
    assert refused.json()["detail_en"] == "Your role cannot change cases"
    case.refresh_from_db()
    assert case.municipality != "Bergen"
    assert not AuditEntry.objects.filter(action="case.update").exists()
