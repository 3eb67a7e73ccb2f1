"""An administrator lifts the lockout of a user who failed to log in too often; the user
can then log in at once. Only the user's own organisation's administrator (or a system
administrator) can, and it is audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from henvis.apps.audit.models import AuditEntry
from henvis.conftest import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def _as(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _lock_out(username: str) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": username, "password": "wrong-password-1"})


def _logs_in(username: str) -> bool:
    response = Client().post("/accounts/login/", {"username": username, "password": TEST_PASSWORD})
    return bool(response.wsgi_request.user.is_authenticated)


def test_administrator_sees_the_lockout_and_lifts_it(make_user: Any) -> None:
    admin = make_user("rosa-admin", roles=["org_admin"], org="rosa")
    kari = make_user("kari", roles=["coordinator"], org="rosa")
    _lock_out("kari")
    assert not _logs_in("kari")
    client = _as(admin)
    assert "Sperret" in client.get("/accounts/users/").content.decode()
    assert "Opphev sperren" in client.get(f"/accounts/users/{kari.pk}/").content.decode()

    assert client.post(f"/accounts/users/{kari.pk}/unlock/").status_code == 302
    assert _logs_in("kari")
    entry = AuditEntry.objects.get(action="user.unlock")
    assert (entry.actor, entry.object_id) == ("rosa-admin", str(kari.pk))


def test_another_organisations_administrator_cannot_unlock(make_user: Any) -> None:
    admin = make_user("udi-admin", roles=["org_admin"], org="udi")
    kari = make_user("kari", roles=["coordinator"], org="rosa")
    _lock_out("kari")
    assert _as(admin).post(f"/accounts/users/{kari.pk}/unlock/").status_code == 404
    assert not _logs_in("kari")
    assert not AuditEntry.objects.filter(action="user.unlock").exists()


def test_other_roles_cannot_unlock(make_user: Any) -> None:
    coordinator = make_user("rosa", roles=["coordinator"], org="rosa")
    kari = make_user("kari", roles=["coordinator"], org="rosa")
    _lock_out("kari")
    assert _as(coordinator).post(f"/accounts/users/{kari.pk}/unlock/").status_code == 403
    assert not _logs_in("kari")


def test_system_administrator_unlocks_in_any_organisation(make_user: Any) -> None:
    drift = make_user("drift", roles=["system_admin"], org="henvis-drift")
    kari = make_user("kari", roles=["coordinator"], org="rosa")
    _lock_out("kari")
    assert _as(drift).post(f"/accounts/users/{kari.pk}/unlock/").status_code == 302
    assert _logs_in("kari")
