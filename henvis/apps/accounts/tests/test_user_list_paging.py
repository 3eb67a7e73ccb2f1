"""The user list scales (issue 15 item 5): 100 rows a page, sorted and filtered from the
address, exported to CSV with an audit entry; an organisation administrator never sees
another organisation's users."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from henvis.apps.accounts.models import User
from henvis.apps.audit.models import AuditEntry
from henvis.web.lists import PER_PAGE

pytestmark = pytest.mark.django_db

STAFF = PER_PAGE + 5


@pytest.fixture
def world(make_user: Any, organisations: Any) -> dict[str, Any]:
    admin = make_user("rosa-admin", roles=["org_admin"], org="rosa")
    rosa = organisations.get(slug="rosa")
    staff = User.objects.bulk_create([
        User(username=f"rosa-{i:03d}", first_name="Kari", last_name="Nordmann", organisation=rosa,
             is_active=i % 10 != 0)
        for i in range(STAFF)
    ])
    for user in staff[:3]:
        user.set_roles(["coordinator"])
    foreign = make_user("politi-ansatt", roles=["first_line"], org="politi-oslo")
    return {"admin": admin, "staff": staff, "foreign": foreign}


def _names(response: Any) -> list[str]:
    return [u.username for u, _roles, _locked in response.context["rows"]]


def test_the_list_pages_at_100_rows(client: Client, world: dict[str, Any]) -> None:
    client.force_login(world["admin"])
    first, second = client.get("/accounts/users/"), client.get("/accounts/users/?page=2")
    assert len(_names(first)) == PER_PAGE
    assert len(_names(second)) == STAFF + 1 - PER_PAGE
    assert set(_names(first)) | set(_names(second)) == {u.username for u in world["staff"]} | {"rosa-admin"}


def test_sort_and_filter_in_the_address_change_the_rows(client: Client, world: dict[str, Any]) -> None:
    client.force_login(world["admin"])
    assert _names(client.get("/accounts/users/"))[0] == "rosa-000"
    assert _names(client.get("/accounts/users/?sort=-username"))[0] == "rosa-admin"
    assert _names(client.get("/accounts/users/?sort=last_name")) == _names(client.get("/accounts/users/"))
    inactive = _names(client.get("/accounts/users/?state=inactive"))
    assert inactive == [u.username for u in world["staff"] if not u.is_active]
    assert _names(client.get("/accounts/users/?role=coordinator")) == [u.username for u in world["staff"][:3]]
    assert _names(client.get("/accounts/users/?sort=status"))[-1] in inactive


def test_another_organisations_users_never_appear(client: Client, world: dict[str, Any]) -> None:
    client.force_login(world["admin"])
    for query in ("", "?page=2", "?organisation=politi-oslo", "?role=first_line", "?sort=organisation"):
        response = client.get(f"/accounts/users/{query}")
        assert "politi-ansatt" not in _names(response), query
        assert "politi-ansatt" not in response.content.decode()
    assert "politi-ansatt" not in client.get("/accounts/users/?export=csv").content.decode("utf-8-sig")


def test_the_csv_export_holds_the_filtered_rows_and_is_audited(client: Client, world: dict[str, Any]) -> None:
    client.force_login(world["admin"])
    response = client.get("/accounts/users/?export=csv&state=inactive")
    assert response.content.startswith("\ufeff".encode())
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    inactive = [u for u in world["staff"] if not u.is_active]
    assert [line.split(";")[0] for line in lines[1:]] == [u.username for u in inactive]
    with translation.override("nb"):
        deactivated = gettext("Deactivated")
    assert deactivated != "Deactivated"
    assert all(line.split(";")[1] == "Kari Nordmann" and line.split(";")[4] == deactivated for line in lines[1:])
    assert AuditEntry.objects.get(action="user.export", actor="rosa-admin").detail == f"rows={len(inactive)}"
    # no names in the list's links
    html = client.get("/accounts/users/?state=inactive&sort=organisation").content.decode()
    assert "Nordmann" not in "".join(re.findall(r'href="([^"]*)"', html))
