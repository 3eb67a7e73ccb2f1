"""Cross-cutting request handling: authentication everywhere by default, extra headers."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

# Paths anyone may reach. Everything else needs a logged-in user: new pages are
# protected unless somebody deliberately adds them here.
PUBLIC_PREFIXES: tuple[str, ...] = (
    "/accounts/login/",
    "/i18n/",
    "/static/",
    "/screening/",  # the anonymous identification guide (stores nothing)
    "/training/scenarios/",  # training scenarios (issue 18): anonymous, stores nothing about the trainee
    "/api/v1/screening",  # the same guidance as JSON
    "/api/v1/openapi.json",
    "/api/v1/docs",
    "/healthz",
    "/health/",  # database and cache status only, no personal data
    "/accessibility/",  # the accessibility statement (tilgjengelighetserklæring)
)


def is_public(path: str) -> bool:
    return path.startswith(PUBLIC_PREFIXES)


class LoginRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_public(request.path) or request.user.is_authenticated:
            return self.get_response(request)
        # The REST API authenticates with tokens itself; it answers 401, never a redirect.
        if request.path.startswith("/api/"):
            return self.get_response(request)
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)


class RefusedAccessAuditMiddleware:
    """A logged-in user's refused access (403, or 404 on an object id: what does not
    exist *or is not theirs*, the two answer alike) is audited, so that somebody trying other
    organisations' case or referral ids shows in the log. Per address at most
    ``HENVIS_REFUSED_ACCESS_RATE`` are audited; past it the address gets 429 and no
    further entries until the window ends, so probing cannot flood the log."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from henvis.apps.audit.log import record
        from henvis.web.client import client_address, exhausted, hit

        if is_public(request.path):
            return self.get_response(request)
        from henvis.apps.audit.log import refused_case

        address = client_address(request)
        rate = settings.HENVIS_REFUSED_ACCESS_RATE
        wait = exhausted("refused-access", address, rate)
        if wait:
            return _too_many_refused(request, wait)
        token = refused_case.set(None)
        try:
            response = self.get_response(request)
            case_id = refused_case.get()
        finally:
            refused_case.reset(token)
        # Read after the view: an API token authenticates inside it.
        user = getattr(request, "user", None)
        refused = _is_refusal(request.path, response.status_code) or (
            case_id is not None and response.status_code in (403, 404))
        if refused and user is not None and user.is_authenticated:
            hit("refused-access", address, rate)
            # The path names the object by type and id only (names never go in URLs);
            # the query string is left out. A case named in the query or the body is
            # added as case=<id>, which the audit search finds by the case's number.
            detail = f"{request.method} {response.status_code}"
            if case_id is not None and not re.search(rf"/{case_id}(/|$)", request.path):
                detail += f" case={case_id}"
            record("access.refused", request=request, object_type="path", object_id=request.path[:64],
                   detail=detail)
        return response


def _is_refusal(path: str, status: int) -> bool:
    """A 403 always; a 404 when the path names an object by id (``/cases/17/``), which
    is how another organisation's case or referral answers. A browser's automatic
    ``/favicon.ico`` or a mistyped page is not an attempt on anyone's data."""
    return status == 403 or (status == 404 and re.search(r"/\d+(/|$)", path) is not None)


def _too_many_refused(request: HttpRequest, wait: int) -> HttpResponse:
    if request.path.startswith("/api/"):
        response: HttpResponse = json_error(
            429, "For mange avviste forespørsler fra denne adressen; prøv igjen om litt.",
            "Too many refused requests from this address; try again shortly.")
    else:
        response = render(request, "429.html", {"seconds": wait}, status=429)
    response["Retry-After"] = str(wait)
    return response


class SessionIdleRefreshMiddleware:
    """The idle timeout without a session write on every request.

    Django's SESSION_SAVE_EVERY_REQUEST rewrites the session row on every page view of
    every user. Here a session that holds something is renewed (its expiry moved
    SESSION_COOKIE_AGE ahead) only when its last renewal is older than
    HENVIS_SESSION_REFRESH_SECONDS; otherwise it is written only when its contents change.
    A session therefore ends between SESSION_COOKIE_AGE minus that interval and
    SESSION_COOKIE_AGE after the last request."""

    KEY = "_henvis_renewed"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "henvis_passive", False):
            return response  # a background poll (the inbox count) is not the user's activity
        session = getattr(request, "session", None)
        # an empty session (anonymous visitor, or just logged out) is never stored
        if session is not None and not session.is_empty() and not session.modified:
            now = int(time.time())
            if now - int(session.get(self.KEY, 0)) >= settings.HENVIS_SESSION_REFRESH_SECONDS:
                session[self.KEY] = now
        elif session is not None and session.modified and not session.is_empty():
            session[self.KEY] = int(time.time())  # written anyway: that is a renewal too
        return response


class NorwegianByDefaultMiddleware:
    """Norwegian Bokmål unless the user chose English with the language switch.

    Django would otherwise follow the browser's Accept-Language header, so a worker on
    an English-language browser would get English without asking for it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if request.user.is_authenticated if hasattr(request, "user") else False:
            # Pages with personal data must not stay in shared browser caches.
            response.headers.setdefault("Cache-Control", "no-store")
        return response


class FriendlyMethodNotAllowedMiddleware:
    """Django answers a GET on an address that only takes a form (``require_POST``, e.g.
    a bookmarked or retyped action URL) with an empty 405; people get a page that says
    what happened and where to go. The API keeps its own answers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (response.status_code != 405 or request.path.startswith("/api/") or response.streaming
                or response.content):
            return response
        friendly = render(request, "405.html", status=405)
        if response.has_header("Allow"):
            friendly["Allow"] = response["Allow"]
        return friendly


def json_error(status: int, message_nb: str, message_en: str) -> JsonResponse:
    """An API refusal in the shape the API's own errors have (Bokmål and English)."""
    return JsonResponse({"detail": message_nb, "detail_en": message_en}, status=status)
