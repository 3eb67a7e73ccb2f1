"""Template context shared by every page: the user's roles and the menu.

Each area of the product may offer menu entries with a module ``henvis.apps.<area>.nav``
holding ``nav_items(request) -> list[dict(url=..., label=...)]``."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.apps import apps
from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    roles: set[str] = set()
    items: list[dict[str, str]] = []
    if user is not None and user.is_authenticated:
        roles = set(user.role_slugs())
    for config in apps.get_app_configs():
        if not config.name.startswith("henvis.apps."):
            continue
        try:
            module = import_module(f"{config.name}.nav")
        except ModuleNotFoundError:
            continue
        items.extend(module.nav_items(request))
    return {"user_roles": roles, "nav_items": items}
