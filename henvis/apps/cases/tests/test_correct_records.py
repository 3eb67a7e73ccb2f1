"""Records of a case can be corrected by the organisation that recorded them, and a
criminal proceeding moves on to its next stage; nobody else can change them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from henvis.apps.audit.models import AuditEntry
from henvis.apps.cases.models import CriminalProceeding, Decision
from henvis.apps.cases.tests.factories import make_case
from henvis.apps.cases.tests.test_api_workflow import Api
from henvis.apps.referrals.models import Referral

pytestmark = pytest.mark.django_db

PROCEEDING = {"police_district": "", "reported_on": "2026-02-01", "provision": "257", "exploitation_form": "sexual",
              "stage": "reported", "indicted_on": "", "court_level": "", "verdict": "", "judgment_on": "",
              "sentence": "", "compensation_awarded": ""}


def test_a_proceeding_moves_to_its_next_stage_on_the_page(client: Client, make_user: Any) -> None:
    police = make_user("politi", roles=["first_line"], org="politi-oslo")
    case = make_case(police)
    client.force_login(police)
    assert client.post(f"/cases/{case.pk}/proceedings/new/", PROCEEDING).status_code == 302
    proceeding = CriminalProceeding.objects.get()
    detail = client.get(f"/cases/{case.pk}/").content.decode()
    edit_url = f"/cases/{case.pk}/proceedings/{proceeding.pk}/edit/"
    assert edit_url in detail
    form = client.get(edit_url)
    assert form.status_code == 200 and 'value="2026-02-01"' in form.content.decode()
    moved = client.post(edit_url, {**PROCEEDING, "stage": "indicted", "indicted_on": "2026-04-02"})
    assert moved.status_code == 302
    proceeding.refresh_from_db()
    assert proceeding.stage == "indicted" and str(proceeding.indicted_on) == "2026-04-02"
    assert CriminalProceeding.objects.count() == 1
    assert AuditEntry.objects.filter(action="proceeding.update", object_id=str(proceeding.pk)).exists()


def test_only_the_recording_organisation_corrects_a_record(client: Client, make_user: Any) -> None:
    police = make_user("politi", roles=["first_line"], org="politi-oslo")
    rosa = make_user("rosa", roles=["coordinator"], org="rosa")
    case = make_case(police)
    Referral.objects.create(case=case, from_organisation=police.organisation, to_organisation=rosa.organisation,
                            purpose="housing", legal_basis="duty_to_avert", sent_by=police, status="accepted")
    rosa_api, police_api = Api(client, rosa), Api(client, police)
    decision = rosa_api.post(f"cases/{case.pk}/decisions", {"kind": "reflection_period", "outcome": "pending",
                                                            "decided_by": "udi"})
    assert decision.status_code == 201, decision.content
    path = f"/api/v1/cases/{case.pk}/decisions/{decision.json()['id']}"
    granted = {"kind": "reflection_period", "outcome": "granted", "decided_by": "udi", "valid_from": "2026-03-10"}
    # The police see the case but did not record the decision: as if it did not exist.
    refused = client.put(path, granted, content_type="application/json", headers=police_api.headers)
    missing = client.put(f"/api/v1/cases/{case.pk}/decisions/987654", granted, content_type="application/json",
                         headers=police_api.headers)
    assert refused.status_code == missing.status_code == 404 and refused.content == missing.content
    corrected = client.put(path, granted, content_type="application/json", headers=rosa_api.headers)
    assert corrected.status_code == 200, corrected.content
    row = Decision.objects.get()
    assert row.outcome == "granted" and str(row.valid_to) == "2026-09-10"  # six months from valid_from
    invalid = client.put(path, {**granted, "valid_to": "2027-03-10"}, content_type="application/json",
                         headers=rosa_api.headers)
    assert invalid.status_code == 422 and Decision.objects.get().valid_to == row.valid_to
    client.force_login(police)
    assert client.get(f"/cases/{case.pk}/decisions/{row.pk}/edit/").status_code == 404


def test_a_proceeding_cannot_be_judged_before_it_was_reported(client: Client, make_user: Any) -> None:
    police = make_user("politi", roles=["first_line"], org="politi-oslo")
    case = make_case(police)
    client.force_login(police)
    response = client.post(f"/cases/{case.pk}/proceedings/new/", {
        **PROCEEDING, "stage": "judgment", "court_level": "district", "verdict": "conviction",
        "judgment_on": "2026-01-15",
    })
    assert response.status_code == 200 and not CriminalProceeding.objects.exists()
    assert list(response.context["form"].errors) == ["judgment_on"]
