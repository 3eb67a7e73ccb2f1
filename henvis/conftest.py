"""Fixtures shared by the whole suite. Pure-core tests need none of the Django ones."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from typing import Any

import pytest

os.environ.setdefault("HENVIS_TESTING", "1")
# Playwright's sync API runs an event loop; Django's live_server fixture works with it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
TEST_PASSWORD = "correct-horse-battery-staple-42"  # noqa: S105


def wait_for_a_fresh_rate_window(margin: float = 15.0) -> None:
    """The rate limits count in fixed one-minute windows: a test whose requests straddle
    the turn of a minute sees the count start over and fails for no fault of the code.
    Call this before the first counted request; it sleeps into a new minute when less
    than `margin` seconds of the current one are left."""
    import time

    left = 60 - time.time() % 60
    if left < margin:
        time.sleep(left + 0.1)


@pytest.fixture
def organisations(db: Any) -> Any:
    from henvis.apps.organisations.loading import load_organisations
    from henvis.apps.organisations.models import Organisation

    load_organisations()
    return Organisation.objects


@pytest.fixture
def make_user(organisations: Any) -> Callable[..., Any]:
    """make_user("rosa", roles=["coordinator"], org="rosa")"""
    from henvis.apps.accounts.models import User

    def make(username: str, *, roles: list[str], org: str | None = None) -> Any:
        user = User.objects.create_user(
            username=username, password=TEST_PASSWORD,
            organisation=organisations.get(slug=org) if org else None,
        )
        user.set_roles(roles)
        return user

    return make


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"browser tests need {CHROMIUM} (apt-get install chromium); scripts/test installs it as root")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, locale="nb-NO",
        )
        yield context
        context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    browser.clear_cookies()
    page = browser.new_page()
    yield page
    page.close()


@pytest.fixture
def login(live_server: Any) -> Callable[[Any, str], None]:
    def do_login(page: Any, username: str, password: str = TEST_PASSWORD) -> None:
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]:has-text('Logg inn'), main button[type=submit]")
        page.wait_for_load_state()

    return do_login
