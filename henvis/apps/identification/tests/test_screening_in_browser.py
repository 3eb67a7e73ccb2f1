"""A real browser walks the anonymous screening journey; nothing is written to the database."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - table names from introspection
            counts[table] = cursor.fetchone()[0]
    return counts


def next_step(page: Any) -> None:
    page.click("button[name=action][value=next]")
    page.wait_for_load_state()


def test_minor_shows_the_duty_to_notify_child_welfare_and_116_111(page: Any, live_server: Any) -> None:
    before = row_counts()
    page.goto(f"{live_server.url}/screening/")
    assert "/accounts/login/" not in page.url  # anonymous: no login needed
    page.check("input[name=reporter_kind][value=school]")
    next_step(page)
    page.fill("input[name=age]", "15")
    page.check("input[name=sex][value=female]")
    next_step(page)
    next_step(page)  # no form or arena known yet
    assert page.locator("input[name=indicators][value=bg-m02]").is_visible()  # minors' extras shown
    page.check("input[name=indicators][value=bg-m02]")
    page.check("input[name=indicators][value=pl-m01]")
    page.check("input[name=reason_to_believe]")  # the worker's judgement triggers the duty (line 714)
    next_step(page)

    duty = page.locator("[data-duty=duty_to_notify_child_welfare]")
    assert duty.is_visible() and duty.get_attribute("data-mandatory") == "true"
    assert "13-2" in duty.inner_text()
    assert page.locator("[data-duty=duty_to_avert]").is_visible()
    acute = page.inner_text("#acute")
    assert "116 111" in acute
    assert "466 15 000" in page.inner_text("#referrals")
    assert row_counts() == before


def test_the_header_language_switch_keeps_the_answers_and_the_result_reads_on_a_phone(page: Any, live_server: Any) -> None:
    """Issue 15 item 6: the header's language button on a step comes back to the same step in
    English with every answer; at 390 px the result's long parts are folded (under half the
    height of the unfolded page) and nothing scrolls sideways."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/screening/")
    page.check("input[name=reporter_kind][value=health]")
    next_step(page)
    page.fill("input[name=age]", "28")
    page.check("input[name=sex][value=female]")
    next_step(page)
    page.check("input[name=forms][value=prostitution]")
    next_step(page)
    page.check("input[name=indicators][value=pr-04]")
    page.click("header form[action*=setlang] button[value=en]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("form.screening").get_attribute("data-step") == "observations"
    assert page.locator("input[name=indicators][value=pr-04]").is_checked()
    page.check("input[name=reason_to_believe]")
    next_step(page)
    assert "Your duties" in page.inner_text("main")
    assert "Consider notifying the police" in page.inner_text("#duties")
    folded = page.evaluate("document.documentElement.scrollHeight")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    unfolded = page.evaluate("document.documentElement.scrollHeight")
    assert folded * 2 < unfolded, (folded, unfolded)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_adult_man_in_forced_labour_gets_rosa_and_safe_house_filemon(page: Any, live_server: Any) -> None:
    before = row_counts()
    page.goto(f"{live_server.url}/screening/")
    page.check("input[name=reporter_kind][value=ngo]")
    next_step(page)
    page.fill("input[name=age]", "34")
    page.check("input[name=sex][value=male]")
    page.check("input[name=needs_safe_place]")
    next_step(page)
    page.check("input[name=forms][value=forced_labour]")
    page.check("input[name=arenas][value=construction]")
    next_step(page)
    assert page.locator("input[name=indicators][value=fl-02]").is_visible()
    assert page.locator("input[name=indicators][value=pr-01]").count() == 0  # prostitution extras hidden
    assert page.locator("input[name=indicators][value=bg-m01]").count() == 0  # minors' extras hidden
    page.check("input[name=indicators][value=fl-02]")
    page.check("input[name=indicators][value=ct-15]")
    next_step(page)

    assert "22 33 11 60" in page.inner_text("[data-contact=rosa]")
    assert "Safe House Filemon" in page.inner_text("[data-referral=safe-house-filemon]")
    assert page.locator("[data-referral=marita-women]").count() == 0
    assert page.locator("#save-to-case").count() == 0  # anonymous: nothing to save to

    # Changing the answers keeps them: back to the observations with the ticks in place.
    page.click("button[name=action][value=edit]")
    page.wait_for_load_state()
    assert page.locator("input[name=indicators][value=fl-02]").is_checked()
    assert row_counts() == before


def test_rights_sheet_opens_in_both_languages(page: Any, live_server: Any) -> None:
    page.goto(f"{live_server.url}/screening/rights/nb/")
    assert "22 33 11 60" in page.inner_text("main")
    assert page.locator("article[lang=nb]").count() == 1
    page.click("a[lang=en]")
    page.wait_for_load_state()
    assert page.locator("article[lang=en]").count() == 1
    assert "day and night" in page.inner_text("main")
