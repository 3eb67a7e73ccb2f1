"""The "Record consent" button on the case page leads to a working form (its URL was
once swallowed by the case pages' cases/<pk>/<kind>/new/ and answered 404)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

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
