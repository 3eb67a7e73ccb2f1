"""The demo loader fills cases, referrals and deadlines from the synthetic generator."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from henvis.apps.cases.demo import load
from henvis.apps.cases.models import Case, Decision, Person
from henvis.apps.referrals.models import Referral

pytestmark = pytest.mark.django_db


def test_demo_load_gives_every_demo_user_something_to_see(client: Client, make_user: Any) -> None:
    rosa = make_user("rosa", roles=["coordinator"], org="rosa")
    summary = load(persons=120, seed=3)
    assert "cases" in summary
    assert Case.objects.count() == Person.objects.count() > 100
    assert Case.objects.values("organisation").distinct().count() > 5
    assert Referral.objects.filter(to_organisation__slug="rosa", status__in=["sent", "accepted"]).exists()
    assert Decision.objects.filter(kind="reflection_period", outcome="granted", valid_to__isnull=False).exists()
    # A name of a demo person is findable through the blind indexes and shown to its owner.
    case = Case.objects.filter(organisation=rosa.organisation).select_related("person").first()
    assert case is not None and case.person.family_name
    client.force_login(rosa)
    html = client.post("/cases/", {"q": case.person.family_name}).content.decode()
    assert case.reference in html
    dashboard = client.get("/dashboard/").content.decode()
    assert "deadlines-due_soon" in dashboard and "HV-" in dashboard
