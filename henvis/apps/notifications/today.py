"""What needs the logged-in user today (the home page, issue 15 item 3): referrals waiting
for the organisation's answer, answers to its own referrals not yet read, and the
deadlines that have passed or fall within 7 days. Case references only, no names."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from henvis.apps.audit.log import record
from henvis.apps.cases.deadlines import deadlines_for, unanswered_referrals
from henvis.apps.cases.periods import Urgency
from henvis.apps.notifications import services
from henvis.apps.notifications.models import ANSWERS

SHOWN = 20


def today_for(request: HttpRequest) -> dict[str, Any]:
    user: Any = request.user
    today: date = timezone.localdate()
    services.scan_if_due(user.organisation_id, today)
    waiting = unanswered_referrals(user, today)
    incoming = [w for w in waiting if w.incoming]
    overdue_sent = [w for w in waiting if not w.incoming and w.urgency == Urgency.OVERDUE]
    answers = list(services.unread(user).filter(kind__in=ANSWERS).select_related(
        "referral", "referral__to_organisation", "case")[:SHOWN])
    soon_until = today + timedelta(days=services.SOON_DAYS)
    deadlines = [d for d in deadlines_for(user, today) if d.due <= soon_until]
    overdue = [d for d in deadlines if d.due < today]
    soon = [d for d in deadlines if d.due >= today]
    record("deadline.list", request=request, object_type="case",
           detail=f"home rows={len(deadlines)} referrals={len(incoming) + len(overdue_sent)} answers={len(answers)}")
    return {
        "today": today, "incoming": incoming[:SHOWN], "incoming_total": len(incoming),
        "overdue_sent": overdue_sent[:SHOWN], "answers": answers,
        "overdue": overdue[:SHOWN], "overdue_total": len(overdue), "soon": soon[:SHOWN], "soon_total": len(soon),
        "nothing": not (incoming or overdue_sent or answers or deadlines),
    }
