from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from henvis.apps.removals.access import can_screen


def nav_items(request: HttpRequest) -> list[dict[str, str]]:
    if can_screen(getattr(request, "user", None)):
        return [{"url": reverse("removals:list"), "label": _("Asylum and return screening")}]
    return []
