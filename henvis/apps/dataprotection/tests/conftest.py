"""A person registered by ROSA (an NGO, consent-based), referred to the police and to
Nadheim; the organisations and users the data protection tests act as."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from henvis.apps.cases.models import Measure
from henvis.apps.cases.tests.factories import make_case
from henvis.apps.referrals.models import Consent, Referral


@pytest.fixture
def rosa(make_user: Any) -> Any:
    return make_user("rosa-koord", roles=["coordinator"], org="rosa")


@pytest.fixture
def police(make_user: Any) -> Any:
    return make_user("politi", roles=["first_line"], org="politi-oslo")


@pytest.fixture
def nadheim(make_user: Any) -> Any:
    return make_user("nadheim", roles=["coordinator"], org="kirkens-bymisjon-nadheim")


@pytest.fixture
def referred_case(rosa: Any, police: Any, nadheim: Any) -> Any:
    """ROSA's case, referred to the police (duty to avert, accepted) and to Nadheim
    (consent, sent); a housing measure by ROSA and an interview note by the police."""
    case = make_case(rosa, given="Ana", family="Popescu", national_id="")
    Referral.objects.create(case=case, from_organisation=rosa.organisation, to_organisation=police.organisation,
                            purpose="police_report", status="accepted", legal_basis="duty_to_avert", sent_by=rosa)
    consent = Consent.objects.create(case=case, organisation=rosa.organisation, given_to=nadheim.organisation,
                                     given_on=date(2026, 1, 6), created_by=rosa)
    Referral.objects.create(case=case, from_organisation=rosa.organisation, to_organisation=nadheim.organisation,
                            purpose="housing", status="sent", legal_basis="consent", consent=consent, sent_by=rosa,
                            shared_before_accepting=True)  # Nadheim sees the case before answering
    Measure.objects.create(case=case, organisation=rosa.organisation, created_by=rosa, kind="housing",
                           start=date(2026, 1, 7), end=date(2026, 2, 1), provider_name="Skjult adresse 12")
    Measure.objects.create(case=case, organisation=police.organisation, created_by=police, kind="interpreter",
                           start=date(2026, 1, 8), end=date(2026, 1, 8))
    return case
