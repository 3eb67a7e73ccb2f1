from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _


def nav_items(request: HttpRequest) -> list[dict[str, str]]:
    # getattr: a page rendered without the middleware (a missing /static/ file) has no user.
    if not getattr(getattr(request, "user", None), "can_read_cases", False):
        return []
    return [{"url": reverse("referrals:inbox"), "label": _("Referrals")}]
