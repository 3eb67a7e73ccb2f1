"""The issue's browser journey: police screens an adult woman, saves a case and refers
her to ROSA with consent; ROSA accepts, records housing and a granted reflection period;
the dashboard shows the period's end; the police cannot see what ROSA added until ROSA
refers the case back."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from henvis.apps.cases.periods import reflection_period_end

pytestmark = pytest.mark.django_db(transaction=True)


def screen_adult_woman(page: Any, base: str) -> None:
    """Walk the identification guide; fill each answer on the step where it appears."""
    page.goto(f"{base}/screening/")
    for _step in range(6):
        if page.locator("#save-to-case").count():
            return
        if page.locator("input[type=radio][name=reporter_kind][value=police]").count():
            page.check("input[type=radio][name=reporter_kind][value=police]")
        if page.locator("input[type=number][name=age]").count():
            page.fill("input[type=number][name=age]", "29")
        if page.locator("input[type=radio][name=sex][value=female]").count():
            page.check("input[type=radio][name=sex][value=female]")
        if page.locator("input[type=checkbox][name=forms][value=prostitution]").count():
            page.check("input[type=checkbox][name=forms][value=prostitution]")
        page.click("button[name=action][value=next]")
        page.wait_for_load_state()
    assert page.locator("#save-to-case").count(), "the guide did not reach its result page"


def test_police_refers_to_rosa_and_cannot_see_what_rosa_adds(
    page: Any, live_server: Any, login: Any, make_user: Any, organisations: Any,
) -> None:
    base = live_server.url
    make_user("politi", roles=["first_line"], org="politi-oslo")
    make_user("rosa", roles=["coordinator"], org="rosa")
    rosa_org, udi, police_org = (organisations.get(slug=s) for s in ("rosa", "udi", "politi-oslo"))
    today = timezone.localdate()

    # Police: screen, save to a new case.
    login(page, "politi")
    screen_adult_woman(page, base)
    page.click("#save-to-case button")
    page.click("#new-case-from-screening")
    page.fill("#id_given_names", "Amina")
    page.fill("#id_family_name", "Sesay")
    page.select_option("#id_birth_precision", "year")
    page.fill("#id_birth_year", str(today.year - 29))
    page.select_option("#id_sex", "female")
    page.check("input[name=exploitation_forms][value=sexual]")
    page.click("#save-case")
    assert page.locator("#person-name").inner_text() == "Amina Sesay"
    assert page.locator("#timeline .event-screening").count() == 1
    case_url = page.url

    # Refer to ROSA with the person's consent recorded now.
    page.click("a[href$='/refer/']")
    page.select_option("#id_to_organisation", str(rosa_org.pk))
    page.select_option("#id_purpose", "housing")
    page.select_option("#id_legal_basis", "consent")
    page.check("#id_consent_now")
    page.select_option("#id_consent_form", "oral")
    page.click("#send-referral")
    assert page.locator("#referral-status").inner_text().startswith("Sendt")

    # ROSA: accept, record housing and a granted reflection period.
    page.context.clear_cookies()
    login(page, "rosa")
    page.goto(f"{base}/referrals/")
    page.click("#waiting a")
    page.click("#accept-referral")
    assert page.url == case_url
    page.click("a[href$='/measures/new/']")
    page.select_option("#id_kind", "housing")
    page.select_option("#id_provider", str(rosa_org.pk))
    page.fill("#id_start", today.isoformat())
    page.click("main form button[type=submit]")
    page.click("a[href$='/decisions/new/']")
    page.select_option("#id_kind", "reflection_period")
    page.select_option("#id_decided_by", str(udi.pk))
    page.select_option("#id_outcome", "granted")
    page.fill("#id_decided_on", today.isoformat())
    page.fill("#id_valid_from", today.isoformat())
    page.click("main form button[type=submit]")
    assert page.locator("#timeline .event-measure").count() == 1
    end = reflection_period_end(today).isoformat()
    assert page.locator("#timeline .event-decision .valid-to").inner_text() == end

    page.goto(f"{base}/dashboard/")
    assert end in page.locator("main").inner_text()

    # Police: the case is theirs, but ROSA's records are not shown to them.
    page.context.clear_cookies()
    login(page, "politi")
    page.goto(case_url)
    assert page.locator("#person-name").inner_text() == "Amina Sesay"
    assert page.locator("#timeline .event-measure").count() == 0
    assert page.locator("#timeline .event-decision").count() == 0
    page.goto(f"{base}/dashboard/")
    assert end not in page.locator("main").inner_text()

    # ROSA refers back to the police (duty to avert): now the police see ROSA's records.
    page.context.clear_cookies()
    login(page, "rosa")
    page.goto(case_url)
    page.click("a[href$='/refer/']")
    page.select_option("#id_to_organisation", str(police_org.pk))
    page.select_option("#id_purpose", "police_report")
    page.select_option("#id_legal_basis", "duty_to_avert")
    # Shared before the police answer (not the default since issue 15 item 4).
    page.check("#id_share_before_accepting")
    page.click("#send-referral")
    page.context.clear_cookies()
    login(page, "politi")
    page.goto(case_url)
    assert page.locator("#timeline .event-measure").count() == 1
    assert page.locator("#timeline .event-decision").count() == 1
    page.goto("about:blank")  # no request may still be running when the live server stops
