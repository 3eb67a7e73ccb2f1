"""Only statistics analysts reach the statistics area; every other role gets 403."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

URLS = ["/statistics/", "/statistics/imports/", "/statistics/dark-figure/", "/statistics/chart/persons.png",
        "/statistics/download/returns.xlsx", "/api/v1/statistics/persons"]


@pytest.mark.django_db
@pytest.mark.parametrize("roles", [["first_line"], ["coordinator"], ["org_admin"], ["auditor"], ["system_admin"]])
def test_other_roles_are_refused(client_for: Callable[[list[str]], Client], stored_extract: Any, roles: list[str]) -> None:
    client = client_for(roles)
    for url in URLS:
        assert client.get(url).status_code == 403, url
    assert client.post("/statistics/imports/", {"kind": "registry"}).status_code == 403


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_log_in(stored_extract: Any) -> None:
    response = Client().get("/statistics/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_analyst_sees_the_pages_and_the_menu(client_for: Callable[[list[str]], Client], stored_extract: Any) -> None:
    client = client_for(["analyst"])
    for url in URLS:
        assert client.get(url).status_code == 200, url
    assert b'href="/statistics/"' in client.get("/").content


@pytest.mark.django_db
def test_the_menu_entry_is_hidden_from_others(client_for: Callable[[list[str]], Client]) -> None:
    assert b'href="/statistics/"' not in client_for(["coordinator"]).get("/").content
