from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from henvis.conftest import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_login_with_right_password_reaches_home(client: Client, make_user: Any) -> None:
    make_user("ola", roles=["first_line"], org="politi-oslo")
    response = client.post("/accounts/login/", {"username": "ola", "password": TEST_PASSWORD}, follow=True)
    assert response.status_code == 200
    assert response.wsgi_request.user.is_authenticated
    assert "Oslo politidistrikt" in response.content.decode()


def test_wrong_password_is_refused_with_a_message(client: Client, make_user: Any) -> None:
    make_user("ola", roles=["first_line"], org="politi-oslo")
    response = client.post("/accounts/login/", {"username": "ola", "password": "wrong"})
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated
    assert "role=\"alert\"" in response.content.decode()


def test_an_empty_log_in_asks_for_both_fields(client: Client, organisations: Any) -> None:
    html = client.post("/accounts/login/", {"username": " ", "password": ""}).content.decode()
    assert "Skriv inn både brukernavn og passord." in html
    assert "er feil" not in html


def test_the_wrong_password_message_states_the_lockout(client: Client, make_user: Any, settings: Any) -> None:
    make_user("ola", roles=["first_line"], org="politi-oslo")
    settings.AXES_FAILURE_LIMIT = 4
    html = client.post("/accounts/login/", {"username": "ola", "password": "wrong"}).content.decode()
    assert "Brukernavnet eller passordet er feil. Etter 4 mislykkede forsøk blir kontoen sperret i 15 minutter." in html


def test_passwords_are_stored_as_argon2(make_user: Any) -> None:
    user = make_user("ola", roles=["first_line"], org="politi-oslo")
    assert user.password.startswith("argon2$argon2id$")


def test_account_is_locked_after_repeated_failures(client: Client, make_user: Any) -> None:
    make_user("ola", roles=["first_line"], org="politi-oslo")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "ola", "password": "wrong"})
    # Even the right password is refused while the lock lasts.
    response = client.post("/accounts/login/", {"username": "ola", "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert not response.wsgi_request.user.is_authenticated
    # The page says for how long, from the settings.
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    html = response.content.decode()
    assert f"Etter {settings.AXES_FAILURE_LIMIT} mislykkede innlogginger er kontoen sperret" in html
    assert f"i {minutes} minutter" in html and "en stund" not in html


def test_logout_ends_the_session(client: Client, make_user: Any) -> None:
    user = make_user("ola", roles=["first_line"], org="politi-oslo")
    client.force_login(user)
    client.post("/accounts/logout/")
    response = client.get("/organisations/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_session_expires_after_idle_timeout() -> None:
    assert settings.SESSION_COOKIE_AGE <= 30 * 60
    # idle timeout, renewed at most once a minute rather than written on every request
    # (henvis/tests/test_session_writes.py)
    assert "henvis.web.middleware.SessionIdleRefreshMiddleware" in settings.MIDDLEWARE
    assert settings.HENVIS_SESSION_REFRESH_SECONDS <= 60


def test_login_form_requires_csrf_token(make_user: Any) -> None:
    make_user("ola", roles=["first_line"], org="politi-oslo")
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/accounts/login/", {"username": "ola", "password": TEST_PASSWORD})
    assert response.status_code == 403


def test_login_page_points_to_the_anonymous_identification_guide(client: Client) -> None:
    html = client.get("/accounts/login/").content.decode()
    assert 'href="/screening/"' in html
    assert client.get("/screening/").status_code == 200
