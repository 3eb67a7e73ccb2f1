from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from henvis.apps.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def test_issued_token_authenticates_on_the_api(client: Client, make_user: Any) -> None:
    make_user("system", roles=["coordinator"], org="rosa")
    out = StringIO()
    call_command("issue_token", "system", "fagsystem", stdout=out)
    raw = out.getvalue().strip()
    assert raw.startswith("hv_")
    assert not ApiToken.objects.filter(digest=raw).exists()  # only the hash is stored
    ok = client.get("/api/v1/organisations/", headers={"Authorization": f"Bearer {raw}"})
    assert ok.status_code == 200
    assert any(o["slug"] == "rosa" for o in ok.json())


def test_api_refuses_missing_or_revoked_tokens(client: Client, make_user: Any) -> None:
    user = make_user("system", roles=["coordinator"], org="rosa")
    token, raw = ApiToken.issue(user, "x")
    assert client.get("/api/v1/organisations/").status_code == 401
    token.revoked = True
    token.save()
    assert client.get("/api/v1/organisations/", headers={"Authorization": f"Bearer {raw}"}).status_code == 401


def test_tokens_end_after_the_configured_days(client: Client, make_user: Any, settings: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    user = make_user("system", roles=["coordinator"], org="rosa")
    settings.HENVIS_API_TOKEN_DAYS = 30
    token, raw = ApiToken.issue(user, "x")
    assert token.expires is not None
    assert timedelta(days=29) < token.expires - timezone.now() <= timedelta(days=30)
    headers = {"Authorization": f"Bearer {raw}"}
    assert client.get("/api/v1/organisations/", headers=headers).status_code == 200
    token.expires = timezone.now() - timedelta(seconds=1)
    token.save()
    assert client.get("/api/v1/organisations/", headers=headers).status_code == 401
    assert ApiToken.issue(user, "y", days=0)[0].expires is None
