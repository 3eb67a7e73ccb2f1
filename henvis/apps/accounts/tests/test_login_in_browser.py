"""A real browser logs in, sees the organisations, switches language and logs out."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_worker_logs_in_and_sees_the_organisations(page: Any, live_server: Any, make_user: Any, login: Any) -> None:
    make_user("ola", roles=["first_line"], org="politi-oslo")
    page.goto(f"{live_server.url}/organisations/")
    assert "/accounts/login/" in page.url  # not logged in yet
    login(page, "ola")
    page.goto(f"{live_server.url}/organisations/")
    body = page.inner_text("main")
    for name in ("ROSA", "Safe House Filemon", "Kripos", "Finnmark politidistrikt", "IOM"):
        assert name in body
    assert page.inner_text("h1") == "Organisasjoner"

    page.click("button[name=language][value=en]")
    page.wait_for_load_state()
    assert page.inner_text("h1") == "Organisations"

    page.click("text=Log out")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/organisations/")
    assert "/accounts/login/" in page.url


def test_wrong_password_shows_an_error(page: Any, live_server: Any, make_user: Any, login: Any) -> None:
    make_user("ola", roles=["first_line"], org="politi-oslo")
    login(page, "ola", "not-the-password")
    assert page.locator("[role=alert]").is_visible()
    assert "/accounts/login/" in page.url
