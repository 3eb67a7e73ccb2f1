from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _


def nav_items(request: HttpRequest) -> list[dict[str, str]]:
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "can_read_cases", False):
        # A short label: the menu must fit one line at 1280 px.
        return [{"url": reverse("contacts:list"), "label": _("Contacts")}]
    return []
