"""The REST API with bearer tokens: register, refer with consent, accept, record, deadlines."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from henvis.apps.accounts.models import ApiToken
from henvis.apps.audit.models import AuditEntry
from henvis.apps.cases.models import Case
from henvis.apps.cases.periods import reflection_period_end

pytestmark = pytest.mark.django_db

NEW_CASE = {
    "person": {"given_names": "Blessing", "family_name": "Okoro", "birth_precision": "year", "birth": "1996",
               "sex": "female", "citizenships": ["NG"]},
    "case": {"exploitation_forms": ["sexual"], "arenas": ["prostitution"], "municipality": "Oslo",
             "police_district": "politi-oslo"},
}


class Api:
    def __init__(self, client: Client, user: Any) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {ApiToken.issue(user, 'test')[1]}"}

    def get(self, path: str) -> Any:
        return self.client.get(f"/api/v1/{path}", headers=self.headers)

    def post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        return self.client.post(f"/api/v1/{path}", body or {}, content_type="application/json", headers=self.headers)


def test_api_journey(client: Client, make_user: Any) -> None:
    police = Api(client, make_user("politi", roles=["first_line"], org="politi-oslo"))
    rosa = Api(client, make_user("rosa", roles=["coordinator"], org="rosa"))

    created = police.post("cases/", NEW_CASE)
    assert created.status_code == 201, created.content
    case_id = created.json()["id"]
    assert created.json()["person"]["given_names"] == "Blessing"
    assert created.json()["police_district"] == "politi-oslo"

    again = police.post("cases/", {**NEW_CASE, "person": {**NEW_CASE["person"], "given_names": "Blesing"}})
    assert again.status_code == 409 and again.json()["candidates"][0]["case_ids"] == [case_id]

    refused = police.post("referrals/", {"case_id": case_id, "to_organisation": "rosa", "purpose": "housing"})
    assert refused.status_code == 422
    assert "samtykke" in refused.json()["detail"] and "consent" in refused.json()["detail_en"]

    consent = police.post("referrals/consents", {"case_id": case_id, "given_to": "rosa", "form": "oral"})
    assert consent.status_code == 201
    sent = police.post("referrals/", {"case_id": case_id, "to_organisation": "rosa", "purpose": "housing",
                                      "consent_id": consent.json()["id"],
                                      # shared before the answer: no longer the default (issue 15 item 4)
                                      "shared_before_accepting": True})
    assert sent.status_code == 201 and sent.json()["status"] == "sent"
    referral_id = sent.json()["id"]

    assert rosa.get(f"cases/{case_id}").status_code == 200  # pending referral gives access
    accepted = rosa.post(f"referrals/{referral_id}/accept")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"

    housing = rosa.post(f"cases/{case_id}/measures", {"kind": "housing", "provider": "rosa", "start": "2026-03-01"})
    assert housing.status_code == 201, housing.content
    decision = rosa.post(f"cases/{case_id}/decisions", {"kind": "reflection_period", "outcome": "granted",
                                                         "decided_by": "udi", "valid_from": "2026-03-10"})
    assert decision.status_code == 201, decision.content
    end = reflection_period_end(date(2026, 3, 10)).isoformat()
    assert decision.json()["valid_to"] == end
    assert any(d["due"] == end and d["kind"] == "reflection_end" for d in rosa.get("cases/deadlines").json())

    # The police do not see what ROSA recorded.
    assert police.get(f"cases/{case_id}/measures").json() == []
    assert police.get(f"cases/{case_id}/decisions").json() == []
    assert not any(d["case_id"] == case_id for d in police.get("cases/deadlines").json())
    assert AuditEntry.objects.filter(action="decision.create", actor="rosa").exists()


def test_api_refuses_invalid_data_with_field_errors(client: Client, make_user: Any) -> None:
    police = Api(client, make_user("politi", roles=["first_line"], org="politi-oslo"))
    bad = police.post("cases/", {"person": {"national_id": "12345678901"}})
    assert bad.status_code == 422 and "national_id" in bad.json()["errors"]
    unknown = police.post("cases/", {**NEW_CASE, "case": {"police_district": "nowhere"}})
    assert unknown.status_code == 422 and "police_district" in unknown.json()["errors"]
    assert not Case.objects.exists()


def test_api_without_token_is_refused(client: Client) -> None:
    assert client.get("/api/v1/cases/").status_code == 401


def test_api_opens_a_new_case_for_a_known_person(client: Client, make_user: Any) -> None:
    police = Api(client, make_user("politi", roles=["first_line"], org="politi-oslo"))
    other = Api(client, make_user("nav", roles=["first_line"], org="nav"))
    first = police.post("cases/", NEW_CASE).json()
    again = police.post("cases/", {"person_case_id": first["id"], "case": NEW_CASE["case"]})
    assert again.status_code == 201, again.content
    assert again.json()["person"]["id"] == first["person"]["id"] and again.json()["id"] != first["id"]
    # Another organisation cannot reach the person through a case it does not own.
    assert other.post("cases/", {"person_case_id": first["id"], "case": NEW_CASE["case"]}).status_code == 404
    # Exactly one of the two ways.
    assert police.post("cases/", {"person_case_id": first["id"], **NEW_CASE}).status_code == 422
    assert police.post("cases/", {"case": NEW_CASE["case"]}).status_code == 422
    assert Case.objects.filter(person_id=first["person"]["id"]).count() == 2
