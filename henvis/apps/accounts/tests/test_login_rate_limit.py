"""Log-in attempts per address are limited, whatever the user name (password spraying
and audit-log flooding), without locking the accounts."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from henvis.apps.accounts.login_rate import attempt
from henvis.apps.audit.models import AuditEntry
from henvis.conftest import wait_for_a_fresh_rate_window

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _low_rate(settings: Any) -> None:
    settings.HENVIS_LOGIN_RATE = "3/m"
    cache.clear()
    wait_for_a_fresh_rate_window()


def _try(client: Client, username: str, address: str = "10.0.0.1") -> Any:
    return client.post("/accounts/login/", {"username": username, "password": "wrong"}, REMOTE_ADDR=address)


def test_attempts_past_the_rate_are_refused_before_any_check(client: Client, make_user: Any) -> None:
    for name in ("a", "b", "c"):
        make_user(name, roles=["first_line"], org="rosa")
    assert [_try(client, name).status_code for name in ("a", "b", "c")] == [200, 200, 200]
    refused = _try(client, "a")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "For mange innloggingsforsøk fra denne adressen" in refused.content.decode()
    # The refused attempt was not checked, so it wrote no failed log-in and counted
    # towards no account's lockout.
    assert AuditEntry.objects.filter(action="login.failed").count() == 3
    # Another address is not affected, nor is showing the log-in page.
    assert _try(client, "a", address="10.0.0.2").status_code == 200
    assert client.get("/accounts/login/", REMOTE_ADDR="10.0.0.1").status_code == 200


def test_the_window_ends() -> None:
    assert [attempt("10.0.0.9", now=120.0) for _ in range(3)] == [0, 0, 0]
    assert attempt("10.0.0.9", now=150.0) == 30
    assert attempt("10.0.0.9", now=180.0) == 0  # a new minute


def test_the_refusal_in_english(client: Client) -> None:
    client.cookies["django_language"] = "en"
    for _ in range(3):
        _try(client, "x")
    refused = _try(client, "x")
    assert refused.status_code == 429 and "Too many log-in attempts from this address" in refused.content.decode()
