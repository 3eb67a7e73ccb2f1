"""An administrator deactivates a user and reactivates them: a deactivated user cannot
log in, their open session ends and their API tokens are refused. Nobody deactivates
themselves or another organisation's user. Both are audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from henvis.apps.accounts.models import ApiToken, User
from henvis.apps.audit.models import AuditEntry
from henvis.conftest import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def _as(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _set_active(client: Client, target: Any, active: bool) -> Any:
    return client.post(f"/accounts/users/{target.pk}/active/", {"active": "1" if active else "0"})


def test_a_deactivated_user_is_shut_out_and_a_reactivated_one_let_in(make_user: Any) -> None:
    admin = make_user("rosa-admin", roles=["org_admin"], org="rosa")
    kari = make_user("kari", roles=["coordinator"], org="rosa")
    _token, raw = ApiToken.issue(kari, "fagsystem")
    kari_session = _as(kari)
    assert kari_session.get("/accounts/profile/").status_code == 200
    client = _as(admin)

    assert _set_active(client, kari, False).status_code == 302
    assert not User.objects.get(pk=kari.pk).is_active
    assert kari_session.get("/accounts/profile/").status_code == 302  # the open session has ended
    login = Client().post("/accounts/login/", {"username": "kari", "password": TEST_PASSWORD})
    assert not login.wsgi_request.user.is_authenticated
    assert Client().get("/api/v1/organisations/", headers={"Authorization": f"Bearer {raw}"}).status_code == 401
    assert "Deaktivert" in client.get("/accounts/users/").content.decode()

    assert _set_active(client, kari, True).status_code == 302
    login = Client().post("/accounts/login/", {"username": "kari", "password": TEST_PASSWORD})
    assert login.wsgi_request.user.is_authenticated
    actions = list(AuditEntry.objects.filter(object_type="user", object_id=str(kari.pk))
                   .exclude(action="user.read").values_list("action", "actor"))
    assert ("user.deactivate", "rosa-admin") in actions and ("user.reactivate", "rosa-admin") in actions


def test_nobody_deactivates_themselves(make_user: Any) -> None:
    admin = make_user("rosa-admin", roles=["org_admin"], org="rosa")
    assert _set_active(_as(admin), admin, False).status_code == 403
    assert User.objects.get(pk=admin.pk).is_active


def test_another_organisations_user_cannot_be_deactivated(make_user: Any) -> None:
    admin = make_user("rosa-admin", roles=["org_admin"], org="rosa")
    other = make_user("udi-1", roles=["first_line"], org="udi")
    assert _set_active(_as(admin), other, False).status_code == 404
    assert User.objects.get(pk=other.pk).is_active
    assert not AuditEntry.objects.filter(action="user.deactivate").exists()


def test_system_administrator_deactivates_in_any_organisation(make_user: Any) -> None:
    drift = make_user("drift", roles=["system_admin"], org="henvis-drift")
    other = make_user("udi-1", roles=["first_line"], org="udi")
    assert _set_active(_as(drift), other, False).status_code == 302
    assert not User.objects.get(pk=other.pk).is_active


def test_other_roles_cannot_deactivate(make_user: Any) -> None:
    auditor = make_user("revisor", roles=["auditor"], org="rosa")
    kari = make_user("kari", roles=["coordinator"], org="rosa")
    assert _set_active(_as(auditor), kari, False).status_code == 403
    assert User.objects.get(pk=kari.pk).is_active


def test_deactivating_takes_a_post(make_user: Any) -> None:
    admin = make_user("rosa-admin", roles=["org_admin"], org="rosa")
    kari = make_user("kari", roles=["coordinator"], org="rosa")
    assert _as(admin).get(f"/accounts/users/{kari.pk}/active/", {"active": "0"}).status_code == 405
    assert User.objects.get(pk=kari.pk).is_active
