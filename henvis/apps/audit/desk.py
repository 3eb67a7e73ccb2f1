"""The auditor's home page (issue 15 item 3, "what needs me today" for the auditor): what
happened in the last 7 days that an auditor looks into first, counted over the entries
the auditor may search, and how far the chain is sealed. Counts only: no names."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Count, Max
from django.utils import timezone

from henvis.apps.audit.models import AuditPending, AuditSeal

DAYS = 7

# The actions worth a look, in the order the page lists them.
WATCHED = ("access.refused", "login.failed", "login.lockout", "api.token_failed",
           "dataprotection.erasure", "dataprotection.access_request", "user.password_reset")


def auditor_desk(scope: Any) -> dict[str, Any]:
    """``scope``: the entries the auditor may search (``audit.views.auditor_scope``)."""
    since = timezone.now() - timedelta(days=DAYS)
    counts = dict(scope.filter(at__gte=since, action__in=WATCHED).order_by()
                  .values_list("action").annotate(n=Count("pk")))
    return {
        "days": DAYS,
        "watched": [(action, counts.get(action, 0)) for action in WATCHED],
        "entries": scope.filter(at__gte=since).count(),
        "last_sealed": AuditSeal.objects.aggregate(last=Max("sealed_at"))["last"],
        "pending": AuditPending.objects.count(),
        "since": since,
    }

