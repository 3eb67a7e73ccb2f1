"""Each page names itself in the browser's title bar and tab, not just "Henvis"."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _title(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code in (200, 404), (path, response.status_code)
    match = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    assert match, path
    return match.group(1).strip()


def test_pages_of_every_role_have_their_own_title(client: Client, make_user: Any) -> None:
    user = make_user("alle", roles=["org_admin", "auditor"], org="kom")
    client.force_login(user)
    paths = ["/", "/accounts/profile/", "/accounts/password/", "/accounts/users/", "/accounts/users/new/", f"/accounts/users/{user.pk}/",
             "/audit/", "/organisations/", "/no-such-page/"]
    titles = {path: _title(client, path) for path in paths}
    assert all(t.endswith("– Henvis") for t in titles.values()), titles
    assert len(set(titles.values())) == len(paths), titles
    assert titles["/"] == "Forside – Henvis"
    assert titles["/audit/"] == "Logg over innsyn og endringer – Henvis"


def test_the_log_in_and_lockout_pages_have_titles(client: Client, make_user: Any, settings: Any) -> None:
    make_user("ola", roles=["first_line"], org="politi-oslo")
    assert _title(client, "/accounts/login/") == "Logg inn – Henvis"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post("/accounts/login/", {"username": "ola", "password": "wrong"})
    assert "<title>For mange mislykkede innlogginger – Henvis</title>" in response.content.decode()


def test_every_page_template_sets_its_title() -> None:
    """Pages are templates that extend the base page; each fills the title block (a page
    without one would show the bare "Henvis" of the base)."""
    from pathlib import Path

    import henvis

    pages = [p for p in Path(henvis.__file__).parent.rglob("templates/**/*.html")
             if '{% extends "base.html" %}' in p.read_text(encoding="utf-8")]
    assert len(pages) > 20
    untitled = [str(p) for p in pages if "{% block title %}" not in p.read_text(encoding="utf-8")]
    assert not untitled, untitled
