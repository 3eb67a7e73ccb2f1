"""Separation of duties, over real HTTP against a live server: an administrator never
knows a working password of a user with access to cases (a one-time password that the
user must replace before anything else opens), the auditor cannot also write cases,
and the system administrator cannot also read them; neither kind of administrator can
create or edit such a combination."""

from __future__ import annotations

import re
from typing import Any

import pytest

from henvis.apps.accounts.models import ApiToken, User
from henvis.apps.accounts.tests.http import HttpClient
from henvis.apps.audit.models import AuditEntry
from henvis.conftest import TEST_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

OWN_PASSWORD = "kari-chose-this-herself-2026"  # noqa: S105


def _as(live_server: Any, username: str) -> HttpClient:
    client = HttpClient(live_server.url)
    assert client.login(username, TEST_PASSWORD) == 302
    return client


def _create(admin: HttpClient, organisation_id: int, roles: list[str], **extra: str) -> tuple[int, str]:
    status, _, page = admin.post_form("/accounts/users/new/", {
        "username": "kari", "first_name": "Kari", "last_name": "Nordmann", "email": "",
        "organisation": organisation_id, "roles": roles, **extra})
    return status, page


def test_a_new_case_worker_must_replace_the_one_time_password(
        live_server: Any, make_user: Any, organisations: Any) -> None:
    make_user("drift", roles=["system_admin"], org="henvis-drift")
    admin = _as(live_server, "drift")
    # A password the administrator tries to set is not taken.
    status, page = _create(admin, organisations.get(slug="rosa").pk, ["coordinator"], password=TEST_PASSWORD)
    assert status == 200
    found = re.search(r'id="one-time-password">([^<]+)<', page)
    assert found
    one_time = found.group(1)
    kari = User.objects.get(username="kari")
    assert kari.must_change_password and not kari.check_password(TEST_PASSWORD)

    user = HttpClient(live_server.url)
    assert user.login("kari", TEST_PASSWORD) == 200  # refused: the form is shown again
    assert user.login("kari", one_time) == 302
    # Every page and the API lead to the password change, nothing else opens.
    for path in ("/cases/", "/referrals/", "/"):
        status, headers, _ = user.get(path)
        assert (status, headers.get("Location")) == (302, "/accounts/password/"), path
    assert user.get("/api/v1/cases")[0] == 403
    assert user.get("/accounts/password/")[0] == 200
    # The one-time password cannot be chosen again.
    status, _, page = user.post_form("/accounts/password/", {
        "old_password": one_time, "new_password1": one_time, "new_password2": one_time})
    assert status == 200 and User.objects.get(pk=kari.pk).must_change_password
    status, headers, _ = user.post_form("/accounts/password/", {
        "old_password": one_time, "new_password1": OWN_PASSWORD, "new_password2": OWN_PASSWORD})
    assert status == 302
    assert user.get("/cases/")[0] == 200
    kari.refresh_from_db()
    assert not kari.must_change_password and kari.check_password(OWN_PASSWORD) and not kari.check_password(one_time)
    assert AuditEntry.objects.filter(action="user.password_changed", actor="kari").count() == 1
    # The administrator's copy is worthless now.
    assert HttpClient(live_server.url).login("kari", one_time) == 200


def test_a_reset_gives_a_new_one_time_password_and_ends_sessions(live_server: Any, make_user: Any) -> None:
    make_user("drift", roles=["system_admin"], org="henvis-drift")
    kari = make_user("kari", roles=["coordinator"], org="rosa")
    session = _as(live_server, "kari")
    assert session.get("/cases/")[0] == 200
    status, _, page = _as(live_server, "drift").post_form(f"/accounts/users/{kari.pk}/password/", {})
    found = re.search(r'id="one-time-password">([^<]+)<', page)
    assert status == 200 and found
    assert session.get("/cases/")[0] == 302  # the old session ended
    again = HttpClient(live_server.url)
    assert again.login("kari", found.group(1)) == 302
    assert again.get("/cases/")[1].get("Location") == "/accounts/password/"
    assert AuditEntry.objects.filter(action="user.password_reset", object_id=str(kari.pk)).exists()


def test_a_reset_revokes_the_users_api_tokens(live_server: Any, make_user: Any) -> None:
    make_user("drift", roles=["system_admin"], org="henvis-drift")
    kari = make_user("kari", roles=["coordinator"], org="rosa")
    _token, raw = ApiToken.issue(kari, "fagsystem")
    bearer = {"Authorization": f"Bearer {raw}"}
    assert HttpClient(live_server.url).get("/api/v1/cases/", headers=bearer)[0] == 200
    assert _as(live_server, "drift").post_form(f"/accounts/users/{kari.pk}/password/", {})[0] == 200
    assert HttpClient(live_server.url).get("/api/v1/cases/", headers=bearer)[0] == 401


@pytest.mark.parametrize(("admin", "admin_roles", "admin_org"), [
    ("drift", ["system_admin"], "henvis-drift"), ("rosa-admin", ["org_admin"], "rosa")])
@pytest.mark.parametrize("case_role", ["first_line", "coordinator"])
def test_no_administrator_creates_an_auditor_who_writes_cases(
        live_server: Any, make_user: Any, organisations: Any,
        admin: str, admin_roles: list[str], admin_org: str, case_role: str) -> None:
    make_user(admin, roles=admin_roles, org=admin_org)
    client = _as(live_server, admin)
    status, page = _create(client, organisations.get(slug="rosa").pk, ["auditor", case_role])
    assert status == 200 and "Revisoren kan ikke også ha en rolle som skriver i saker." in page
    assert not User.objects.filter(username="kari").exists()
    # Nor by editing an existing auditor or case worker.
    auditor = make_user("revisor", roles=["auditor"], org="rosa")
    worker = make_user("ola", roles=[case_role], org="rosa")
    for target, roles in ((auditor, ["auditor", case_role]), (worker, [case_role, "auditor"])):
        status, _, page = client.post_form(f"/accounts/users/{target.pk}/", {
            "first_name": "", "last_name": "", "email": "", "roles": roles})
        assert status == 200
        assert User.objects.get(pk=target.pk).role_slugs() == sorted(set(roles) - {"auditor", case_role} | {
            "auditor" if target is auditor else case_role})


def test_an_auditor_may_also_administer_and_an_org_admin_may_hold_a_case_role(
        live_server: Any, make_user: Any, organisations: Any) -> None:
    make_user("drift", roles=["system_admin"], org="henvis-drift")
    status, page = _create(_as(live_server, "drift"), organisations.get(slug="rosa").pk, ["auditor", "org_admin"])
    assert status == 200 and 'id="one-time-password"' in page


def test_the_system_administrator_cannot_make_a_system_administrator_who_reads_cases(
        live_server: Any, make_user: Any, organisations: Any) -> None:
    make_user("drift", roles=["system_admin"], org="henvis-drift")
    status, page = _create(_as(live_server, "drift"), organisations.get(slug="rosa").pk,
                           ["system_admin", "coordinator"])
    assert status == 200 and "Systemadministratoren kan ikke også ha en rolle som leser saker." in page
    assert not User.objects.filter(username="kari").exists()


def test_the_rule_holds_below_the_forms(make_user: Any) -> None:
    with pytest.raises(ValueError):
        make_user("x", roles=["auditor", "coordinator"], org="rosa")
