"""Withdrawing a consent: a confirmation page first, naming the open referrals that rest
on it; only the confirmed POST withdraws it and revokes them (the receiver loses access)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from henvis.apps.audit.models import AuditEntry
from henvis.apps.cases.tests.factories import make_case
from henvis.apps.referrals.models import Consent, Referral

pytestmark = pytest.mark.django_db


def _referred(client: Client, police: Any, rosa: Any) -> Referral:
    case = make_case(police)
    client.force_login(police)
    client.post(f"/cases/{case.pk}/refer/", {"to_organisation": rosa.organisation.pk, "purpose": "housing",
                                             "legal_basis": "consent", "consent_now": "on", "consent_form": "written"})
    return Referral.objects.get()


def test_the_case_page_leads_to_a_confirmation_that_names_the_referrals(client: Client, police: Any, rosa: Any) -> None:
    referral = _referred(client, police, rosa)
    url = f"/referrals/consents/{referral.consent_id}/withdraw/"
    assert f'href="{url}"' in client.get(f"/cases/{referral.case_id}/").content.decode()
    page = client.get(url).content.decode()
    assert "Denne åpne henvisningen bygger på samtykket og trekkes tilbake:" in page
    assert f'href="/referrals/{referral.pk}/"' in page and rosa.organisation.name in page
    assert 'name="confirm" value="yes"' in page
    assert AuditEntry.objects.filter(action="consent.read", object_id=str(referral.consent_id)).exists()
    # Neither looking nor a POST without the confirmation changes anything.
    assert client.post(url).status_code == 200
    referral.refresh_from_db()
    assert referral.status == "sent" and Consent.objects.get().withdrawn_on is None


def test_the_confirmed_withdrawal_revokes_the_referral_and_ends_access(client: Client, police: Any, rosa: Any) -> None:
    referral = _referred(client, police, rosa)
    response = client.post(f"/referrals/consents/{referral.consent_id}/withdraw/", {"confirm": "yes"}, follow=True)
    referral.refresh_from_db()
    assert referral.status == "revoked" and Consent.objects.get().withdrawn_on is not None
    assert "Samtykket er trukket tilbake; 1 åpen henvisning som bygget på det, er trukket tilbake." in (
        response.content.decode())
    client.force_login(rosa)
    assert client.get(f"/cases/{referral.case_id}/").status_code == 404


def test_the_message_counts_in_both_languages(client: Client, police: Any, rosa: Any, organisations: Any) -> None:
    referral = _referred(client, police, rosa)
    nav = organisations.get(slug="nav-htso")
    # Two open referrals on one consent (as an older version could store them).
    Referral.objects.create(case=referral.case, from_organisation=police.organisation, to_organisation=nav,
                            purpose="follow_up", consent=referral.consent, sent_by=police)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    url = f"/referrals/consents/{referral.consent_id}/withdraw/"
    assert "These 2 open referrals rest on the consent and will be revoked:" in client.get(url).content.decode()
    done = client.post(url, {"confirm": "yes"}, follow=True).content.decode()
    assert "The consent was withdrawn; 2 open referrals resting on it were revoked." in done
    assert Referral.objects.filter(status="revoked").count() == 2


def test_a_consent_without_open_referrals_says_so(client: Client, police: Any, rosa: Any) -> None:
    case = make_case(police)
    consent = Consent.objects.create(case=case, organisation=police.organisation, given_to=rosa.organisation,
                                     created_by=police)
    client.force_login(police)
    url = f"/referrals/consents/{consent.pk}/withdraw/"
    assert "Ingen åpen henvisning bygger på dette samtykket." in client.get(url).content.decode()
    done = client.post(url, {"confirm": "yes"}, follow=True).content.decode()
    assert "Samtykket er trukket tilbake; ingen åpen henvisning bygget på det." in done


def test_a_reader_cannot_withdraw(client: Client, police: Any, rosa: Any, make_user: Any) -> None:
    referral = _referred(client, police, rosa)
    client.force_login(make_user("admin", roles=["org_admin"], org="politi-oslo"))
    url = f"/referrals/consents/{referral.consent_id}/withdraw/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"confirm": "yes"}).status_code == 403
    assert Consent.objects.get().withdrawn_on is None
