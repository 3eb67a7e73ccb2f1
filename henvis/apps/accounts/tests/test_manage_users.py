from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from henvis.apps.accounts.models import User

pytestmark = pytest.mark.django_db

NEW_USER = {
    "username": "kari", "first_name": "Kari", "last_name": "Nordmann", "email": "",
    "roles": ["coordinator"],
}


def test_system_administrator_creates_a_user_in_any_organisation(client: Client, make_user: Any, organisations: Any) -> None:
    client.force_login(make_user("drift", roles=["system_admin"], org="henvis-drift"))
    rosa = organisations.get(slug="rosa")
    response = client.post("/accounts/users/new/", {**NEW_USER, "organisation": rosa.pk})
    assert response.status_code == 200 and 'id="one-time-password"' in response.content.decode()
    kari = User.objects.get(username="kari")
    assert kari.organisation == rosa and kari.role_slugs() == ["coordinator"]
    assert kari.password.startswith("argon2") and kari.must_change_password


def test_organisation_administrator_cannot_create_users_elsewhere(client: Client, make_user: Any, organisations: Any) -> None:
    client.force_login(make_user("admin", roles=["org_admin"], org="rosa"))
    udi = organisations.get(slug="udi")
    response = client.post("/accounts/users/new/", {**NEW_USER, "organisation": udi.pk})
    assert response.status_code == 200  # form re-shown with an error
    assert not User.objects.filter(username="kari").exists()


def test_organisation_administrator_cannot_hand_out_system_administrator(client: Client, make_user: Any, organisations: Any) -> None:
    client.force_login(make_user("admin", roles=["org_admin"], org="rosa"))
    rosa = organisations.get(slug="rosa")
    client.post("/accounts/users/new/", {**NEW_USER, "roles": ["system_admin"], "organisation": rosa.pk})
    assert not User.objects.filter(username="kari").exists()


def test_other_roles_cannot_manage_users(client: Client, make_user: Any) -> None:
    client.force_login(make_user("ola", roles=["first_line", "coordinator"], org="rosa"))
    assert client.get("/accounts/users/").status_code == 403


def test_weak_password_is_refused(client: Client, make_user: Any) -> None:
    kari = make_user("kari", roles=["coordinator"], org="rosa")
    client.force_login(kari)
    response = client.post("/accounts/password/", {
        "old_password": "correct-horse-battery-staple-42", "new_password1": "12345678", "new_password2": "12345678"})
    assert response.status_code == 200
    assert User.objects.get(pk=kari.pk).check_password("correct-horse-battery-staple-42")


def test_system_administrator_cannot_read_case_data(make_user: Any) -> None:
    drift = make_user("drift", roles=["system_admin"], org="henvis-drift")
    analyst = make_user("ana", roles=["analyst"], org="kom")
    assert not drift.can_read_cases and not analyst.can_read_cases
