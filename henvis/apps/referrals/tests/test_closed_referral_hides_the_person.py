"""A declined, revoked or completed referral gives the receiver no access to the case
(docs/data-model.md, "Who sees what", rule 1). The referral itself stays listed for
both sides, but without the person's name or the message written about them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from henvis.apps.cases.tests.factories import make_case
from henvis.apps.referrals.models import Referral

pytestmark = pytest.mark.django_db

MESSAGE = "Bor hos arbeidsgiver i Storgata, redd for sjefen"


def _referred(client: Client, police: Any, rosa: Any) -> tuple[Any, Referral]:
    case = make_case(police, given="Ioana", family="Dumitrescu")
    client.force_login(police)
    client.post(f"/cases/{case.pk}/refer/", {
        "to_organisation": rosa.organisation.pk, "purpose": "housing", "legal_basis": "consent",
        "message": MESSAGE, "consent_now": "on", "consent_form": "written",
    })
    return case, Referral.objects.get()


def _shows_person(client: Client, referral: Referral) -> bool:
    html = client.get(f"/referrals/{referral.pk}/").content.decode()
    api = client.get(f"/api/v1/referrals/{referral.pk}").json()
    listed = client.get("/api/v1/referrals/").json()
    assert len(listed) == 1
    page = "Dumitrescu" in html or "Storgata" in html
    return page or "Storgata" in api["message"] or "Storgata" in listed[0]["message"]


def test_receiver_sees_the_person_while_the_referral_is_pending(client: Client, police: Any, rosa: Any) -> None:
    _case, referral = _referred(client, police, rosa)
    client.force_login(rosa)
    assert _shows_person(client, referral)


def test_declined_referral_no_longer_shows_the_person(client: Client, police: Any, rosa: Any) -> None:
    case, referral = _referred(client, police, rosa)
    client.force_login(rosa)
    client.post(f"/referrals/{referral.pk}/answer/", {"action": "decline", "reason": "Fullt"})
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    assert client.get(f"/referrals/{referral.pk}/").status_code == 200  # still listed
    assert not _shows_person(client, referral)


def test_withdrawn_consent_hides_the_person_from_the_receiver(client: Client, police: Any, rosa: Any) -> None:
    _case, referral = _referred(client, police, rosa)
    client.post(f"/referrals/consents/{referral.consent_id}/withdraw/", {"confirm": "yes"})
    assert Referral.objects.get().status == "revoked"
    assert _shows_person(client, referral)  # the sender still owns the case
    client.force_login(rosa)
    assert not _shows_person(client, referral)
