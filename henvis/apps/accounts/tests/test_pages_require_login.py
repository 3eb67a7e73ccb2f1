"""Every page needs a logged-in user except the deliberately public ones."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from henvis.apps.accounts.tests.routes import url_routes
from henvis.web.middleware import is_public

pytestmark = pytest.mark.django_db


def _paths() -> list[str]:
    paths = []
    for route in url_routes():
        # Fill path converters with a plausible value.
        path = re.sub(r"<(?:int:)?[a-z_]+>", "1", route)
        path = re.sub(r"<(?:uuid:)[a-z_]+>", "00000000-0000-0000-0000-000000000001", path)
        path = re.sub(r"<[a-z]+:[a-z_]+>", "x", path).replace("^", "").replace("$", "")
        paths.append("/" + path)
    return paths


def test_every_non_public_page_redirects_anonymous_users_to_login(client: Client) -> None:
    paths = [p for p in _paths() if not p.startswith("/api/")]
    checked = 0
    for path in paths:
        if is_public(path) or "(?P" in path:
            continue
        response = client.get(path)
        assert response.status_code in (302, 405), path
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/"), path
        checked += 1
    assert checked >= 5


def test_public_anonymous_paths_are_few() -> None:
    assert is_public("/accounts/login/")
    assert not is_public("/organisations/")
    assert not is_public("/audit/")
