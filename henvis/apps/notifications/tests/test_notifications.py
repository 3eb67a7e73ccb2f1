"""Issue 15 item 3: notifications. A referral reaches the receiver's header count and
inbox, answers reach the sender, a withdrawn consent reaches the receiver; the e-mail is a
link only; another organisation never sees them; reminders are audited and rate-limited."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from henvis.apps.audit.models import AuditEntry
from henvis.apps.cases.models import Decision
from henvis.apps.cases.tests.factories import make_case
from henvis.apps.notifications import services
from henvis.apps.notifications.models import Kind, Notification
from henvis.apps.referrals.models import Referral

pytestmark = pytest.mark.django_db

GIVEN, FAMILY, MESSAGE = "Ioana", "Dumitrescu", "Trenger bolig i kveld"


def _send(client: Client, police: Any, rosa: Any, **extra: str) -> tuple[Any, Referral]:
    case = make_case(police, given=GIVEN, family=FAMILY)
    client.force_login(police)
    response = client.post(f"/cases/{case.pk}/refer/", {
        "to_organisation": rosa.organisation.pk, "purpose": "housing", "legal_basis": "consent",
        "consent_now": "on", "consent_form": "written", "message": MESSAGE, **extra,
    })
    assert response.status_code == 302
    return case, Referral.objects.get(case=case)


def _count(client: Client, user: Any) -> int:
    client.force_login(user)
    return int(client.get("/inbox/count/").json()["unread"])


def _header_count(html: str) -> str:
    match = re.search(r'id="inbox-count"[^>]*>(\d+)<', html)
    assert match, "no inbox count in the header"
    return match.group(1)


def test_a_referral_reaches_the_receivers_header_and_inbox_and_no_other_organisation(
    client: Client, police: Any, rosa: Any, filemon: Any,
) -> None:
    case, referral = _send(client, police, rosa)
    client.force_login(rosa)
    assert _header_count(client.get("/referrals/").content.decode()) == "1"
    inbox = client.get("/inbox/").content.decode()
    assert "Ny henvisning til organisasjonen din" in inbox and case.reference in inbox
    assert FAMILY not in inbox and MESSAGE not in inbox
    n = Notification.objects.get(kind=Kind.REFERRAL_NEW)
    assert n.organisation_id == rosa.organisation_id
    # Opening it marks it read and leads to the referral.
    opened = client.get(f"/inbox/{n.pk}/")
    assert opened.status_code == 302 and opened["Location"] == f"/referrals/{referral.pk}/"
    assert _count(client, rosa) == 0
    # The sender and a third organisation see nothing of it, and cannot open it.
    assert _count(client, police) == 0
    assert _count(client, filemon) == 0
    client.force_login(filemon)
    assert client.get(f"/inbox/{n.pk}/").status_code == 404
    assert case.reference not in client.get("/inbox/").content.decode()


def test_the_answer_and_the_measures_reach_the_sender(client: Client, police: Any, rosa: Any) -> None:
    case, referral = _send(client, police, rosa)
    client.force_login(rosa)
    client.post(f"/referrals/{referral.pk}/answer/", {"action": "accept"})
    assert client.post(f"/cases/{case.pk}/measures/new/", {"kind": "housing", "start": "2026-02-01",
                                                            "provider_name": "Hemmelig adresse"}).status_code == 302
    kinds = list(Notification.objects.filter(organisation=police.organisation).values_list("kind", flat=True))
    assert sorted(kinds) == sorted([Kind.REFERRAL_ACCEPTED, Kind.MEASURE_STARTED])
    assert _count(client, police) == 2
    client.force_login(police)
    home = client.get("/").content.decode()
    answers = home.split('id="today-answers"')[1].split("</section>")[0]
    assert "Henvisningen din ble godtatt" in answers and case.reference in answers
    assert "Hemmelig adresse" not in home


def test_a_declined_referral_and_a_withdrawn_consent_are_told(client: Client, police: Any, rosa: Any) -> None:
    _case, referral = _send(client, police, rosa)
    client.force_login(police)
    client.post(f"/referrals/consents/{referral.consent_id}/withdraw/", {"confirm": "yes"})
    assert Notification.objects.filter(organisation=rosa.organisation, kind=Kind.CONSENT_WITHDRAWN,
                                       referral=referral).count() == 1
    _case2, second = _send(client, police, rosa)
    client.force_login(rosa)
    client.post(f"/referrals/{second.pk}/answer/", {"action": "decline", "reason": "Ingen plass"})
    assert Notification.objects.filter(organisation=police.organisation, kind=Kind.REFERRAL_DECLINED).count() == 1


def test_the_email_holds_a_link_and_no_personal_data(
    client: Client, police: Any, rosa: Any, filemon: Any, django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        case, _referral = _send(client, police, rosa, contact_person="Kari Nordmann")
    n = Notification.objects.get(kind=Kind.REFERRAL_NEW)
    assert [m.to for m in mail.outbox] == [["rosa@example.org"]]
    message = mail.outbox[0]
    # What the person reads, and the message as sent (headers and every part).
    text = "\n".join([str(message.subject), str(message.body), message.message().as_string()])
    assert f"/inbox/{n.pk}/" in text
    for personal in (GIVEN, FAMILY, MESSAGE, "Kari Nordmann", case.reference, police.organisation.name, "1994"):
        assert personal not in text, personal
    links = re.findall(r"https?://\S+", text)
    assert set(links) == {f"http://127.0.0.1:8000/inbox/{n.pk}/"}
    assert Notification.objects.get(pk=n.pk).emailed is not None


def _overdue_referral(client: Client, police: Any, rosa: Any) -> Referral:
    _case, referral = _send(client, police, rosa)
    Referral.objects.filter(pk=referral.pk).update(sent=timezone.now() - timedelta(days=30))
    return referral


def test_a_reminder_goes_to_the_receiver_is_audited_and_cannot_be_repeated_at_once(
    client: Client, police: Any, rosa: Any, filemon: Any,
) -> None:
    referral = _overdue_referral(client, police, rosa)
    client.force_login(police)
    dashboard = client.get("/dashboard/").content.decode()
    assert f'value="referral:{referral.pk}"' in dashboard and "Send påminnelse" in dashboard
    response = client.post("/inbox/remind/", {"subject": f"referral:{referral.pk}"}, follow=True)
    assert "Påminnelsen ble sendt" in response.content.decode()
    reminders = Notification.objects.filter(kind=Kind.REMINDER)
    assert [(r.organisation_id, r.from_organisation_id) for r in reminders] == [
        (rosa.organisation_id, police.organisation_id)]
    assert AuditEntry.objects.filter(action="deadline.remind").count() == 1
    again = client.post("/inbox/remind/", {"subject": f"referral:{referral.pk}"}, follow=True)
    assert "nylig" in again.content.decode()
    assert reminders.count() == 1
    assert AuditEntry.objects.filter(action="deadline.remind_refused").count() == 1
    # An organisation that does not see the deadline cannot remind anyone of it.
    client.force_login(filemon)
    assert client.post("/inbox/remind/", {"subject": f"referral:{referral.pk}"}).status_code == 404
    assert reminders.count() == 1


def test_the_daily_limit_of_reminders(client: Client, police: Any, rosa: Any, settings: Any) -> None:
    settings.HENVIS_REMINDER_DAILY_LIMIT = 1
    first = _overdue_referral(client, police, rosa)
    second = _overdue_referral(client, police, rosa)
    client.force_login(police)
    client.post("/inbox/remind/", {"subject": f"referral:{first.pk}"})
    client.post("/inbox/remind/", {"subject": f"referral:{second.pk}"})
    assert Notification.objects.filter(kind=Kind.REMINDER).count() == 1


def test_the_deadline_scan_notifies_once_the_organisation_that_decided(police: Any, rosa: Any) -> None:
    today = date(2026, 6, 10)
    case = make_case(police)
    Decision.objects.create(case=case, organisation=rosa.organisation, created_by=rosa, kind="reflection_period",
                            outcome="granted", valid_from=date(2026, 1, 1), valid_to=date(2026, 6, 1))
    Decision.objects.create(case=case, organisation=rosa.organisation, created_by=rosa, kind="limited_permit",
                            outcome="granted", valid_from=date(2026, 1, 1), valid_to=date(2026, 6, 15))
    Decision.objects.create(case=case, organisation=rosa.organisation, created_by=rosa, kind="limited_permit",
                            outcome="granted", valid_from=date(2026, 1, 1), valid_to=date(2026, 9, 1))
    assert services.scan_deadlines(today) == 2
    assert services.scan_deadlines(today) == 0
    made = Notification.objects.order_by("due")
    assert [(n.organisation_id, n.kind, n.due) for n in made] == [
        (rosa.organisation_id, Kind.DEADLINE_OVERDUE, date(2026, 6, 1)),
        (rosa.organisation_id, Kind.DEADLINE_SOON, date(2026, 6, 15)),
    ]


def test_the_home_page_shows_what_needs_me_today(client: Client, police: Any, rosa: Any) -> None:
    case, _referral = _send(client, police, rosa)
    Decision.objects.create(case=case, organisation=police.organisation, created_by=police, kind="reflection_period",
                            outcome="granted", valid_from=timezone.localdate() - timedelta(days=200),
                            valid_to=timezone.localdate() + timedelta(days=3))
    client.force_login(rosa)
    home = client.get("/").content.decode()
    assert case.reference in home.split('id="today-referrals"')[1].split("</section>")[0]
    client.force_login(police)
    home = client.get("/").content.decode()
    soon = home.split('id="today-soon"')[1].split("</section>")[0]
    assert case.reference in soon and "Refleksjonsperioden utløper" in soon
    assert FAMILY not in home


def test_the_count_poll_does_not_keep_an_idle_session_alive(client: Client, rosa: Any) -> None:
    client.force_login(rosa)
    client.get("/inbox/")
    session = client.session
    session["_henvis_renewed"] = 1  # renewed long ago
    session.save()
    client.get("/inbox/count/")
    assert client.session["_henvis_renewed"] == 1
    client.get("/inbox/")
    assert client.session["_henvis_renewed"] != 1
