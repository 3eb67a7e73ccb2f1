from __future__ import annotations

from typing import Any

from django import template

from henvis.apps.notifications.services import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def inbox_unread(context: template.Context) -> int | None:
    """The user's unread notifications for the header (None: no inbox for this user)."""
    request: Any = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not getattr(user, "can_read_cases", False):
        return None
    return unread_count(user)
