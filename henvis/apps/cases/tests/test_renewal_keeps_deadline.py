"""Issue 16 item 2: another organisation's "renewal" cannot remove the owner's legal
deadline. Only a granted renewal the user can see replaces a deadline, and a receiver
cannot attach its decisions to the owner's decisions (page and API)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from henvis.apps.cases.models import Decision
from henvis.apps.cases.tests.factories import make_case
from henvis.apps.referrals.models import Referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(make_user: Any) -> Any:
    return make_user("rosa", roles=["coordinator"], org="rosa")


@pytest.fixture
def receiver(make_user: Any) -> Any:
    return make_user("filemon", roles=["coordinator"], org="safe-house-filemon")


def _permit(case: Any, user: Any, start: Any, outcome: str = "granted", renews: Decision | None = None) -> Decision:
    d = Decision(case=case, organisation=user.organisation, created_by=user, kind="limited_permit",
                 outcome=outcome, valid_from=start if outcome == "granted" else None, renewal_of=renews)
    d.valid_to = d.default_valid_to()
    d.save()
    return d


def _referred(owner: Any, receiver: Any) -> tuple[Any, Decision]:
    case = make_case(owner)
    permit = _permit(case, owner, timezone.localdate() - timedelta(days=300))
    Referral.objects.create(case=case, from_organisation=owner.organisation, to_organisation=receiver.organisation,
                            purpose="housing", legal_basis="duty_to_avert", sent_by=owner, status="accepted")
    return case, permit


def _deadline_ids(client: Client) -> set[int]:
    return {d["decision_id"] for d in client.get("/api/v1/cases/deadlines").json()}


def test_receiver_cannot_renew_the_owners_decision_over_the_api(client: Client, owner: Any, receiver: Any) -> None:
    case, permit = _referred(owner, receiver)
    client.force_login(receiver)
    response = client.post(f"/api/v1/cases/{case.pk}/decisions", {
        "kind": "limited_permit", "outcome": "pending", "renewal_of": permit.pk,
    }, content_type="application/json")
    assert response.status_code == 422
    assert "renewal_of" in response.json()["errors"]
    assert not Decision.objects.filter(renewal_of=permit).exists()
    client.force_login(owner)
    assert permit.pk in _deadline_ids(client)


def test_receiver_cannot_renew_the_owners_decision_on_the_page(client: Client, owner: Any, receiver: Any) -> None:
    case, permit = _referred(owner, receiver)
    client.force_login(receiver)
    form = client.get(f"/cases/{case.pk}/decisions/new/").content.decode()
    assert f'<option value="{permit.pk}"' not in form
    response = client.post(f"/cases/{case.pk}/decisions/new/", {
        "kind": "limited_permit", "outcome": "pending", "renewal_of": permit.pk,
    })
    assert response.status_code == 200  # the form again, with the error
    assert not Decision.objects.filter(renewal_of=permit).exists()
    client.force_login(owner)
    assert permit.pk in _deadline_ids(client)
    assert case.reference in client.get("/dashboard/").content.decode()


def test_a_pending_renewal_keeps_the_deadline_and_a_granted_one_replaces_it(client: Client, owner: Any) -> None:
    case = make_case(owner)
    permit = _permit(case, owner, timezone.localdate() - timedelta(days=300))
    pending = _permit(case, owner, None, outcome="pending", renews=permit)
    client.force_login(owner)
    assert permit.pk in _deadline_ids(client)
    pending.outcome, pending.valid_from = "granted", timezone.localdate()
    pending.valid_to = pending.default_valid_to()
    pending.save()
    assert _deadline_ids(client) == {pending.pk}


def test_a_renewal_the_owner_cannot_see_leaves_the_deadline(client: Client, owner: Any, receiver: Any) -> None:
    """Even a granted renewal stored by another organisation (e.g. before this rule) does
    not hide the owner's deadline: the owner cannot see it."""
    case, permit = _referred(owner, receiver)
    _permit(case, receiver, timezone.localdate(), renews=permit)
    client.force_login(owner)
    assert permit.pk in _deadline_ids(client)
