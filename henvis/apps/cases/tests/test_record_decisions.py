"""Decisions follow the legal rules (seed 001 ch. 3.2 and 5.3)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client

from henvis.apps.cases.models import Decision, Measure
from henvis.apps.cases.tests.factories import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def rosa(make_user: Any) -> Any:
    return make_user("rosa", roles=["coordinator"], org="rosa")


def _decision(client: Client, case: Any, **fields: str) -> Any:
    data = {"kind": "reflection_period", "decided_by": "", "applied_on": "", "decided_on": "2026-02-01",
            "outcome": "granted", "refusal_reason": "", "valid_from": "2026-02-01", "valid_to": "",
            "renewal_of": "", **fields}
    return client.post(f"/cases/{case.pk}/decisions/new/", data)


def test_granted_reflection_period_ends_after_six_months(client: Client, rosa: Any) -> None:
    case = make_case(rosa)
    client.force_login(rosa)
    assert _decision(client, case).status_code == 302
    assert Decision.objects.get().valid_to == date(2026, 8, 1)


def test_reflection_period_longer_than_six_months_or_renewed_is_refused(client: Client, rosa: Any) -> None:
    case = make_case(rosa)
    client.force_login(rosa)
    assert _decision(client, case, valid_to="2026-09-01").status_code == 200
    _decision(client, case)
    first = Decision.objects.get()
    response = _decision(client, case, renewal_of=str(first.pk), valid_from="2026-08-02")
    assert response.status_code == 200 and Decision.objects.count() == 1


def test_limited_permit_is_renewable_but_at_most_twelve_months(client: Client, rosa: Any) -> None:
    case = make_case(rosa)
    client.force_login(rosa)
    assert _decision(client, case, kind="limited_permit", valid_to="2027-03-01").status_code == 200
    _decision(client, case, kind="limited_permit")
    first = Decision.objects.get()
    assert first.valid_to == date(2027, 2, 1)
    assert _decision(client, case, kind="limited_permit", renewal_of=str(first.pk), valid_from="2027-02-02").status_code == 302


def test_refusal_needs_a_reason_from_the_list(client: Client, rosa: Any) -> None:
    case = make_case(rosa)
    client.force_login(rosa)
    assert _decision(client, case, outcome="refused", valid_from="").status_code == 200
    assert _decision(client, case, outcome="refused", valid_from="", refusal_reason="no_indication").status_code == 302
    assert Decision.objects.get().get_refusal_reason_display()


def test_placement_chain_stops_at_six_months(client: Client, rosa: Any) -> None:
    case = make_case(rosa)
    client.force_login(rosa)
    _decision(client, case, kind="cw_institution_placement", valid_from="2026-01-01")
    previous = Decision.objects.get()
    assert previous.valid_to == date(2026, 2, 12)
    start = previous.valid_to
    for _ in range(4):
        response = _decision(client, case, kind="cw_institution_placement", valid_from=start.isoformat(),
                             renewal_of=str(previous.pk))
        assert response.status_code == 302
        previous = Decision.objects.latest("id")
        assert previous.valid_to is not None
        start = previous.valid_to
    assert previous.valid_to == date(2026, 7, 1)
    response = _decision(client, case, kind="cw_institution_placement", valid_from=start.isoformat(),
                         renewal_of=str(previous.pk))
    assert response.status_code == 200


def test_legal_aid_measure_records_hours_and_extension(client: Client, rosa: Any) -> None:
    case = make_case(rosa)
    client.force_login(rosa)
    data = {"kind": "legal_aid", "provider": "", "provider_name": "Advokat", "start": "2026-02-01", "end": "",
            "legal_aid_hours": "3", "extension_granted": "on", "risk_assessed_on": ""}
    assert client.post(f"/cases/{case.pk}/measures/new/", data).status_code == 302
    measure = Measure.objects.get()
    assert measure.legal_aid_hours == 3 and measure.extension_granted
    safety = {**data, "kind": "safety", "legal_aid_hours": "", "extension_granted": ""}
    assert client.post(f"/cases/{case.pk}/measures/new/", safety).status_code == 200  # needs a risk assessment


def test_a_decision_dated_before_its_application_is_refused_in_both_languages(client: Client, rosa: Any) -> None:
    case = make_case(rosa)
    client.force_login(rosa)
    response = _decision(client, case, applied_on="2026-03-01", decided_on="2026-02-01", valid_from="2026-02-01")
    assert response.status_code == 200 and not Decision.objects.exists()
    assert "Vedtaket er datert før søknaden." in response.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = _decision(client, case, applied_on="2026-03-01", decided_on="2026-02-01", valid_from="2026-02-01")
    assert "The decision is dated before the application." in response.content.decode()
    assert _decision(client, case, applied_on="2026-01-10").status_code == 302


def test_a_decision_dated_in_the_future_is_refused(client: Client, rosa: Any) -> None:
    from django.utils import timezone

    case = make_case(rosa)
    client.force_login(rosa)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = _decision(client, case, decided_on=tomorrow, valid_from=tomorrow)
    assert "decided_on" in response.context["form"].errors and not Decision.objects.exists()


def test_the_api_refuses_the_same_dates_in_both_languages(client: Client, rosa: Any) -> None:
    from henvis.apps.cases.tests.test_api_workflow import Api

    case = make_case(rosa)
    api = Api(client, rosa)
    response = api.post(f"cases/{case.pk}/decisions", {"kind": "reflection_period", "outcome": "granted",
                                                        "applied_on": "2026-03-01", "decided_on": "2026-02-01",
                                                        "valid_from": "2026-02-01"})
    assert response.status_code == 422 and not Decision.objects.exists()
    assert response.json()["errors"]["decided_on"] == ["Vedtaket er datert før søknaden."]
    assert response.json()["errors_en"]["decided_on"] == ["The decision is dated before the application."]
