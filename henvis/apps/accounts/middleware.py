"""A user whose password an administrator gave (``must_change_password``) reaches
nothing but the password change, the log-out and the language switch until they have
chosen their own."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect

OPEN_PREFIXES = ("/accounts/password/", "/accounts/logout/", "/i18n/", "/static/")


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (user is None or not user.is_authenticated or not getattr(user, "must_change_password", False)
                or request.path.startswith(OPEN_PREFIXES)):
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": "Du må først velge ditt eget passord.",
                                 "detail_en": "Choose your own password first."}, status=403)
        return redirect("accounts:password_change")
