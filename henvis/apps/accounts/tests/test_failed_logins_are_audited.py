"""A failed log-in and a lockout are in the audit log, found under the user name tried,
with the source address and never the password; the hash chain stays valid."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from henvis.apps.audit.log import verify
from henvis.apps.audit.models import AuditEntry
from henvis.conftest import TEST_PASSWORD

pytestmark = pytest.mark.django_db

WRONG = "not-the-password-Zq81"  # noqa: S105


def _fail(client: Client, username: str, password: str = WRONG) -> int:
    response = client.post("/accounts/login/", {"username": username, "password": password},
                           REMOTE_ADDR="10.1.2.3")
    return response.status_code


def test_a_wrong_password_is_audited_under_the_user_name_tried(client: Client, make_user: Any) -> None:
    ola = make_user("ola", roles=["first_line"], org="politi-oslo")
    _fail(client, "ola")
    entry = AuditEntry.objects.get(action="login.failed")
    assert (entry.actor, entry.actor_id, entry.ip) == ("ola", None, "10.1.2.3")
    assert (entry.object_type, entry.object_id, entry.organisation_id) == ("user", str(ola.pk), ola.organisation_id)


def test_an_unknown_user_name_is_audited_without_an_organisation(client: Client, organisations: Any) -> None:
    _fail(client, "nobody-here")
    entry = AuditEntry.objects.get(action="login.failed")
    assert (entry.actor, entry.organisation_id, entry.object_type) == ("nobody-here", None, "")


def test_the_lockout_is_audited_and_each_refused_attempt_after_it(client: Client, make_user: Any) -> None:
    make_user("ola", roles=["first_line"], org="politi-oslo")
    limit = settings.AXES_FAILURE_LIMIT
    codes = [_fail(client, "ola") for _ in range(limit)]
    assert codes[-1] == 429
    actions = list(AuditEntry.objects.order_by("seq").values_list("action", flat=True))
    assert actions == ["login.failed"] * limit + ["login.lockout"]
    lockout = AuditEntry.objects.get(action="login.lockout")
    assert lockout.actor == "ola" and lockout.ip == "10.1.2.3"
    assert f"failures={limit}" in lockout.detail
    # The right password during the lockout is refused, and that is audited too.
    assert _fail(client, "ola", TEST_PASSWORD) == 429
    newest = list(AuditEntry.objects.order_by("-seq").values_list("action", "detail")[:2])
    assert [a for a, _ in newest] == ["login.lockout", "login.failed"]
    assert f"failures={limit + 1}" in newest[0][1]
    assert verify().ok


def test_no_password_reaches_the_audit_log(client: Client, make_user: Any) -> None:
    make_user("ola", roles=["first_line"], org="politi-oslo")
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        _fail(client, "ola")
    _fail(client, "ola", TEST_PASSWORD)
    for entry in AuditEntry.objects.all():
        row = " ".join(str(getattr(entry, f)) for f in ("actor", "action", "object_type", "object_id", "detail"))
        assert WRONG not in row and TEST_PASSWORD not in row


def test_auditors_find_the_failures_in_the_audit_search(client: Client, make_user: Any) -> None:
    make_user("politi", roles=["first_line"], org="politi-oslo")
    kom_auditor = make_user("revisor", roles=["auditor"], org="kom")
    rosa_auditor = make_user("rosa-revisor", roles=["auditor"], org="rosa")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _fail(client, "politi")
    auditor = Client()
    auditor.force_login(kom_auditor)
    html = auditor.get("/audit/", {"actor": "politi"}).content.decode()
    assert "login.failed" in html and "login.lockout" in html and "10.1.2.3" in html
    # Another organisation's auditor does not see the police district's failures.
    other = Client()
    other.force_login(rosa_auditor)
    assert "login.failed" not in other.get("/audit/", {"actor": "politi"}).content.decode()


def test_an_organisations_auditor_finds_failures_of_its_own_users(client: Client, make_user: Any) -> None:
    make_user("rosa", roles=["coordinator"], org="rosa")
    auditor = make_user("rosa-revisor", roles=["auditor"], org="rosa")
    _fail(client, "rosa")
    other = Client()
    other.force_login(auditor)
    assert "login.failed" in other.get("/audit/", {"actor": "rosa"}).content.decode()
