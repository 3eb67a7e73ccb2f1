"""The statistics area belongs to the national coordination unit's analysts. The analyst
role held in another organisation (however it was given) opens nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from henvis.apps.statistics.tests.test_analyst_only import URLS


@pytest.mark.django_db
def test_analyst_role_in_another_organisation_is_refused(make_user: Any, stored_extract: Any) -> None:
    client = Client()
    client.force_login(make_user("rosa-analytiker", roles=["analyst"], org="rosa"))
    for url in URLS:
        assert client.get(url).status_code == 403, url
    assert client.post("/statistics/imports/", {"kind": "extract"}).status_code == 403
    assert b'href="/statistics/"' not in client.get("/").content


@pytest.mark.django_db
def test_analyst_without_organisation_is_refused(make_user: Any, stored_extract: Any) -> None:
    client = Client()
    client.force_login(make_user("ana", roles=["analyst"]))
    assert client.get("/statistics/").status_code == 403
