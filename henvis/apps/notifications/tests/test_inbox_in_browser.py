"""Issue 15 item 3 in a real browser: a referral the police send reaches ROSA's header
count and inbox, on the next page and, on a page already open, through the light poll;
the home page lists it; screenshots at 1280 and 390 px (var/screenshots/inbox), and no
sideways scrolling."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from henvis.web.tests.test_accessibility_in_browser import (
    axe_violations,
    horizontal_overflow,
    shoot,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_referral_from_the_police_appears_in_rosas_header_and_inbox(
    page: Any, live_server: Any, login: Callable[..., None], police: Any, rosa: Any, filemon: Any,
) -> None:
    from django.test import Client

    from henvis.apps.cases.tests.factories import make_case

    base = live_server.url
    page.set_default_timeout(120_000)  # the shared test machine is slow under load
    case = make_case(police, given="Amina", family="Sesay")
    # ROSA has a page open before anything is sent: the count shows nothing.
    login(page, "rosa")
    page.goto(f"{base}/cases/")
    assert page.locator("#inbox-count").is_hidden()
    assert page.locator("#inbox-label").inner_text() == "Innboks, ingenting ulest"

    # The police send the referral (in another session).
    police_client = Client()
    police_client.force_login(police)
    response = police_client.post(f"/cases/{case.pk}/refer/", {
        "to_organisation": rosa.organisation.pk, "purpose": "housing", "legal_basis": "consent",
        "consent_now": "on", "consent_form": "oral", "message": "Trenger bolig",
    })
    assert response.status_code == 302

    # Without reloading: the poll (as when the tab is shown again) updates the count.
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    expect(page.locator("#inbox-count")).to_have_text("1", timeout=15_000)
    assert page.locator("#inbox-count").is_visible()
    assert page.locator("#inbox-label").inner_text() == "Innboks, 1 ulest"

    # Any next page shows it in the header; the home page lists what needs ROSA today.
    page.goto(f"{base}/")
    assert page.locator("#inbox-count").inner_text() == "1"
    assert case.reference in page.locator("#today-referrals").inner_text()
    problems: list[str] = []
    for name in ("home", "inbox"):
        if name == "inbox":
            page.click("#inbox-link")
            assert page.url == f"{base}/inbox/"
            assert "Ny henvisning til organisasjonen din" in page.locator("#notifications").inner_text()
            assert case.reference in page.locator("#notifications").inner_text()
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            if (extra := horizontal_overflow(page)) > 0:
                problems.append(f"{name} @{width}px: {extra} px wider than the window")
            problems += [f"{name} @{width}px: {v}" for v in axe_violations(page)]
            shoot(page, "inbox", f"rosa-{name}", width)
    assert not problems, "\n".join(problems)
    # Opening it leads to the referral and clears the count.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.click("#notifications a")
    assert "/referrals/" in page.url
    assert page.locator("#inbox-count").is_hidden()

    # Another organisation's header shows nothing of it.
    page.context.clear_cookies()
    login(page, "filemon")
    page.goto(f"{base}/")
    assert page.locator("#inbox-count").is_hidden()
    page.goto(f"{base}/inbox/")
    assert case.reference not in page.content()
    shoot(page, "inbox", "filemon-inbox", 1280)
