"""Who sees which case and which records in it (henvis.apps.cases.access)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from henvis.apps.cases.access import visible_cases, visible_records
from henvis.apps.cases.models import Measure
from henvis.apps.cases.tests.factories import make_case
from henvis.apps.referrals.models import Referral

pytestmark = pytest.mark.django_db


def _refer(case: Any, user: Any, to: Any, status: str) -> Referral:
    return Referral.objects.create(case=case, from_organisation=case.organisation, to_organisation=to,
                                   purpose="housing", status=status, legal_basis="duty_to_avert", sent_by=user,
                                   shared_before_accepting=True)  # no longer the default (issue 15 item 4)


@pytest.mark.parametrize(("status", "sees"), [
    ("sent", True), ("accepted", True), ("declined", False), ("completed", False), ("revoked", False),
])
def test_receiver_sees_a_case_while_the_referral_is_pending_or_accepted(make_user: Any, status: str, sees: bool) -> None:
    police = make_user("politi", roles=["first_line"], org="politi-oslo")
    rosa = make_user("rosa", roles=["coordinator"], org="rosa")
    case = make_case(police)
    _refer(case, police, rosa.organisation, status)
    assert (case in visible_cases(rosa)) is sees
    assert case in visible_cases(police)


@pytest.mark.parametrize("role", ["analyst", "auditor", "system_admin"])
def test_roles_without_case_access_see_nothing_even_in_the_owning_organisation(make_user: Any, role: str) -> None:
    police = make_user("politi", roles=["first_line"], org="politi-oslo")
    make_case(police)
    other = make_user("x", roles=[role], org="politi-oslo")
    assert not visible_cases(other).exists()


def test_referrer_does_not_see_what_the_receiver_adds_until_referred_back(make_user: Any) -> None:
    police = make_user("politi", roles=["first_line"], org="politi-oslo")
    rosa = make_user("rosa", roles=["coordinator"], org="rosa")
    case = make_case(police)
    _refer(case, police, rosa.organisation, "accepted")
    police_note = Measure.objects.create(case=case, organisation=police.organisation, created_by=police,
                                         kind="interpreter", start=date(2026, 1, 6))
    housing = Measure.objects.create(case=case, organisation=rosa.organisation, created_by=rosa,
                                     kind="housing", start=date(2026, 1, 7))
    assert set(visible_records(Measure.objects.all(), rosa, case)) == {police_note, housing}
    assert set(visible_records(Measure.objects.all(), police, case)) == {police_note}
    Referral.objects.create(case=case, from_organisation=rosa.organisation, to_organisation=police.organisation,
                            purpose="police_report", status="sent", legal_basis="duty_to_avert", sent_by=rosa,
                            shared_before_accepting=True)  # no longer the default (issue 15 item 4)
    assert housing in visible_records(Measure.objects.all(), police, case)
