"""Referring a case: consent or legal basis, accept/decline, revoke, transfer (withdrawing a
consent: test_withdraw_consent.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from henvis.apps.accounts.models import ApiToken
from henvis.apps.audit.models import AuditEntry
from henvis.apps.cases.tests.factories import make_case
from henvis.apps.referrals.models import Consent, Referral

pytestmark = pytest.mark.django_db


def _refer(client: Client, case: Any, to: Any, **extra: str) -> Any:
    data = {"to_organisation": to.pk, "purpose": "housing", "legal_basis": "consent", "message": "", **extra}
    return client.post(f"/cases/{case.pk}/refer/", data)


def test_referral_without_consent_is_refused_with_a_clear_message(client: Client, police: Any, rosa: Any) -> None:
    case = make_case(police)
    client.force_login(police)
    response = _refer(client, case, rosa.organisation)
    assert response.status_code == 200
    assert "samtykke" in response.content.decode()  # Norwegian by default
    assert not Referral.objects.exists()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = _refer(client, case, rosa.organisation)
    assert "must rest on the person&#x27;s consent" in response.content.decode()


def test_consent_to_another_organisation_does_not_count(client: Client, police: Any, rosa: Any, organisations: Any) -> None:
    case = make_case(police)
    other = Consent.objects.create(case=case, organisation=police.organisation, given_to=organisations.get(slug="udi"),
                                   created_by=police)
    client.force_login(police)
    _refer(client, case, rosa.organisation, consent=str(other.pk))
    assert not Referral.objects.exists()


def test_referral_with_consent_is_accepted_by_the_receiving_coordinator(client: Client, police: Any, rosa: Any) -> None:
    case = make_case(police)
    client.force_login(police)
    response = _refer(client, case, rosa.organisation, consent_now="on", consent_form="oral")
    referral = Referral.objects.get()
    assert response.status_code == 302 and referral.status == "sent"
    assert referral.consent is not None and referral.consent.given_to == rosa.organisation
    # The police may not answer their own referral.
    client.post(f"/referrals/{referral.pk}/answer/", {"action": "accept"})
    referral.refresh_from_db()
    assert referral.status == "sent"
    client.force_login(rosa)
    inbox = client.get("/referrals/").content.decode()
    assert case.reference in inbox
    client.post(f"/referrals/{referral.pk}/answer/", {"action": "accept"})
    referral.refresh_from_db()
    assert referral.status == "accepted" and referral.answered_by == rosa
    assert AuditEntry.objects.filter(action="referral.accept", object_id=str(referral.pk)).exists()
    assert client.get(f"/cases/{case.pk}/").status_code == 200


def test_decline_needs_a_reason_and_ends_access(client: Client, police: Any, rosa: Any) -> None:
    case = make_case(police)
    client.force_login(police)
    _refer(client, case, rosa.organisation, consent_now="on", consent_form="written")
    referral = Referral.objects.get()
    client.force_login(rosa)
    client.post(f"/referrals/{referral.pk}/answer/", {"action": "decline", "reason": ""})
    referral.refresh_from_db()
    assert referral.status == "sent"
    client.post(f"/referrals/{referral.pk}/answer/", {"action": "decline", "reason": "Full capacity"})
    referral.refresh_from_db()
    assert referral.status == "declined" and referral.decline_reason == "Full capacity"
    assert client.get(f"/cases/{case.pk}/").status_code == 404


def test_ownership_transfer_keeps_history(client: Client, police: Any, make_user: Any, organisations: Any) -> None:
    coordinator = make_user("politi-k", roles=["coordinator"], org="politi-oslo")
    case = make_case(police)
    client.force_login(coordinator)
    nav = organisations.get(slug="nav-htso")
    consent = Consent.objects.create(case=case, organisation=police.organisation, given_to=nav, created_by=police)
    response = client.post(f"/cases/{case.pk}/transfer/", {"to_organisation": nav.pk, "legal_basis": "consent",
                                                           "consent": consent.pk, "reason": "Follow-up"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.organisation == nav and case.transfers.get().from_organisation == police.organisation
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    navuser = make_user("nav", roles=["coordinator"], org="nav-htso")
    client.force_login(navuser)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'class="event-transfer"' in page


def test_a_consent_dated_in_the_future_is_no_basis(client: Client, police: Any, rosa: Any) -> None:
    """Recorded before such dates were refused (the form refuses them now)."""
    from datetime import timedelta

    from django.utils import timezone

    case = make_case(police)
    future = Consent.objects.create(case=case, organisation=police.organisation, given_to=rosa.organisation,
                                    given_on=timezone.localdate() + timedelta(days=200), created_by=police)
    client.force_login(police)
    response = _refer(client, case, rosa.organisation, consent=str(future.pk))
    assert response.status_code == 200 and not Referral.objects.exists()
    headers = {"Authorization": f"Bearer {ApiToken.issue(police, 'test')[1]}"}
    api = client.post("/api/v1/referrals/", {"case_id": case.pk, "to_organisation": "rosa", "purpose": "housing",
                                             "consent_id": future.pk}, content_type="application/json",
                      headers=headers)
    assert api.status_code == 422 and "fram i tid" in api.json()["detail"]
    assert "in the future" in api.json()["detail_en"]


def test_the_consent_picker_says_to_whom_when_and_how(client: Client, police: Any, rosa: Any) -> None:
    from datetime import date

    case = make_case(police)
    consent = Consent.objects.create(case=case, organisation=police.organisation, given_to=rosa.organisation,
                                     given_on=date(2026, 3, 1), form="oral", scope="Bosted og helse", created_by=police)
    client.force_login(police)
    page = client.get(f"/cases/{case.pk}/refer/").content.decode()
    option = page[page.index(f'<option value="{consent.pk}"'):]
    option = option[:option.index("</option>")]
    assert f"Dele med {rosa.organisation.name} – gitt 2026-03-01 (Muntlig, notert av den ansatte)" in option
    assert "consent #" not in page and "Bosted" not in page  # the free text of the scope stays out


def test_a_refusal_heads_the_refer_page(client: Client, police: Any, rosa: Any) -> None:
    case = make_case(police)
    client.force_login(police)
    html = _refer(client, case, rosa.organisation).content.decode()
    start = html.index('<div class="error-summary"')
    summary = html[start:html.index("<form", start)]  # above the form
    assert "Henvisningen kan ikke sendes" in summary
