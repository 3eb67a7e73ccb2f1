"""Every per-address limit counts the client address the deployment trusts
(HENVIS_TRUSTED_PROXIES), so changing X-Forwarded-For does not reset it: the log-in, the
anonymous screening API and refused API tokens. Over real HTTP against a live server."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from henvis.apps.accounts.models import ApiToken
from henvis.apps.accounts.tests.http import HttpClient
from henvis.apps.audit.models import AuditEntry
from henvis.conftest import wait_for_a_fresh_rate_window

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _fresh_counters() -> None:
    cache.clear()
    wait_for_a_fresh_rate_window()


def _xff(i: int) -> dict[str, str]:
    return {"X-Forwarded-For": f"203.0.113.{i}"}


def test_screening_limit_ignores_a_changing_forwarded_for(live_server: Any, settings: Any) -> None:
    settings.HENVIS_SCREENING_RATE = "5/m"
    client = HttpClient(live_server.url)
    statuses = [client.get("/api/v1/screening/indicators", headers=_xff(i))[0] for i in range(8)]
    assert statuses == [200] * 5 + [429] * 3


def test_behind_one_trusted_proxy_the_proxys_entry_counts(live_server: Any, settings: Any) -> None:
    settings.HENVIS_SCREENING_RATE = "3/m"
    settings.HENVIS_TRUSTED_PROXIES = 1
    client = HttpClient(live_server.url)
    # The client writes anything to the left; the proxy appends the real address.
    spoofed = [client.get("/api/v1/screening/indicators",
                          headers={"X-Forwarded-For": f"6.6.6.{i}, 198.51.100.7"})[0] for i in range(5)]
    assert spoofed == [200] * 3 + [429] * 2
    # Another client behind the same proxy has its own count.
    assert client.get("/api/v1/screening/indicators", headers={"X-Forwarded-For": "198.51.100.8"})[0] == 200


def test_login_limit_ignores_a_changing_forwarded_for(live_server: Any, settings: Any, make_user: Any) -> None:
    settings.HENVIS_LOGIN_RATE = "3/m"
    make_user("a", roles=["first_line"], org="rosa")
    statuses = [HttpClient(live_server.url).login("a", "wrong", headers=_xff(i)) for i in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    assert AuditEntry.objects.filter(action="login.failed").count() == 3


def test_bogus_api_tokens_are_throttled_and_stop_writing_audit_entries(
        live_server: Any, settings: Any, make_user: Any) -> None:
    settings.HENVIS_API_TOKEN_FAILURE_RATE = "5/m"  # noqa: S105 - a rate, not a secret
    _token, raw = ApiToken.issue(make_user("fagsystem", roles=["coordinator"], org="rosa"), "x")
    client = HttpClient(live_server.url)
    statuses = [
        client.get("/api/v1/organisations/", headers={"Authorization": f"Bearer hv_guess{i}", **_xff(i)})[0]
        for i in range(40)
    ]
    assert statuses == [401] * 5 + [429] * 35
    assert AuditEntry.objects.filter(action="api.token_failed").count() == 5
    # While the address is throttled even a good token waits: nothing is looked up.
    status, headers, _ = client.get("/api/v1/organisations/", headers={"Authorization": f"Bearer {raw}"})
    assert status == 429 and 1 <= int(headers["Retry-After"]) <= 61


def test_a_good_token_from_another_address_is_not_affected(live_server: Any, settings: Any, make_user: Any) -> None:
    settings.HENVIS_API_TOKEN_FAILURE_RATE = "2/m"  # noqa: S105 - a rate, not a secret
    settings.HENVIS_TRUSTED_PROXIES = 1
    _token, raw = ApiToken.issue(make_user("fagsystem", roles=["coordinator"], org="rosa"), "x")
    client = HttpClient(live_server.url)
    for i in range(4):
        client.get("/api/v1/organisations/", headers={"Authorization": f"Bearer hv_guess{i}",
                                                       "X-Forwarded-For": "198.51.100.66"})
    assert client.get("/api/v1/organisations/", headers={"Authorization": f"Bearer {raw}",
                                                          "X-Forwarded-For": "198.51.100.66"})[0] == 429
    assert client.get("/api/v1/organisations/", headers={"Authorization": f"Bearer {raw}",
                                                          "X-Forwarded-For": "198.51.100.67"})[0] == 200
    # The audit log names the address the limit counted, not what the client wrote.
    assert set(AuditEntry.objects.filter(action="api.token_failed").values_list("ip", flat=True)) == {
        "198.51.100.66"}


def test_addresses_of_one_ipv6_network_share_one_count(live_server: Any, settings: Any, make_user: Any) -> None:
    """An IPv6 client holds a whole /64 (2^64 addresses): counted per address it could
    guess passwords without end, one address a try. The /64 counts as one address; an
    IPv4 address written as IPv6 (``::ffff:a.b.c.d``) is that IPv4 address."""
    settings.HENVIS_LOGIN_RATE = "3/m"
    settings.HENVIS_SCREENING_RATE = "3/m"
    settings.HENVIS_TRUSTED_PROXIES = 1  # the proxy in front passes the client's IPv6 address on
    make_user("a", roles=["first_line"], org="rosa")
    statuses = [HttpClient(live_server.url).login("a", "wrong", headers={"X-Forwarded-For": f"2001:db8:7:1::{i:x}"})
                for i in range(1, 6)]
    assert statuses == [200, 200, 200, 429, 429]
    # another /64 has its own count
    assert HttpClient(live_server.url).login("a", "wrong", headers={"X-Forwarded-For": "2001:db8:7:2::1"}) == 200
    client = HttpClient(live_server.url)
    spellings = ["198.51.100.9", "::ffff:198.51.100.9", "::FFFF:c633:6409", "198.51.100.9"]
    assert [client.get("/api/v1/screening/indicators", headers={"X-Forwarded-For": s})[0] for s in spellings] == [
        200, 200, 200, 429]

