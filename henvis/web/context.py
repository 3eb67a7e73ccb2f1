"""Template context shared by every page: the user's roles and the menu.

The areas in ``henvis.web.areas.NAV_AREAS`` offer menu entries with a module
``henvis.apps.<area>.nav`` holding ``nav_items(request) -> list[dict(url=..., label=...)]``."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.http import HttpRequest

from henvis.web.areas import NAV_AREAS


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    roles: set[str] = set()
    items: list[dict[str, str]] = []
    if user is not None and user.is_authenticated:
        roles = set(user.role_slugs())
    if user is None:
        # A page rendered without the middleware (a missing /static/ file answered by
        # the static files handler) has no user: it gets no menu, and no area's menu code
        # has to guard against that itself.
        return {"user_roles": roles, "nav_items": items}
    for area in NAV_AREAS:
        items.extend(import_module(f"henvis.apps.{area}.nav").nav_items(request))
    return {"user_roles": roles, "nav_items": items}
