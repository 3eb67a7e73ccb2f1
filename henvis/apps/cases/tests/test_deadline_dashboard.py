"""The deadline dashboard: overdue and due within 14 days, only from visible decisions;
referrals not yet answered, overdue after HENVIS_REFERRAL_ANSWER_DAYS (7 for child welfare)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from henvis.apps.cases.models import Decision
from henvis.apps.cases.tests.factories import make_case

pytestmark = pytest.mark.django_db


def _granted(case: Any, user: Any, kind: str, start: Any) -> Decision:
    d = Decision(case=case, organisation=user.organisation, created_by=user, kind=kind, outcome="granted",
                 valid_from=start)
    d.valid_to = d.default_valid_to()
    d.save()
    return d


def test_dashboard_groups_deadlines(client: Client, make_user: Any) -> None:
    rosa = make_user("rosa", roles=["coordinator"], org="rosa")
    today = timezone.localdate()
    overdue = make_case(rosa, given="Ayesha")
    soon = make_case(rosa, given="Blessing")
    later = make_case(rosa, given="Chloe")
    _granted(overdue, rosa, "cw_acute_placement", today - timedelta(days=20))
    _granted(soon, rosa, "cw_institution_placement", today - timedelta(weeks=6) + timedelta(days=5))
    reflection = _granted(later, rosa, "reflection_period", today)
    client.force_login(rosa)
    html = client.get("/dashboard/").content.decode()
    overdue_part = html.split('id="deadlines-overdue"')[1].split("</section>")[0]
    soon_part = html.split('id="deadlines-due_soon"')[1].split("</section>")[0]
    later_part = html.split('id="deadlines-later"')[1].split("</section>")[0]
    assert overdue.reference in overdue_part
    assert soon.reference in soon_part and soon.reference in later_part  # review soon, 6-month maximum later
    assert reflection.valid_to is not None and reflection.valid_to.isoformat() in later_part


def test_renewed_decisions_and_other_organisations_deadlines_are_not_shown(client: Client, make_user: Any) -> None:
    rosa = make_user("rosa", roles=["coordinator"], org="rosa")
    police = make_user("politi", roles=["first_line"], org="politi-oslo")
    today = timezone.localdate()
    case = make_case(rosa)
    first = _granted(case, rosa, "limited_permit", today - timedelta(days=370))
    renewal = _granted(case, rosa, "limited_permit", today - timedelta(days=5))
    renewal.renewal_of = first
    renewal.save()
    client.force_login(rosa)
    html = client.get("/dashboard/").content.decode()
    assert html.count(case.reference) == 1
    client.force_login(police)
    assert case.reference not in client.get("/dashboard/").content.decode()


def _sent(case: Any, sender: Any, receiver: Any, days_ago: int, **fields: Any) -> Any:
    from datetime import datetime, time

    from henvis.apps.referrals.models import Referral

    sent = timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=days_ago), time(10)))
    return Referral.objects.create(case=case, from_organisation=sender.organisation, to_organisation=receiver,
                                   sent_by=sender, sent=sent, **{"purpose": "housing", **fields})


def _unanswered(html: str) -> str:
    return html.split('id="unanswered-referrals"')[1].split("</section>")[0]


def test_an_unanswered_referral_is_overdue_after_fourteen_days(client: Client, make_user: Any) -> None:
    police = make_user("politi", roles=["first_line"], org="politi-oslo")
    rosa = make_user("rosa", roles=["coordinator"], org="rosa")
    old = _sent(make_case(police, given="Ayesha"), police, rosa.organisation, days_ago=122)  # four months
    new = _sent(make_case(police, given="Blessing"), police, rosa.organisation, days_ago=3)
    answered = _sent(make_case(police, given="Chloe"), police, rosa.organisation, days_ago=200, status="accepted")
    for user, whose in ((police, "Sendt av din organisasjon"), (rosa, "Din organisasjon skal svare")):
        client.force_login(user)
        html = client.get("/dashboard/").content.decode()
        assert "1 henvisning er ikke besvart i tide." in html
        part = _unanswered(html)
        rows = part.split("<tr")[2:]  # the header row first
        assert len(rows) == 2 and old.case.reference in rows[0] and new.case.reference in rows[1]
        assert 'class="overdue"' in rows[0] and "over fristen" in rows[0] and "122 dager" in rows[0]
        assert "over fristen" not in rows[1] and "3 dager" in rows[1] and whose in rows[0]
        assert answered.case.reference not in part
    assert old.answer_due == timezone.localdate() - timedelta(days=122 - 14)
    inbox = client.get("/referrals/").content.decode()
    waiting = inbox.split('id="waiting"')[1].split("</section>")[0]
    assert waiting.count("over fristen") == 1


def test_a_notification_to_child_welfare_is_due_within_a_week(client: Client, make_user: Any, organisations: Any) -> None:
    police = make_user("politi", roles=["first_line"], org="politi-oslo")
    barnevern = organisations.get(slug="barnevern-oslo")
    notified = _sent(make_case(police), police, barnevern, days_ago=10, legal_basis="duty_to_notify",
                     purpose="child_welfare")
    referred = _sent(make_case(police, given="Dina"), police, barnevern, days_ago=10)
    assert notified.answer_overdue and not referred.answer_overdue


def test_the_answer_days_follow_the_setting_and_the_api_says_when(client: Client, make_user: Any, settings: Any) -> None:
    from henvis.apps.cases.tests.test_api_workflow import Api

    settings.HENVIS_REFERRAL_ANSWER_DAYS = 2
    police = make_user("politi", roles=["first_line"], org="politi-oslo")
    rosa = make_user("rosa", roles=["coordinator"], org="rosa")
    referral = _sent(make_case(police), police, rosa.organisation, days_ago=3)
    listed = Api(client, rosa).get("referrals/").json()
    assert listed[0]["answer_due"] == (timezone.localdate() - timedelta(days=1)).isoformat()
    assert listed[0]["answer_overdue"] is True
    client.post(f"/api/v1/referrals/{referral.pk}/accept", headers=Api(client, rosa).headers)
    answered = Api(client, rosa).get(f"referrals/{referral.pk}").json()
    assert answered["answer_due"] is None and answered["answer_overdue"] is False
