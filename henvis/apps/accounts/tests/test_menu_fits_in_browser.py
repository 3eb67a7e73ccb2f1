"""At 1280 px the header menu stays on one line for the roles with the longest menus (analyst
at KOM, NAV's first-line worker and coordinator, ROSA's administrator, KOM's auditor), in
Bokmål and English; the user's organisation is shown in full (never cut off), and the
menu marks the page the user is on."""

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
    users = {username: make_user(username, roles=roles, org=org) for username, roles, org in USERS}
    for username, _roles, _org in USERS:
        page.context.clear_cookies()
        login(page, username)
        if language == "en":
            page.click("button[name=language][value=en]")
            page.wait_for_load_state()
        tops = page.eval_on_selector_all(".main-menu a",
                                         "els => els.map(e => Math.round(e.getBoundingClientRect().top))")
        assert len(tops) >= 3
        assert max(tops) - min(tops) <= 4, (username, language, tops)
        org = page.locator(".who__org")
        # in full, in the page's language (the English name on an English page)
        assert org.inner_text().strip() == users[username].organisation.in_language("name", language)
        assert org.evaluate("e => e.scrollWidth <= e.clientWidth")  # not cut off


def test_the_current_menu_item_is_marked(page: Any, live_server: Any, make_user: Any, login: Any) -> None:
    make_user("nav", roles=["first_line", "coordinator"], org="nav-htso")
    login(page, "nav")
    for path, label in [("/cases/", "Saker"), ("/dashboard/", "Frister"), ("/referrals/", "Henvisninger")]:
        page.goto(f"{live_server.url}{path}")
        current = page.locator(".main-menu a[aria-current=page]")
        assert current.count() == 1 and current.inner_text() == label, path
