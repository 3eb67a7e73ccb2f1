"""Issue 16 item 6: the same measure, consent, referral or confirmed new case submitted
twice (double click, a resubmitted page, a retried API call) is created once. Each form
carries a one-time key; the API accepts an ``Idempotency-Key`` header. Over HTTP."""

from __future__ import annotations

import json
import re
import threading
import urllib.request
from typing import Any

import pytest
from django.test import Client

from henvis.apps.accounts.models import ApiToken
from henvis.apps.cases.models import Case, Measure, Person
from henvis.apps.cases.tests.factories import make_case
from henvis.apps.referrals.models import Consent, Referral

pytestmark = pytest.mark.django_db

MEASURE = {"kind": "housing", "start": "2026-02-01"}


@pytest.fixture
def police(make_user: Any) -> Any:
    return make_user("politi", roles=["coordinator"], org="politi-oslo")


def _key(html: str) -> str:
    found = re.search(r'<input type="hidden" name="idempotency_key" value="([^"]+)"', html)
    assert found is not None, "the form carries no one-time key"
    return found.group(1)


def test_a_measure_form_sent_twice_saves_one_measure(client: Client, police: Any) -> None:
    case = make_case(police)
    client.force_login(police)
    key = _key(client.get(f"/cases/{case.pk}/measures/new/").content.decode())
    first = client.post(f"/cases/{case.pk}/measures/new/", {**MEASURE, "idempotency_key": key})
    again = client.post(f"/cases/{case.pk}/measures/new/", {**MEASURE, "idempotency_key": key})
    assert first.status_code == again.status_code == 302
    assert again["Location"] == f"/cases/{case.pk}/"
    assert Measure.objects.count() == 1
    # A new form has a new key: a second measure on purpose is saved.
    other = _key(client.get(f"/cases/{case.pk}/measures/new/").content.decode())
    assert other != key
    client.post(f"/cases/{case.pk}/measures/new/", {**MEASURE, "idempotency_key": other})
    assert Measure.objects.count() == 2


def test_a_form_posted_without_its_key_twice_saves_once(client: Client, police: Any) -> None:
    case = make_case(police)
    client.force_login(police)
    client.post(f"/cases/{case.pk}/measures/new/", MEASURE)
    client.post(f"/cases/{case.pk}/measures/new/", MEASURE)
    assert Measure.objects.count() == 1
    client.post(f"/cases/{case.pk}/measures/new/", {**MEASURE, "start": "2026-02-02"})
    assert Measure.objects.count() == 2


def test_a_consent_form_sent_twice_records_one_consent(client: Client, police: Any, make_user: Any) -> None:
    rosa = make_user("rosa", roles=["coordinator"], org="rosa")
    case = make_case(police)
    client.force_login(police)
    key = _key(client.get(f"/cases/{case.pk}/consents/new/").content.decode())
    data = {"given_to": rosa.organisation.pk, "given_on": "2026-02-01", "form": "oral", "idempotency_key": key}
    assert client.post(f"/cases/{case.pk}/consents/new/", data).status_code == 302
    assert client.post(f"/cases/{case.pk}/consents/new/", data).status_code == 302
    assert Consent.objects.count() == 1


def test_a_referral_form_sent_twice_sends_one_referral(client: Client, police: Any, make_user: Any) -> None:
    rosa = make_user("rosa", roles=["coordinator"], org="rosa")
    case = make_case(police)
    client.force_login(police)
    key = _key(client.get(f"/cases/{case.pk}/refer/").content.decode())
    data = {"to_organisation": rosa.organisation.pk, "purpose": "housing", "legal_basis": "consent",
            "consent_now": "on", "consent_form": "written", "idempotency_key": key}
    first = client.post(f"/cases/{case.pk}/refer/", data)
    again = client.post(f"/cases/{case.pk}/refer/", data)
    assert first["Location"] == again["Location"]
    assert Referral.objects.count() == 1 and Consent.objects.count() == 1


PERSON = {
    "given_names": "Ana", "family_name": "Popescu", "aliases": "", "birth_precision": "year", "birth_year": "1994",
    "birth_date": "", "birth_year_to": "", "sex": "female", "citizenships": "RO", "national_id": "",
    "duf_number": "", "contact": "", "children": "",
}
CASE = {"status": "concern", "opened": "2026-02-01", "exploitation_forms": ["sexual"], "place_kind": "norway",
        "identified_how": "screening", "identified_by_kind": "police_district", "municipality": "",
        "police_district": "", "country": ""}


def test_a_confirmed_new_case_sent_twice_opens_one_case(client: Client, police: Any) -> None:
    make_case(police, given="Ana", family="Popescu", birth="1994")  # a look-alike: the page asks first
    client.force_login(police)
    key = _key(client.get("/cases/new/").content.decode())
    warned = client.post("/cases/new/", {**PERSON, **CASE, "idempotency_key": key}).content.decode()
    assert 'id="duplicate-warning"' in warned and _key(warned) == key  # the same form, the same key
    confirmed = {**PERSON, **CASE, "idempotency_key": key, "confirmed": "1"}
    first = client.post("/cases/new/", confirmed)
    again = client.post("/cases/new/", confirmed)
    assert first.status_code == again.status_code == 302 and first["Location"] == again["Location"]
    assert Case.objects.count() == 2 and Person.objects.count() == 2


def test_the_api_creates_once_per_idempotency_key(client: Client, police: Any) -> None:
    case = make_case(police)
    client.force_login(police)
    headers = {"Idempotency-Key": "measure-7f3a"}
    first = client.post(f"/api/v1/cases/{case.pk}/measures", MEASURE, content_type="application/json",
                        headers=headers)
    again = client.post(f"/api/v1/cases/{case.pk}/measures", MEASURE, content_type="application/json",
                        headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"] and Measure.objects.count() == 1
    changed = client.post(f"/api/v1/cases/{case.pk}/measures", {**MEASURE, "start": "2026-02-03"},
                          content_type="application/json", headers=headers)
    assert changed.status_code == 422 and Measure.objects.count() == 1
    body = {"person": {"given_names": "Mihai"}, "case": {"exploitation_forms": ["unknown"]},
            "confirmed_new_person": True}
    cases = [client.post("/api/v1/cases/", body, content_type="application/json",
                         headers={"Idempotency-Key": "case-1"}) for _ in range(2)]
    assert [r.status_code for r in cases] == [201, 201] and cases[0].json()["id"] == cases[1].json()["id"]
    # Without the header the API keeps its old behaviour: each request creates.
    client.post(f"/api/v1/cases/{case.pk}/measures", MEASURE, content_type="application/json")
    assert Measure.objects.count() == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    "__import__('django.db').db.connection.vendor != 'postgresql'",
    reason="the test server shares one in-memory SQLite connection between its threads, so two requests "
           "at the same moment collide in the test harness itself; CI runs this on PostgreSQL",
)
def test_a_double_click_at_the_same_moment_saves_once(live_server: Any, police: Any) -> None:
    """Two real requests with the same key at once: exactly one measure."""
    case = make_case(police)
    raw = ApiToken.issue(police, "test")[1]
    results: list[int] = []
    start = threading.Barrier(2)

    def post() -> None:
        request = urllib.request.Request(  # noqa: S310 - the test server
            f"{live_server.url}/api/v1/cases/{case.pk}/measures", data=json.dumps(MEASURE).encode(), method="POST",
            headers={"Authorization": f"Bearer {raw}", "Content-Type": "application/json",
                     "Idempotency-Key": "double-click"},
        )
        start.wait()
        with urllib.request.urlopen(request) as response:  # noqa: S310 - the test server
            results.append(json.loads(response.read())["id"])

    threads = [threading.Thread(target=post) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 2 and results[0] == results[1]
    assert Measure.objects.count() == 1
