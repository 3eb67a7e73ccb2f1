from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _


def nav_items(request: HttpRequest) -> list[dict[str, str]]:
    return [{"url": reverse("training:index"), "label": _("Training")}]
