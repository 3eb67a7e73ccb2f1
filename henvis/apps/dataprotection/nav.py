from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from henvis.apps.accounts.roles import Role


def nav_items(request: HttpRequest) -> list[dict[str, str]]:
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return []
    if user.has_role(Role.AUDITOR) and user.organisation_id is not None:  # type: ignore[union-attr]
        return [{"url": reverse("dataprotection:corrections"), "label": _("Corrections")}]
    return []


# The home page's link for coordinators and administrators (henvis/web/templates/home.html
# writes the same text; it is translated here, in this app's catalogue).
HOME_LINK = gettext_lazy("Data protection: a person's request to see, correct or erase their data")
