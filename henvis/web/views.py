from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    """After log-in, a caseworker sees what needs them today (issue 15 item 3); other roles
    (analyst, auditor, administrators) see where their work is."""
    user: Any = request.user
    context: dict[str, Any] = {}
    if getattr(user, "can_read_cases", False):
        from henvis.apps.notifications.today import today_for

        context["work"] = today_for(request)
    return render(request, "home.html", context)


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (tilgjengelighetserklæring): what is tested and how."""
    return render(request, "accessibility.html", {})
