"""The deadline dashboard: overdue and due within 14 days, only from visible decisions."""

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
