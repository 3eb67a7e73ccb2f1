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
    if getattr(user, "is_authenticated", False):
        context.update(_desks(user))
    return render(request, "home.html", context)


def _desks(user: Any) -> dict[str, Any]:
    """What the roles without cases look at first: the analyst the figures' inputs, the
    auditor the week's refusals and the chain, an administrator locked-out users."""
    from henvis.apps.accounts.roles import Role

    desks: dict[str, Any] = {}
    if user.has_role(Role.ANALYST):
        from henvis.apps.statistics.desk import analyst_desk

        desks["analyst_desk"] = analyst_desk()
    if user.has_role(Role.AUDITOR):
        from henvis.apps.audit.desk import auditor_desk
        from henvis.apps.audit.views import auditor_scope

        desks["auditor_desk"] = auditor_desk(auditor_scope(user)[0])
    if user.can_manage_users:
        from henvis.apps.accounts.desk import admin_desk
        from henvis.apps.accounts.views import managed_users

        desks["admin_desk"] = admin_desk(managed_users(user))
    return desks


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (tilgjengelighetserklæring): what is tested and how."""
    return render(request, "accessibility.html", {})
