"""An agency system's refused API token is in the audit log with the reason, the token's
user when the token is a known one, and the source address; never the token."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from henvis.apps.accounts.models import ApiToken
from henvis.apps.audit.log import verify
from henvis.apps.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def _call(client: Client, raw: str) -> int:
    return client.get("/api/v1/organisations/", headers={"Authorization": f"Bearer {raw}"},
                      REMOTE_ADDR="10.9.8.7").status_code


def test_an_unknown_token_is_audited(client: Client, organisations: Any) -> None:
    assert _call(client, "hv_made-up-token") == 401
    entry = AuditEntry.objects.get(action="api.token_failed")
    assert (entry.actor, entry.actor_id, entry.detail, entry.ip) == ("", None, "unknown", "10.9.8.7")
    assert "hv_made-up-token" not in f"{entry.object_id} {entry.detail}"


@pytest.mark.parametrize("why", ["revoked", "expired", "inactive_user"])
def test_a_known_token_that_is_refused_is_audited_under_its_user(client: Client, make_user: Any, why: str) -> None:
    user = make_user("fagsystem", roles=["coordinator"], org="rosa")
    token, raw = ApiToken.issue(user, "x")
    if why == "revoked":
        token.revoked = True
        token.save()
    elif why == "expired":
        token.expires = timezone.now() - timedelta(seconds=1)
        token.save()
    else:
        user.is_active = False
        user.save()
    assert _call(client, raw) == 401
    entry = AuditEntry.objects.get(action="api.token_failed")
    assert (entry.actor, entry.actor_id, entry.organisation_id) == ("fagsystem", None, user.organisation_id)
    assert (entry.object_type, entry.object_id, entry.detail) == ("api_token", str(token.pk), why)
    assert verify().ok


def test_a_valid_token_writes_no_failure(client: Client, make_user: Any) -> None:
    _token, raw = ApiToken.issue(make_user("fagsystem", roles=["coordinator"], org="rosa"), "x")
    assert _call(client, raw) == 200
    assert not AuditEntry.objects.filter(action="api.token_failed").exists()
