"""Finding cases by case number or by name: the one search the list page and the API
both use. Names are matched through blind indexes, never by their stored value."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from henvis.apps.cases import blind_index
from henvis.apps.cases.models import PersonIndex


def search_cases(user: Any, cases: Any, q: str) -> Any:
    """Filter by case number (HV-2026-000012 or 12) or by name/alias via blind indexes."""
    q = q.strip()
    if not q:
        return cases
    number = blind_index.digits(q.rsplit("-", 1)[-1]) if q.upper().startswith("HV") or q.isdigit() else ""
    tokens = blind_index.name_tokens(q)
    condition = Q(pk=int(number)) if number else Q(pk__in=[])
    if tokens:
        digests = [blind_index.digest("name", t) for t in tokens]
        # Every token of the query must match (AND), each by any of the person's names.
        persons = None
        for d in digests:
            ids = set(PersonIndex.objects.filter(kind="name", digest=d).values_list("person_id", flat=True))
            persons = ids if persons is None else persons & ids
        condition |= Q(person_id__in=persons or [])
    return cases.filter(condition)
