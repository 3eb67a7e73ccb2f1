"""Keyboard only (WCAG 2.1.1, 2.4.1, 2.4.3, 3.3.1): the anonymous screening journey and the
new-case form are completed with keys alone, Enter in a field submits the step's primary
button (never "Back"), and after an error focus lands on the error summary at the top."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def focused(page: Any) -> str:
    return str(page.evaluate("document.activeElement.id || document.activeElement.name || document.activeElement.tagName"))


def submit_with(page: Any, key: str) -> None:
    """Press a key that sends the form, and wait for the page that answers."""
    with page.expect_navigation():
        page.keyboard.press(key)


def tab_to(page: Any, selector: str, limit: int = 200) -> None:
    """Press Tab until the element matching selector has focus (fails after limit presses)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement === document.querySelector(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_the_skip_link_is_the_first_tab_stop_and_moves_to_the_main_content(page: Any, live_server: Any) -> None:
    page.goto(f"{live_server.url}/screening/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    assert page.evaluate("document.activeElement.getBoundingClientRect().height") > 0  # shown on focus
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the next stop is inside the main content, past the header
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")


def test_the_screening_journey_with_keys_only(page: Any, live_server: Any) -> None:
    page.goto(f"{live_server.url}/screening/")
    tab_to(page, "input[name=reporter_kind]")
    page.keyboard.press("Space")  # the first answer
    tab_to(page, "button[name=action][value=next]")
    submit_with(page, "Enter")
    assert page.locator("input[name=age]:not([type=hidden])").count() == 1  # step 2

    # A wrong age: Enter in the field goes on (not back), the step comes again with the
    # error summary focused and the title starting with "Feil:".
    tab_to(page, "input[name=age]")
    page.keyboard.type("130")
    submit_with(page, "Enter")  # implicit submission: the form's first button
    assert page.locator("input[name=age]:not([type=hidden])").count() == 1, "Enter in the age field left the step"
    assert focused(page) == "error-summary"
    assert page.title().startswith("Feil: ")
    # The summary's link leads to the field.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#id_age"
    page.keyboard.press("Enter")
    assert focused(page) == "id_age"
    page.keyboard.press("End")
    for _ in range(3):
        page.keyboard.press("Backspace")
    page.keyboard.type("34")
    assert page.input_value("#id_age") == "34"
    submit_with(page, "Enter")
    assert page.locator("input[name=age]:not([type=hidden])").count() == 0, page.inner_text("main")[:600]  # on to step 3
    assert not page.title().startswith("Feil")

    # The remaining steps: Enter on the focused Next button each time.
    for _ in range(5):
        if page.locator("[data-duty], #acute, #referrals").count():
            break
        tab_to(page, "button[name=action][value=next]")
        submit_with(page, "Enter")
    assert page.locator("#referrals").count() == 1, page.url  # the guidance page


def test_the_new_case_form_with_keys_only(page: Any, live_server: Any, make_user: Any,
                                          login: Callable[..., None]) -> None:
    make_user("politi", roles=["first_line"], org="politi-oslo")
    login(page, "politi")
    page.goto(f"{live_server.url}/cases/new/")
    # Only the birth-date fields that fit the chosen kind of date are shown.
    assert not page.locator("#id_birth_date").is_visible()
    tab_to(page, "#id_given_names")
    page.keyboard.type("Ana")
    tab_to(page, "#id_birth_precision")
    page.keyboard.press("Home")  # first choice: an exact date
    page.wait_for_timeout(100)
    assert page.evaluate("document.querySelector('#id_birth_precision').value") == "exact"
    assert page.locator("#id_birth_date").is_visible()
    assert not page.locator("#id_birth_year_to").is_visible()
    tab_to(page, "#save-case")
    submit_with(page, "Enter")  # no date, no form of exploitation: errors
    assert focused(page) == "error-summary"
    assert page.title().startswith("Feil: ")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#id_birth_date"
    page.keyboard.press("Enter")
    assert focused(page) == "id_birth_date"
    page.keyboard.type("01021994")
    tab_to(page, "#id_exploitation_forms_0")
    page.keyboard.press("Space")
    tab_to(page, "#save-case")
    submit_with(page, "Enter")
    assert "/cases/new/" not in page.url, page.title()
    assert page.locator("#person-name").inner_text() == "Ana"
