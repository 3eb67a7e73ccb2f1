"""The user of the request being served, for the correction history (a model signal
does not see the request)."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

acting_user: ContextVar[Any] = ContextVar("acting_user", default=None)


class ActingUserMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = acting_user.set(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            acting_user.reset(token)
