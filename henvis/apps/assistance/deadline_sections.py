"""On the deadlines page: cases whose assistance has ended while the criminal case was dropped."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest

from henvis.apps.assistance.figures import ended_with_dropped_case
from henvis.apps.audit.log import record
from henvis.apps.cases.access import visible_cases


def sections(request: HttpRequest, today: date) -> list[dict[str, Any]]:
    if not getattr(request.user, "can_read_cases", False):
        return []
    items = ended_with_dropped_case(visible_cases(request.user), today)
    if items:
        record("case.list", request=request, object_type="case", detail=f"assistance ended, case dropped rows={len(items)}")
    return [{"template": "assistance/_deadlines.html", "items": items}]
