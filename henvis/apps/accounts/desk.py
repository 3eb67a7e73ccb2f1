"""The administrator's home page (issue 15 item 3, "what needs me today" for the system
and organisation administrators): the users they manage who are locked out after failed
log-ins, and those who have not yet replaced a one-time password."""

from __future__ import annotations

from typing import Any

from henvis.apps.accounts.lockout import locked_usernames

SHOWN = 20


def admin_desk(managed: Any) -> dict[str, Any]:
    """``managed``: the users this administrator manages (``views.managed_users``)."""
    active = managed.filter(is_active=True)
    names = dict(active.values_list("username", "pk"))
    locked = [(names[name], name) for name in sorted(locked_usernames(names))]
    waiting = list(active.filter(must_change_password=True).order_by("username").values_list("pk", "username")[:SHOWN])
    return {
        "locked": locked[:SHOWN], "locked_total": len(locked),
        "waiting": waiting, "waiting_total": active.filter(must_change_password=True).count(),
        "users_total": active.count(),
    }
