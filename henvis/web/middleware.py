"""Cross-cutting request handling: authentication everywhere by default, extra headers."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

# Paths anyone may reach. Everything else needs a logged-in user: new pages are
# protected unless somebody deliberately adds them here.
PUBLIC_PREFIXES: tuple[str, ...] = (
    "/accounts/login/",
    "/i18n/",
    "/static/",
    "/screening/",  # the anonymous identification guide (stores nothing)
    "/api/v1/screening",  # the same guidance as JSON
    "/api/v1/openapi.json",
    "/api/v1/docs",
    "/healthz",
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
