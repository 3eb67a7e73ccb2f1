"""What this area adds to the deadlines page (cases:dashboard): removals held by a screening
in the user's visible cases, until the referral is answered or the hold is lifted."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest

from henvis.apps.audit.log import record
from henvis.apps.cases.access import visible_cases
from henvis.apps.removals.access import can_lift
from henvis.apps.removals.models import Hold


def sections(request: HttpRequest, today: date) -> list[dict[str, Any]]:
    holds = [
        h for h in Hold.objects.filter(lifted__isnull=True, procedure__case__in=visible_cases(request.user))
        .select_related("procedure__case", "screening__referral__to_organisation")
        if h.active
    ]
    if holds:
        record("procedure.hold_list", request=request, object_type="hold", detail=f"rows={len(holds)}")
    return [{
        "template": "removals/_deadlines.html",
        "holds": [{"hold": h, "can_lift": can_lift(request.user, h.procedure.organisation_id)} for h in holds],
    }]
