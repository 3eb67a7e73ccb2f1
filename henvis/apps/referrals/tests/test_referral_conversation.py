"""Issue 15 item 4 (in part): a referral as a conversation. The receiver sees the
sender's contact person and phone, the sent date and the answer deadline; sender and
receiver write to each other while the referral is open; the sender sees what the
receiver did (its answer and the measures it started: kind and date only)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from henvis.apps.cases.tests.factories import make_case
from henvis.apps.referrals.models import Referral, ReferralMessage

pytestmark = pytest.mark.django_db


def _sent(client: Client, police: Any, rosa: Any) -> tuple[Any, Referral]:
    case = make_case(police)
    client.force_login(police)
    response = client.post(f"/cases/{case.pk}/refer/", {
        "to_organisation": rosa.organisation.pk, "purpose": "housing", "legal_basis": "consent",
        "consent_now": "on", "consent_form": "written", "contact_person": "Kari Nordmann",
        "contact_phone": "+47 400 00 000",
    })
    assert response.status_code == 302
    return case, Referral.objects.get()


def test_the_receiver_sees_contact_sent_date_and_answer_deadline(client: Client, police: Any, rosa: Any) -> None:
    _case, referral = _sent(client, police, rosa)
    client.force_login(rosa)
    html = client.get(f"/referrals/{referral.pk}/").content.decode()
    assert "Kari Nordmann, +47 400 00 000" in html.split('id="referral-contact"')[1].split("</dd>")[0]
    assert timezone.localdate(referral.sent).isoformat() in html.split('id="referral-sent"')[1].split("</dd>")[0]
    due = referral.answer_due
    assert due is not None and due.isoformat() in html.split('id="referral-due"')[1].split("</dd>")[0]
    api = client.get(f"/api/v1/referrals/{referral.pk}").json()
    assert (api["contact_person"], api["contact_phone"]) == ("Kari Nordmann", "+47 400 00 000")


def test_sender_and_receiver_write_to_each_other_while_the_referral_is_open(
    client: Client, police: Any, rosa: Any, make_user: Any,
) -> None:
    _case, referral = _sent(client, police, rosa)
    # The thread is about the person: before accepting, the receiver reads it only when the
    # sender shared the case (no longer the default, issue 15 item 4).
    Referral.objects.filter(pk=referral.pk).update(shared_before_accepting=True)
    client.post(f"/referrals/{referral.pk}/messages/", {"text": "Hun trenger tolk på rumensk."})
    client.force_login(rosa)
    assert "Hun trenger tolk på rumensk." in client.get(f"/referrals/{referral.pk}/").content.decode()
    answer = client.post(f"/api/v1/referrals/{referral.pk}/messages", {"text": "Vi ordner tolk."},
                         content_type="application/json")
    assert answer.status_code == 201
    client.force_login(police)
    thread = client.get(f"/api/v1/referrals/{referral.pk}/messages").json()
    assert [(m["organisation"], m["text"]) for m in thread] == [
        ("politi-oslo", "Hun trenger tolk på rumensk."), ("rosa", "Vi ordner tolk."),
    ]
    # A third organisation neither reads nor writes.
    client.force_login(make_user("filemon", roles=["coordinator"], org="safe-house-filemon"))
    assert client.get(f"/api/v1/referrals/{referral.pk}/messages").status_code == 404
    assert client.post(f"/referrals/{referral.pk}/messages/", {"text": "x"}).status_code == 404
    # Too long is refused; an ended referral takes no more messages, and hides them from the receiver.
    client.force_login(rosa)
    too_long = client.post(f"/api/v1/referrals/{referral.pk}/messages", {"text": "x" * 2001},
                           content_type="application/json")
    assert too_long.status_code == 422
    client.post(f"/referrals/{referral.pk}/answer/", {"action": "decline", "reason": "Fullt"})
    assert client.get(f"/api/v1/referrals/{referral.pk}/messages").status_code == 404
    assert "Vi ordner tolk." not in client.get(f"/referrals/{referral.pk}/").content.decode()
    client.force_login(police)
    ended = client.post(f"/api/v1/referrals/{referral.pk}/messages", {"text": "Hallo?"},
                        content_type="application/json")
    assert ended.status_code == 422
    assert ReferralMessage.objects.count() == 2


def test_the_sender_sees_the_answer_and_the_measures_the_receiver_started(
    client: Client, police: Any, rosa: Any,
) -> None:
    case, referral = _sent(client, police, rosa)
    client.force_login(rosa)
    client.post(f"/referrals/{referral.pk}/answer/", {"action": "accept"})
    assert client.post(f"/cases/{case.pk}/measures/new/", {"kind": "housing", "start": "2026-02-01",
                                                            "provider_name": "Hemmelig adresse"}).status_code == 302
    client.force_login(police)
    html = client.get(f"/referrals/{referral.pk}/").content.decode()
    assert "Akseptert" in html.split('id="referral-status"')[1].split("</dd>")[0]
    measures = html.split('id="receiver-measures"')[1].split("</dd>")[0]
    assert "2026-02-01" in measures
    assert "Hemmelig adresse" not in html  # where the person lives stays with the receiver


def test_before_accepting_the_receiver_sees_only_what_the_sender_chose_to_share(
    client: Client, police: Any, rosa: Any,
) -> None:
    case = make_case(police, given="Ioana", family="Dumitrescu")
    client.force_login(police)
    client.post(f"/cases/{case.pk}/refer/", {
        "to_organisation": rosa.organisation.pk, "purpose": "housing", "legal_basis": "consent",
        "consent_now": "on", "consent_form": "written", "message": "Trenger bolig i dag",
    })
    referral = Referral.objects.get()
    assert referral.shared_before_accepting is False
    client.force_login(rosa)
    html = client.get(f"/referrals/{referral.pk}/").content.decode()
    assert "Trenger bolig i dag" in html and 'id="referral-summary"' in html
    assert "Dumitrescu" not in html
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 404
    assert client.get(f"/api/v1/referrals/{referral.pk}").json()["message"] == "Trenger bolig i dag"
    client.post(f"/referrals/{referral.pk}/answer/", {"action": "accept"})
    assert "Dumitrescu" in client.get(f"/cases/{case.pk}/").content.decode()


def test_a_referral_shares_only_itself_before_accepting_unless_the_sender_shares_the_case(
    client: Client, police: Any, rosa: Any,
) -> None:
    # Issue 15 item 4: withholding the person until the answer is the default now.
    case, referral = _sent(client, police, rosa)
    assert referral.shared_before_accepting is False
    client.force_login(rosa)
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    client.force_login(police)
    other = make_case(police)
    client.post(f"/cases/{other.pk}/refer/", {
        "to_organisation": rosa.organisation.pk, "purpose": "housing", "legal_basis": "consent",
        "consent_now": "on", "consent_form": "written", "share_before_accepting": "on",
    })
    assert Referral.objects.get(case=other).shared_before_accepting is True
    client.force_login(rosa)
    assert client.get(f"/cases/{other.pk}/").status_code == 200
