from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from henvis.apps.statistics.access import is_analyst


def nav_items(request: HttpRequest) -> list[dict[str, str]]:
    if not is_analyst(getattr(request, "user", None)):
        return []
    return [
        {"url": reverse("statistics:index"), "label": _("Statistics")},
        {"url": reverse("statistics:upload"), "label": _("Imports")},
    ]
