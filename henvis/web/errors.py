"""The answer when a request fails on the way to the database (PostgreSQL restarting,
its connections ended, the network to it gone): 503 with a page in the user's language
that asks them to try again, not Django's 500. The next request opens a new connection
(CONN_HEALTH_CHECKS), so the service recovers by itself once the database is back.

Django calls ``handler500`` inside its ``except`` block for any exception a view or a
middleware raised, so the exception is still in ``sys.exc_info()`` here. Nothing on this
path may touch the database: the page is rendered without the request's context
processors (no user, no session, no menu)."""

from __future__ import annotations

import sys

from django import db
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation

RETRY_AFTER_SECONDS = 10


def database_unavailable(exc: BaseException | None) -> bool:
    """The database could not be reached or dropped the connection (not a failed query:
    a constraint or a bad statement is a programming error and stays a 500)."""
    return isinstance(exc, (db.OperationalError, db.InterfaceError))


def _language(request: HttpRequest) -> str:
    # Bokmål unless the user chose English with the language switch (its cookie), as
    # NorwegianByDefaultMiddleware decides for every page; the browser's header is ignored.
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def server_error(request: HttpRequest) -> HttpResponse:
    if not database_unavailable(sys.exc_info()[1]):
        return HttpResponse(render_to_string("500.html"), status=500)
    with translation.override(_language(request)):
        if request.path.startswith("/api/"):
            response: HttpResponse = JsonResponse(
                {"detail": str(translation.gettext("The service is briefly unavailable. Try again in a moment."))},
                status=503)
        else:
            response = HttpResponse(render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
