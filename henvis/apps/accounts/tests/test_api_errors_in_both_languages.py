"""The API's refusals carry a Norwegian ``detail`` and an English ``detail_en``, also the
ones every operation can answer (not logged in, not found)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from henvis.apps.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def test_missing_token_is_refused_in_both_languages(client: Client) -> None:
    response = client.get("/api/v1/cases/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    body = response.json()
    assert "innlogget" in body["detail"] and "authenticated" in body["detail_en"]


def test_case_not_found_in_both_languages(client: Client, make_user: Any) -> None:
    user = make_user("politi", roles=["first_line"], org="politi-oslo")
    headers = {"Authorization": f"Bearer {ApiToken.issue(user, 'test')[1]}"}
    body = client.get("/api/v1/cases/999999", headers=headers).json()
    assert body == {"detail": "Finnes ikke.", "detail_en": "Not found."}


def test_statistics_refused_to_a_case_worker_in_both_languages(client: Client, make_user: Any) -> None:
    user = make_user("politi", roles=["first_line"], org="politi-oslo")
    headers = {"Authorization": f"Bearer {ApiToken.issue(user, 'test')[1]}"}
    response = client.get("/api/v1/statistics/persons", headers=headers)
    assert response.status_code == 403
    assert "statistikkanalytikere" in response.json()["detail"] and "analysts" in response.json()["detail"]
