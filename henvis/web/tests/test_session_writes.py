"""The session is written when it changes and renewed at most once a refresh interval,
not on every request (SessionIdleRefreshMiddleware), and the idle timeout still holds."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from henvis.conftest import TEST_PASSWORD
from henvis.web import middleware

pytestmark = pytest.mark.django_db


def _session_writes(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return sum(1 for q in queries.captured_queries
               if "django_session" in q["sql"] and not q["sql"].lstrip().upper().startswith("SELECT"))


@pytest.fixture
def logged_in(make_user: Any) -> Client:
    make_user("ola", roles=["first_line"], org="politi-oslo")
    client = Client()
    assert client.post("/accounts/login/", {"username": "ola", "password": TEST_PASSWORD}).status_code == 302
    return client


def test_pages_within_the_refresh_interval_write_no_session(logged_in: Client) -> None:
    assert _session_writes(logged_in, "/cases/") == 0
    assert _session_writes(logged_in, "/cases/") == 0


def test_session_is_renewed_after_the_refresh_interval(logged_in: Client, monkeypatch: pytest.MonkeyPatch,
                                                       settings: Any) -> None:
    before = Session.objects.get().expire_date
    start = middleware.time.time()
    monkeypatch.setattr(middleware.time, "time", lambda: start + settings.HENVIS_SESSION_REFRESH_SECONDS + 1)
    assert _session_writes(logged_in, "/cases/") == 1
    assert Session.objects.get().expire_date > before  # the idle timeout starts again
    assert _session_writes(logged_in, "/cases/") == 0  # and not again until the next interval


def test_anonymous_pages_store_no_session(client: Client) -> None:
    assert _session_writes(client, "/screening/") == 0
    assert not Session.objects.exists()


def test_idle_session_still_ends(logged_in: Client, settings: Any) -> None:
    session = Session.objects.get()
    Session.objects.filter(pk=session.pk).update(expire_date=session.expire_date.replace(year=2000))
    response = logged_in.get("/cases/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
