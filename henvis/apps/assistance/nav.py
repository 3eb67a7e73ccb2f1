from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from henvis.apps.statistics.access import is_analyst


def nav_items(request: HttpRequest) -> list[dict[str, str]]:
    if is_analyst(getattr(request, "user", None)):
        return [{"url": reverse("assistance:statistics"), "label": _("Assistance without a criminal case")}]
    return []
