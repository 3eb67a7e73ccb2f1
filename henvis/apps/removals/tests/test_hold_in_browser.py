"""A real browser: PU screens a return case, holds the removal, the hold shows on the
deadlines page and blocks closing; ROSA accepts the referral and the hold is gone."""

from __future__ import annotations

from typing import Any

import pytest

from henvis.apps.cases.tests.factories import make_case
from henvis.apps.organisations.models import Organisation
from henvis.apps.referrals.models import Consent
from henvis.apps.removals.models import Hold

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page: Any, selector: str) -> None:
    page.click(selector)
    page.wait_for_load_state()


def test_removal_held_by_screening_and_released_by_the_answered_referral(
    page: Any, live_server: Any, login: Any, make_user: Any,
) -> None:
    pu = make_user("pu-worker", roles=["first_line"], org="pu")
    make_user("rosa-coordinator", roles=["coordinator"], org="rosa")
    case = make_case(pu)
    rosa = Organisation.objects.get(slug="rosa")
    Consent.objects.create(case=case, organisation=pu.organisation, given_to=rosa, created_by=pu)

    login(page, "pu-worker")
    page.goto(f"{live_server.url}/procedures/new/")
    page.fill("input[name=case_id]", case.reference)
    page.select_option("select[name=kind]", "return")
    page.fill("input[name=opened]", "2026-02-01")
    submit(page, "main button[type=submit]")
    page.fill("input[name=screened_on]", "2026-02-03")
    page.check("input[name=indicators][value=ct-15]")
    page.check("input[name=outcome][value=refer_hold]")
    page.select_option("select[name=to_organisation]", str(rosa.pk))
    page.select_option("select[name=purpose]", "housing")
    page.select_option("select[name=legal_basis]", "consent")
    submit(page, "form[action$='/screen/'] button[type=submit]")
    assert page.locator("[data-held=yes]").is_visible()
    hold = Hold.objects.get()
    page.goto(f"{live_server.url}/dashboard/")
    assert page.locator(f"#removal-holds [data-hold='{hold.pk}']").is_visible()
    page.goto(f"{live_server.url}/procedures/{hold.procedure_id}/")
    submit(page, "form[action$='/close/'] button[type=submit]")
    assert page.locator("#close-refused").is_visible()

    page.context.clear_cookies()
    login(page, "rosa-coordinator")
    page.goto(f"{live_server.url}/referrals/{hold.screening.referral_id}/")
    submit(page, "button[name=action][value=accept]")

    page.context.clear_cookies()
    login(page, "pu-worker")
    page.goto(f"{live_server.url}/dashboard/")
    assert page.locator(f"[data-hold='{hold.pk}']").count() == 0
    page.goto(f"{live_server.url}/procedures/{hold.procedure_id}/")
    submit(page, "form[action$='/close/'] button[type=submit]")
    assert page.locator("[data-closed]").is_visible()
