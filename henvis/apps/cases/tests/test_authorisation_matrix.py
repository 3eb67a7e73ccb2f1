"""Authorisation matrix: every page and API endpoint that touches a case refuses every
role of a foreign organisation, shows no data, and answers exactly as for an id that
does not exist."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import pytest
from django.test import Client

from henvis.apps.accounts.models import ApiToken
from henvis.apps.cases.models import Decision, Measure, Screening
from henvis.apps.cases.tests.factories import make_case
from henvis.apps.cases.tests.test_save_screening import SCREENING
from henvis.apps.referrals.models import Consent, Referral

pytestmark = pytest.mark.django_db

ROLES = [["first_line"], ["coordinator"], ["org_admin"], ["analyst"], ["auditor"], ["system_admin"],
         ["first_line", "coordinator", "org_admin"]]  # the widest allowed (auditor: role_conflicts)
MISSING = 987654
SECRETS = ("Zainab", "Kamara", "15076500565")

# (method, path, body). Ids: {case}, {referral}, {consent}, {screening}, {measure}.
PAGES: list[tuple[str, str, dict[str, Any]]] = [
    ("get", "/cases/{case}/", {}),
    ("get", "/cases/{case}/edit/", {}),
    ("post", "/cases/{case}/edit/", {"status": "closed"}),
    ("get", "/cases/{case}/person/", {}),
    ("post", "/cases/{case}/person/", {"given_names": "X"}),
    ("get", "/cases/{case}/close/", {}),
    ("post", "/cases/{case}/close/", {"closed": "2026-05-01", "closing_reason": "other"}),
    ("get", "/cases/{case}/measures/new/", {}),
    ("post", "/cases/{case}/measures/new/", {"kind": "housing", "start": "2026-05-01"}),
    ("get", "/cases/{case}/measures/{measure}/edit/", {}),
    ("post", "/cases/{case}/measures/{measure}/edit/", {"kind": "housing", "start": "2026-05-01"}),
    ("get", "/cases/{case}/decisions/new/", {}),
    ("post", "/cases/{case}/decisions/new/", {"kind": "appeal", "outcome": "pending"}),
    ("get", "/cases/{case}/proceedings/new/", {}),
    ("post", "/cases/{case}/proceedings/new/", {"provision": "257", "stage": "reported"}),
    ("get", "/cases/{case}/non-punishment/new/", {}),
    ("post", "/cases/{case}/non-punishment/new/", {"assessed_on": "2026-05-01", "outcome": "pending"}),
    ("get", "/cases/{case}/screenings/{screening}/", {}),
    ("get", "/cases/{case}/refer/", {}),
    ("post", "/cases/{case}/refer/", {"purpose": "other", "legal_basis": "duty_to_avert"}),
    ("get", "/cases/{case}/consents/new/", {}),
    ("post", "/cases/{case}/consents/new/", {"given_on": "2026-05-01", "form": "oral"}),
    ("get", "/cases/{case}/transfer/", {}),
    ("post", "/cases/{case}/transfer/", {"legal_basis": "duty_to_avert"}),
    ("get", "/cases/screenings/{screening}/", {}),
    ("post", "/cases/screenings/{screening}/", {"case": "{case}"}),
    ("post", "/cases/screenings/save/", {"screening": json.dumps(SCREENING), "case": "{case}"}),
    ("get", "/cases/new/?person={case}", {}),
    ("get", "/referrals/{referral}/", {}),
    ("post", "/referrals/{referral}/answer/", {"action": "accept"}),
    ("post", "/referrals/{referral}/status/", {"status": "revoked"}),
    ("post", "/referrals/consents/{consent}/withdraw/", {}),
]
API: list[tuple[str, str, dict[str, Any]]] = [
    ("get", "cases/{case}", {}),
    ("put", "cases/{case}", {}),
    ("put", "cases/{case}/person", {}),
    ("post", "cases/{case}/close", {"closed": "2026-05-01", "closing_reason": "other"}),
    ("get", "cases/{case}/timeline", {}),
    ("get", "cases/{case}/measures", {}),
    ("post", "cases/{case}/measures", {"kind": "housing", "start": "2026-05-01"}),
    ("put", "cases/{case}/measures/{measure}", {"kind": "housing", "start": "2026-05-01"}),
    ("get", "cases/{case}/decisions", {}),
    ("post", "cases/{case}/decisions", {"kind": "appeal"}),
    ("get", "cases/{case}/proceedings", {}),
    ("post", "cases/{case}/proceedings", {}),
    ("get", "cases/{case}/non-punishment", {}),
    ("post", "cases/{case}/non-punishment", {"assessed_on": "2026-05-01"}),
    ("get", "cases/{case}/screenings", {}),
    ("post", "cases/{case}/screenings", {"screening": SCREENING}),
    ("get", "referrals/{referral}", {}),
    ("post", "referrals/{referral}/accept", {}),
    ("post", "referrals/{referral}/decline", {"reason": "no"}),
    ("post", "referrals/{referral}/revoke", {}),
    ("post", "referrals/{referral}/complete", {}),
    ("get", "referrals/consents?case_id={case}", {}),
    ("post", "referrals/consents", {"case_id": "{case}", "given_to": "udi"}),
    ("post", "referrals/consents/{consent}/withdraw", {}),
    ("post", "referrals/", {"case_id": "{case}", "to_organisation": "udi", "purpose": "other",
                            "legal_basis": "duty_to_avert"}),
    ("post", "referrals/transfers", {"case_id": "{case}", "to_organisation": "udi", "legal_basis": "duty_to_avert"}),
]
LISTS = ["/cases/", "/dashboard/", "/referrals/"]
API_LISTS = ["cases/", "cases/deadlines", "referrals/"]


@pytest.fixture
def world(make_user: Any, organisations: Any) -> dict[str, Any]:
    """A case of Oslo police referred to ROSA, with one record of every kind."""
    police = make_user("politi", roles=["first_line"], org="politi-oslo")
    rosa = make_user("rosa", roles=["coordinator"], org="rosa")
    case = make_case(police, given="Zainab", family="Kamara", national_id="15076500565")
    consent = Consent.objects.create(case=case, organisation=police.organisation, given_to=rosa.organisation,
                                     created_by=police)
    referral = Referral.objects.create(case=case, from_organisation=police.organisation,
                                       to_organisation=rosa.organisation, purpose="housing", consent=consent,
                                       sent_by=police)
    screening = Screening.objects.create(case=case, organisation=police.organisation, created_by=police, data={"a": 1})
    measure = Measure.objects.create(case=case, organisation=rosa.organisation, created_by=rosa,
                                     kind="housing", start=date.today())
    Decision.objects.create(case=case, organisation=rosa.organisation, created_by=rosa, kind="reflection_period",
                            outcome="granted", valid_from=date.today(), valid_to=date.today())
    return {"case": case.pk, "referral": referral.pk, "consent": consent.pk, "screening": screening.pk,
            "measure": measure.pk, "reference": case.reference}


def _fill(value: Any, ids: dict[str, Any]) -> Any:
    if isinstance(value, str):
        for key in ("case", "referral", "consent", "screening", "measure"):
            value = value.replace("{" + key + "}", str(ids[key]))
        return int(value) if value.isdigit() and value != "" else value
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return value


def _normalise(response: Any, *paths: str) -> bytes:
    body: bytes = response.content
    for path in paths:  # an error page may echo the path; the ids in it are not a leak
        body = body.replace(path.encode(), b"PATH")
    # Django masks the CSRF token differently on every page.
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"CSRF", body)


def _api_call(client: Client, method: str, path: str, body: dict[str, Any], headers: dict[str, str]) -> Any:
    if method == "get":
        return client.get(path, headers=headers)
    return getattr(client, method)(path, json.dumps(body), content_type="application/json", headers=headers)


def _assert_no_data(response: Any, world: dict[str, Any], echoed: str = "") -> None:
    """No name, number or case reference (the search term itself may be echoed back)."""
    text = response.content.decode(errors="replace")
    for secret in (*SECRETS, world["reference"]):
        if secret == echoed:
            continue
        assert secret not in text


@pytest.mark.parametrize("roles", ROLES, ids=["+".join(r) for r in ROLES])
def test_foreign_organisation_is_refused_everywhere(client: Client, make_user: Any, world: dict[str, Any],
                                                    roles: list[str]) -> None:
    foreign = make_user("fremmed", roles=roles, org="udi")
    missing = {key: MISSING for key in ("case", "referral", "consent", "screening", "measure")}
    client.force_login(foreign)
    for method, template, body in PAGES:
        real_path, missing_path = _fill(template, world), _fill(template, missing)
        real = getattr(client, method)(real_path, _fill(body, world))
        absent = getattr(client, method)(missing_path, _fill(body, missing))
        label = f"{method.upper()} {template} as {roles}"
        assert real.status_code in (403, 404), label
        assert real.status_code == absent.status_code, label
        assert _normalise(real, real_path) == _normalise(absent, missing_path), label
        _assert_no_data(real, world)

    token = ApiToken.issue(foreign, "matrix")[1]
    headers = {"Authorization": f"Bearer {token}"}
    for method, template, body in API:
        real_path, missing_path = f"/api/v1/{_fill(template, world)}", f"/api/v1/{_fill(template, missing)}"
        real = _api_call(client, method, real_path, _fill(body, world), headers)
        absent = _api_call(client, method, missing_path, _fill(body, missing), headers)
        label = f"API {method.upper()} {template} as {roles}"
        assert real.status_code in (403, 404), label
        assert (real.status_code, real.content) == (absent.status_code, absent.content), label
        _assert_no_data(real, world)

    for path in LISTS:
        _assert_no_data(client.get(path), world)
    _assert_no_data(client.post("/cases/", {"q": "Zainab"}), world, echoed="Zainab")
    for path in API_LISTS:
        _assert_no_data(client.get(f"/api/v1/{path}", headers=headers), world)
    search = _api_call(client, "post", "/api/v1/cases/search", {"q": "Zainab"}, headers)
    assert search.status_code == 200 and search.json() == []


def test_the_matrix_would_notice_a_leak(client: Client, make_user: Any, world: dict[str, Any]) -> None:
    """The owner gets data from the same requests: the checks above are not vacuous."""
    client.force_login(make_user("politi2", roles=["first_line"], org="politi-oslo"))
    assert "Zainab" in client.get(f"/cases/{world['case']}/").content.decode()
    assert client.get(f"/cases/{MISSING}/").status_code == 404
    assert world["reference"] in client.post("/cases/", {"q": "Zainab"}).content.decode()
