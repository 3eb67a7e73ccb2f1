"""Every route the application serves needs a logged-in user (pages) or a token or
session (API), except an explicit, short list of public routes. The routes are found by
walking Django's URL resolver and the OpenAPI document, so a route added later without
authentication fails here without anybody remembering to add it to a list."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls.converters import get_converters

from henvis.apps.accounts.tests.routes import url_routes
from henvis.web.api import api
from henvis.web.middleware import is_public

pytestmark = pytest.mark.django_db

# Every route anyone may reach without logging in. Adding one is a deliberate change here.
PUBLIC_PAGES = {
    "/accessibility/",  # the accessibility statement (tilgjengelighetserklæring)
    "/accounts/login/",
    "/healthz",
    "/health/",
    "/i18n/setlang/",
    "/screening/",
    "/screening/rights/x/",
    "/training/scenarios/",
    "/training/scenarios/x/",
}
PUBLIC_OPERATIONS = {
    ("post", "/api/v1/screening"),
    ("get", "/api/v1/screening/indicators"),
}


def _value(converter: str) -> str:
    """A value the converter accepts, so that the request reaches the view."""
    fixed = {"int": "1", "uuid": "00000000-0000-0000-0000-000000000001", "str": "x", "slug": "x", "path": "x"}
    return fixed.get(converter) or get_converters()[converter].regex.split("|")[0]


def _concrete(route: str) -> str:
    """A request path for a route: converters and regex groups filled with a value."""
    path = re.sub(r"<(?:([a-z_]+):)?[a-z_]+>", lambda m: _value(m.group(1) or "str"), route)
    path = re.sub(r"\(\?P<[a-z_]+>[^)]*\)", "x", path)
    return "/" + path.replace("^", "").replace("$", "").replace("\\", "")


def _page_paths() -> set[str]:
    return {_concrete(r) for r in url_routes() if not r.startswith("api/")}


def _operations() -> list[tuple[str, str, dict]]:  # type: ignore[type-arg]
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return [
        (method, path, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in {"get", "post", "put", "patch", "delete"}
    ]


def test_the_walk_finds_the_routes() -> None:
    pages = _page_paths()
    assert {"/cases/", "/cases/1/", "/cases/1/measures/new/", "/referrals/1/answer/", "/statistics/", "/audit/",
            "/accounts/users/"} <= pages
    operations = {(m, p) for m, p, _ in _operations()}
    assert ("get", "/api/v1/cases/{case_id}") in operations
    assert ("post", "/api/v1/referrals/{referral_id}/accept") in operations
    assert len(operations) > 20


def test_only_the_listed_pages_are_public() -> None:
    public = {p for p in _page_paths() if is_public(p)}
    assert public == PUBLIC_PAGES


def test_every_other_page_sends_anonymous_users_to_login(client: Client) -> None:
    checked = 0
    for path in sorted(_page_paths() - PUBLIC_PAGES):
        for method in (client.get, client.post):
            response = method(path)
            assert response.status_code == 302, (method.__name__, path, response.status_code)
            assert response["Location"].startswith("/accounts/login/"), path
        checked += 1
    assert checked >= 20


def test_every_api_operation_declares_authentication() -> None:
    open_ops = {(m, p) for m, p, op in _operations() if not op.get("security")}
    assert open_ops == PUBLIC_OPERATIONS


def test_every_api_operation_refuses_anonymous_callers(client: Client) -> None:
    checked = 0
    for method, path, _op in _operations():
        if (method, path) in PUBLIC_OPERATIONS:
            continue
        url = re.sub(r"\{[a-z_]+\}", "1", path)
        response = getattr(client, method)(url, data={}, content_type="application/json")
        assert response.status_code == 401, (method, url, response.status_code)
        checked += 1
    assert checked > 20


def test_a_bad_token_is_no_better_than_none(client: Client) -> None:
    for method, path, _op in _operations():
        if (method, path) in PUBLIC_OPERATIONS or method != "get":
            continue
        url = re.sub(r"\{[a-z_]+\}", "1", path)
        response = client.get(url, headers={"Authorization": "Bearer hv_not-a-token"})
        assert response.status_code == 401, url
