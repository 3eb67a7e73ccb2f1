"""Opening an address that only takes a form (a bookmarked or retyped action URL) shows a
page that says nothing was done and where to go, not a blank 405; the API keeps JSON."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from henvis.apps.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/accounts/users/{pk}/unlock/", "/accounts/users/{pk}/active/",
                                  "/referrals/1/answer/", "/accounts/logout/"])
def test_a_get_on_a_post_only_page_explains_itself(client: Client, make_user: Any, path: str) -> None:
    admin = make_user("rosa-admin", roles=["org_admin", "coordinator"], org="rosa")
    client.force_login(admin)
    response = client.get(path.format(pk=admin.pk))
    assert response.status_code == 405
    assert "POST" in response["Allow"]
    html = response.content.decode()
    assert "Denne adressen kan ikke åpnes alene" in html and 'href="/"' in html
    assert "<title>Denne adressen kan ikke åpnes alene – Henvis</title>" in html
    assert User.objects.get(pk=admin.pk).is_active


def test_the_api_still_answers_405_in_its_own_way(client: Client, make_user: Any) -> None:
    client.force_login(make_user("rosa", roles=["coordinator"], org="rosa"))
    response = client.put("/api/v1/organisations/", "{}", content_type="application/json")
    assert response.status_code == 405
    assert "kan ikke åpnes alene" not in response.content.decode()
