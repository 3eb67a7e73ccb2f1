"""The API's documentation page (/api/v1/docs) is public like the schema it shows, and
works under the content security policy: Swagger UI comes from our own static files,
never from a CDN that the policy blocks (the page was blank)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_docs_page_loads_swagger_from_our_own_static_files(client: Client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert scripts and all(src.startswith("/static/") for src in scripts), scripts
    assert "cdn" not in page.lower()
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy or "default-src 'self'" in policy


def test_the_static_files_it_names_are_served(client: Client, settings: Any) -> None:
    page = client.get("/api/v1/docs").content.decode()
    for src in re.findall(r'(?:src|href)="(/static/ninja/[^"]+)"', page):
        assert client.get(src).status_code == 200, src
