"""A real browser: an anonymous trainee switches to English and plays two scenarios."""

from __future__ import annotations

from typing import Any

import pytest

from henvis.apps.training.models import Completion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def next_step(page: Any) -> None:
    page.click("button[name=action][value=next]")
    page.wait_for_load_state()


def test_anonymous_trainee_plays_two_scenarios_in_english(page: Any, live_server: Any) -> None:
    page.goto(f"{live_server.url}/training/scenarios/child-pickpocket/")
    assert "/accounts/login/" not in page.url
    # The journey's own switch keeps the answers and turns the page English.
    page.click("button[name=action][value=language]")
    page.wait_for_load_state()
    assert "police officer" in page.inner_text(".training-scenario")
    assert page.is_checked("input[name=reporter_kind][value=police]")  # the scenario's role, preset
    next_step(page)
    page.fill("input[name=age]", "18")  # what he says; the trainee does not tick the doubt
    page.check("input[name=sex][value=male]")
    next_step(page)
    page.check("input[name=forms][value=forced_labour]")
    next_step(page)
    page.check("input[name=indicators][value=be-04]")
    page.check("input[name=reason_to_believe]")
    next_step(page)
    assert "Feedback" in page.inner_text("h1")
    assert page.locator("[data-child=yes]").is_visible()  # he should have been treated as a child
    assert page.get_attribute("[data-duty=duty_to_notify_child_welfare]", "data-reached") == "no"
    assert page.locator(".training-missed [data-indicator=be-m01]").is_visible()

    page.click("text=All scenarios")
    page.click("text=A 15-year-old girl with an older \"boyfriend\"")
    next_step(page)  # the school role is preset
    page.fill("input[name=age]", "15")
    next_step(page)
    next_step(page)
    for indicator in ("bg-m02", "ct-05", "ct-06", "ct-10", "ct-m02"):
        page.check(f"input[name=indicators][value={indicator}]")
    page.check("input[name=reason_to_believe]")
    next_step(page)
    assert page.get_attribute("[data-duty=duty_to_notify_child_welfare]", "data-reached") == "yes"
    assert "you found every indicator" in page.inner_text(".training-missed")
    assert Completion.objects.count() == 0  # anonymous: nothing stored
