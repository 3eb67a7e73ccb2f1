"""Recording a consent: the "Record consent" button on the case page leads to a working
form (its URL was once swallowed by the case pages' cases/<pk>/<kind>/new/ and answered
404), and a consent cannot be given in the future (page and API)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from henvis.apps.accounts.models import ApiToken
from henvis.apps.cases.tests.factories import make_case
from henvis.apps.referrals.models import Consent

pytestmark = pytest.mark.django_db


def test_consent_is_recorded_from_the_case_page(client: Client, make_user: Any, organisations: Any) -> None:
    police = make_user("politi", roles=["first_line"], org="politi-oslo")
    case = make_case(police)
    client.force_login(police)
    assert f'href="/cases/{case.pk}/consents/new/"' in client.get(f"/cases/{case.pk}/").content.decode()
    assert client.get(f"/cases/{case.pk}/consents/new/").status_code == 200
    rosa = organisations.get(slug="rosa")
    response = client.post(f"/cases/{case.pk}/consents/new/", {"given_to": rosa.pk, "given_on": "2026-03-01",
                                                               "form": "oral", "scope": ""})
    assert response.status_code == 302
    assert Consent.objects.get().given_to == rosa


def test_a_consent_given_in_the_future_is_refused_in_both_languages(
    client: Client, make_user: Any, organisations: Any,
) -> None:
    police = make_user("politi", roles=["first_line"], org="politi-oslo")
    case = make_case(police)
    client.force_login(police)
    future = max(date(2027, 6, 1), timezone.localdate() + timedelta(days=1)).isoformat()  # as reported
    data = {"given_to": organisations.get(slug="rosa").pk, "given_on": future, "form": "oral", "scope": ""}
    response = client.post(f"/cases/{case.pk}/consents/new/", data)
    assert response.status_code == 200 and not Consent.objects.exists()
    assert "Et samtykke kan ikke være gitt fram i tid." in response.content.decode()
    headers = {"Authorization": f"Bearer {ApiToken.issue(police, 'test')[1]}"}
    api = client.post("/api/v1/referrals/consents", {"case_id": case.pk, "given_to": "rosa",
                                                     "given_on": data["given_on"], "form": "oral"},
                      content_type="application/json", headers=headers)
    assert api.status_code == 422 and not Consent.objects.exists()
    assert api.json()["errors"]["given_on"] == ["Et samtykke kan ikke være gitt fram i tid."]
    assert api.json()["errors_en"]["given_on"] == ["A consent cannot be given in the future."]
