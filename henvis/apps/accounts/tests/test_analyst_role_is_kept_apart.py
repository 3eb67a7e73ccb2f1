"""The statistics analyst works at the national coordination unit on pseudonymised data
only. An organisation's administrator must not be able to make one in their own
organisation (the analyst pages replace the national figures), and nobody may hold the
analyst role next to a role that reads cases."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from henvis.apps.accounts.models import User

pytestmark = pytest.mark.django_db

NEW_USER = {
    "username": "kari", "first_name": "", "last_name": "", "email": "",
    "password": "a-long-enough-passphrase-77",
}


def test_organisation_administrator_cannot_create_an_analyst(client: Client, make_user: Any, organisations: Any) -> None:
    client.force_login(make_user("admin", roles=["org_admin"], org="rosa"))
    rosa = organisations.get(slug="rosa")
    response = client.post("/accounts/users/new/", {**NEW_USER, "roles": ["analyst"], "organisation": rosa.pk})
    assert response.status_code == 200
    assert not User.objects.filter(username="kari").exists()


def test_system_administrator_makes_analysts_only_at_the_coordination_unit(
    client: Client, make_user: Any, organisations: Any,
) -> None:
    client.force_login(make_user("drift", roles=["system_admin"], org="henvis-drift"))
    client.post("/accounts/users/new/", {**NEW_USER, "roles": ["analyst"], "organisation": organisations.get(slug="udi").pk})
    assert not User.objects.filter(username="kari").exists()
    response = client.post("/accounts/users/new/", {**NEW_USER, "roles": ["analyst"], "organisation": organisations.get(slug="kom").pk})
    assert response.status_code == 200 and 'id="one-time-password"' in response.content.decode()
    assert User.objects.get(username="kari").role_slugs() == ["analyst"]


@pytest.mark.parametrize("case_role", ["first_line", "coordinator", "org_admin"])
def test_analyst_role_cannot_be_combined_with_a_case_role(
    case_role: str, client: Client, make_user: Any, organisations: Any,
) -> None:
    client.force_login(make_user("drift", roles=["system_admin"], org="henvis-drift"))
    kom = organisations.get(slug="kom")
    response = client.post("/accounts/users/new/", {**NEW_USER, "roles": ["analyst", case_role], "organisation": kom.pk})
    assert response.status_code == 200
    assert not User.objects.filter(username="kari").exists()
