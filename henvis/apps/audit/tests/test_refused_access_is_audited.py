"""A logged-in user's refused access to another organisation's case or referral is in
the audit log, page and API alike, and one address can write only a bounded number of
such entries: past the bound it gets 429. Over real HTTP against a live server."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from henvis.apps.accounts.models import ApiToken
from henvis.apps.accounts.tests.http import HttpClient
from henvis.apps.audit.log import verify
from henvis.apps.audit.models import AuditEntry
from henvis.apps.cases.tests.factories import make_case
from henvis.conftest import TEST_PASSWORD, wait_for_a_fresh_rate_window

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _fresh_counters() -> None:
    cache.clear()
    wait_for_a_fresh_rate_window()


def test_another_organisations_case_refused_on_the_page_is_audited(
        live_server: Any, settings: Any, make_user: Any) -> None:
    settings.HENVIS_REFUSED_ACCESS_RATE = "3/m"
    owner = make_user("filemon", roles=["coordinator"], org="safe-house-filemon")
    prober = make_user("rosa", roles=["coordinator"], org="rosa")
    case = make_case(owner)
    client = HttpClient(live_server.url)
    assert client.login("rosa", TEST_PASSWORD) == 302
    statuses = [client.get(f"/cases/{case.pk}/", headers={"X-Forwarded-For": f"203.0.113.{i}"})[0]
                for i in range(6)]
    assert statuses == [404, 404, 404, 429, 429, 429]
    refused = AuditEntry.objects.filter(action="access.refused")
    assert refused.count() == 3
    entry = refused.first()
    assert entry is not None
    assert (entry.actor_id, entry.organisation_id, entry.object_id, entry.detail) == (
        prober.pk, prober.organisation_id, f"/cases/{case.pk}/", "GET 404")
    # Nothing about the person reaches the log, and the log is sealed and intact.
    assert "Popescu" not in " ".join(refused.values_list("object_id", "detail").first() or ())
    assert verify().ok


def test_another_organisations_case_refused_over_the_api_is_audited(
        live_server: Any, make_user: Any) -> None:
    owner = make_user("filemon", roles=["coordinator"], org="safe-house-filemon")
    case = make_case(owner)
    _token, raw = ApiToken.issue(make_user("fagsystem", roles=["coordinator"], org="rosa"), "x")
    client = HttpClient(live_server.url)
    status, _, _ = client.get(f"/api/v1/cases/{case.pk}", headers={"Authorization": f"Bearer {raw}"})
    assert status == 404
    entry = AuditEntry.objects.get(action="access.refused")
    assert (entry.actor, entry.object_id, entry.detail) == ("fagsystem", f"/api/v1/cases/{case.pk}", "GET 404")


def test_own_case_is_not_a_refusal(live_server: Any, make_user: Any) -> None:
    owner = make_user("filemon", roles=["coordinator"], org="safe-house-filemon")
    case = make_case(owner)
    client = HttpClient(live_server.url)
    client.login("filemon", TEST_PASSWORD)
    assert client.get(f"/cases/{case.pk}/")[0] == 200
    assert not AuditEntry.objects.filter(action="access.refused").exists()


def test_a_missing_page_without_an_id_is_not_a_refusal(live_server: Any, make_user: Any) -> None:
    make_user("rosa", roles=["coordinator"], org="rosa")
    client = HttpClient(live_server.url)
    client.login("rosa", TEST_PASSWORD)
    assert client.get("/favicon.ico")[0] == 404
    assert not AuditEntry.objects.filter(action="access.refused").exists()


def test_another_organisations_case_named_in_a_body_or_query_is_audited(live_server: Any, make_user: Any) -> None:
    """The id need not be in the path: a referral, a consent list or a screening names its
    case in the body or the query. A refusal there is a probe of someone else's case too,
    and is searchable by that case (``case=<id>``)."""
    owner = make_user("filemon", roles=["coordinator"], org="safe-house-filemon")
    case = make_case(owner)
    _token, raw = ApiToken.issue(make_user("fagsystem", roles=["coordinator"], org="rosa"), "x")
    client = HttpClient(live_server.url)
    bearer = {"Authorization": f"Bearer {raw}"}
    status, _, _ = client.request("POST", "/api/v1/referrals/", headers=bearer, json_body={
        "case_id": case.pk, "to_organisation": "politi-oslo", "purpose": "police_report",
        "legal_basis": "duty_to_avert"})
    assert status == 404
    assert client.get(f"/api/v1/referrals/consents?case_id={case.pk}", headers=bearer)[0] == 404
    make_user("rosa", roles=["coordinator"], org="rosa")
    page = HttpClient(live_server.url)
    assert page.login("rosa", TEST_PASSWORD) == 302
    status, _, _ = page.request("POST", "/cases/screenings/save/", data={
        "csrfmiddlewaretoken": page.csrf_token(), "case": str(case.pk), "screening": "{}"})
    assert status == 404
    refused = list(AuditEntry.objects.filter(action="access.refused").order_by("seq").values_list(
        "actor", "object_id", "detail"))
    assert refused == [
        ("fagsystem", "/api/v1/referrals/", f"POST 404 case={case.pk}"),
        ("fagsystem", "/api/v1/referrals/consents", f"GET 404 case={case.pk}"),
        ("rosa", "/cases/screenings/save/", f"POST 404 case={case.pk}"),
    ]
    assert verify().ok
