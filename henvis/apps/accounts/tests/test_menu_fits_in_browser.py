"""At 1280 px the header menu stays on one line for the roles with the longest menus and
organisation names (analyst at KOM, NAV's first-line worker and coordinator, ROSA's
administrator, KOM's auditor), in Bokmål and English."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

USERS = [
    ("analytiker", ["analyst"], "kom"),
    ("nav", ["first_line", "coordinator"], "nav-htso"),
    ("rosa-admin", ["org_admin"], "rosa"),
    ("revisor", ["auditor"], "kom"),
]


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_menu_is_one_line_at_1280_px(page: Any, live_server: Any, make_user: Any, login: Any, language: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    for username, roles, org in USERS:
        make_user(username, roles=roles, org=org)
    for username, _roles, _org in USERS:
        page.context.clear_cookies()
        login(page, username)
        if language == "en":
            page.click("button[name=language][value=en]")
            page.wait_for_load_state()
        tops = page.eval_on_selector_all(".site-header nav a, .site-header .brand, .header-tools > *",
                                         "els => els.map(e => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2))")
        assert len(tops) >= 5
        assert max(tops) - min(tops) <= 4, (username, language, tops)
        who = page.locator(".who")
        assert username in (who.get_attribute("title") or "")  # the full name stays at hand
