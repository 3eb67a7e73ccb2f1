"""An administrator changes a user's name, e-mail and roles: an organisation's
administrator only in their own organisation and never to or from system administrator;
the analyst role only at the national coordination unit and never next to a case role.
Every change is audited with the names of the fields changed, never their values."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from henvis.apps.accounts.models import User
from henvis.apps.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def _as(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _edit(client: Client, target: User, **fields: Any) -> Any:
    data = {"first_name": target.first_name, "last_name": target.last_name, "email": target.email,
            "roles": target.role_slugs(), **fields}
    return client.post(f"/accounts/users/{target.pk}/", data)


def test_organisation_administrator_changes_the_roles_of_a_user(make_user: Any) -> None:
    admin = make_user("rosa-admin", roles=["org_admin"], org="rosa")
    kari = make_user("kari", roles=["first_line"], org="rosa")
    response = _edit(_as(admin), kari, roles=["coordinator", "first_line"], email="kari@example.org")
    assert response.status_code == 302
    kari = User.objects.get(pk=kari.pk)
    assert kari.role_slugs() == ["coordinator", "first_line"] and kari.email == "kari@example.org"
    entry = AuditEntry.objects.get(action="user.update")
    assert (entry.actor, entry.object_type, entry.object_id) == ("rosa-admin", "user", str(kari.pk))
    assert entry.detail == "fields=email,roles"  # names only, not the address


def test_the_edit_page_shows_the_user_and_is_audited(make_user: Any) -> None:
    admin = make_user("rosa-admin", roles=["org_admin"], org="rosa")
    kari = make_user("kari", roles=["coordinator"], org="rosa")
    html = _as(admin).get(f"/accounts/users/{kari.pk}/").content.decode()
    assert "kari" in html
    assert re.search(r'value="coordinator"[^>]*checked', html) and not re.search(r'value="first_line"[^>]*checked', html)
    assert AuditEntry.objects.filter(action="user.read", object_id=str(kari.pk)).exists()


def test_another_organisations_user_is_not_found(make_user: Any) -> None:
    admin = make_user("rosa-admin", roles=["org_admin"], org="rosa")
    other = make_user("udi-1", roles=["first_line"], org="udi")
    client = _as(admin)
    assert client.get(f"/accounts/users/{other.pk}/").status_code == 404
    assert _edit(client, other, roles=["coordinator"]).status_code == 404
    assert User.objects.get(pk=other.pk).role_slugs() == ["first_line"]


def test_organisation_administrator_cannot_grant_system_administrator(make_user: Any) -> None:
    admin = make_user("rosa-admin", roles=["org_admin"], org="rosa")
    kari = make_user("kari", roles=["coordinator"], org="rosa")
    response = _edit(_as(admin), kari, roles=["system_admin"])
    assert response.status_code == 200  # form shown again with the error
    assert User.objects.get(pk=kari.pk).role_slugs() == ["coordinator"]


def test_organisation_administrator_cannot_change_a_system_administrator(make_user: Any) -> None:
    admin = make_user("rosa-admin", roles=["org_admin"], org="rosa")
    sysadmin = make_user("drift-rosa", roles=["system_admin"], org="rosa")
    client = _as(admin)
    assert client.get(f"/accounts/users/{sysadmin.pk}/").status_code == 403
    assert _edit(client, sysadmin, roles=["coordinator"]).status_code == 403
    assert User.objects.get(pk=sysadmin.pk).role_slugs() == ["system_admin"]


def test_system_administrator_changes_users_of_any_organisation(make_user: Any) -> None:
    drift = make_user("drift", roles=["system_admin"], org="henvis-drift")
    other = make_user("udi-1", roles=["first_line"], org="udi")
    assert _edit(_as(drift), other, roles=["first_line", "org_admin"]).status_code == 302
    assert User.objects.get(pk=other.pk).role_slugs() == ["first_line", "org_admin"]


def test_analyst_role_only_at_the_coordination_unit(make_user: Any) -> None:
    drift = make_user("drift", roles=["system_admin"], org="henvis-drift")
    rosa_user = make_user("kari", roles=["coordinator"], org="rosa")
    response = _edit(_as(drift), rosa_user, roles=["analyst"])
    assert response.status_code == 200
    assert "koordineringsenheten" in response.content.decode()
    assert User.objects.get(pk=rosa_user.pk).role_slugs() == ["coordinator"]


def test_analyst_role_never_next_to_a_case_role(make_user: Any) -> None:
    drift = make_user("drift", roles=["system_admin"], org="henvis-drift")
    kom_user = make_user("ana", roles=["analyst"], org="kom")
    client = _as(drift)
    assert _edit(client, kom_user, roles=["analyst", "coordinator"]).status_code == 200
    assert User.objects.get(pk=kom_user.pk).role_slugs() == ["analyst"]
    # An analyst may also audit: the auditor reads no case.
    assert _edit(client, kom_user, roles=["analyst", "auditor"]).status_code == 302


def test_nobody_changes_their_own_roles(make_user: Any) -> None:
    admin = make_user("rosa-admin", roles=["org_admin"], org="rosa")
    response = _edit(_as(admin), admin, roles=["org_admin", "coordinator"], first_name="Rita")
    assert response.status_code == 302
    me = User.objects.get(pk=admin.pk)
    assert me.role_slugs() == ["org_admin"] and me.first_name == "Rita"


def test_other_roles_cannot_edit_users(make_user: Any) -> None:
    coordinator = make_user("rosa", roles=["coordinator"], org="rosa")
    kari = make_user("kari", roles=["first_line"], org="rosa")
    client = _as(coordinator)
    assert client.get(f"/accounts/users/{kari.pk}/").status_code == 403
    assert _edit(client, kari, roles=["org_admin"]).status_code == 403
    assert User.objects.get(pk=kari.pk).role_slugs() == ["first_line"]
