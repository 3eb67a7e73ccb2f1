"""A logged-in browser cannot be made to change anything from another site: every page
and every state-changing API operation refuses a session request without the CSRF token.
(Bearer-token calls from agency systems carry no cookie and need no token.)"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from henvis.apps.accounts.tests.test_every_route_requires_login import (
    PUBLIC_OPERATIONS,
    PUBLIC_PAGES,
    _operations,
    _page_paths,
)
from henvis.apps.cases.models import Case
from henvis.apps.cases.tests.factories import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(make_user: Any) -> tuple[Client, Any]:
    user = make_user("koord", roles=["first_line", "coordinator"], org="rosa")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client, user


def test_every_page_refuses_a_post_without_the_csrf_token(browser: tuple[Client, Any]) -> None:
    client, user = browser
    make_case(user)
    checked = 0
    for path in sorted(_page_paths() - PUBLIC_PAGES):
        response = client.post(path, {"action": "accept"})
        assert response.status_code == 403, (path, response.status_code)
        checked += 1
    assert checked >= 20


def test_every_state_changing_api_operation_refuses_a_session_without_the_csrf_token(
    browser: tuple[Client, Any],
) -> None:
    client, user = browser
    case = make_case(user)
    before = Case.objects.count()
    checked = 0
    for method, path, _op in _operations():
        if method == "get" or (method, path) in PUBLIC_OPERATIONS:
            continue
        url = re.sub(r"\{[a-z_]+\}", str(case.pk), path)
        response = getattr(client, method)(url, data={}, content_type="application/json")
        assert response.status_code in (401, 403), (method, url, response.status_code)
        checked += 1
    assert checked > 10
    assert Case.objects.count() == before
