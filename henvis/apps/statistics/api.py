"""REST API for analysts (mounted at /api/v1/statistics/): the released figures only."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema, Status

from henvis.apps.audit.log import record
from henvis.apps.statistics.access import is_analyst
from henvis.apps.statistics.sources import current_extract, person_statistics
from henvis.stats.disclosure import DisclosureRule
from henvis.stats.persons.output import released_summary
from henvis.web.lib.api_errors import ErrorOut

router = Router(tags=["statistics"])


class YearFigures(Schema):
    year: int
    registrations: int
    persons: str
    persons_low: str
    persons_high: str
    first_time: str
    assisted: str
    difference: str


@router.get("/persons", response={200: list[YearFigures], 403: ErrorOut},
            summary="Unique persons per year (released figures)")
def persons(request: HttpRequest) -> list[dict[str, object]] | Status:
    """Unique persons per year with the linkage interval; ":" marks a suppressed figure."""
    if not is_analyst(request.user):
        return Status(403, {"detail": "Bare for statistikkanalytikere / Statistics analysts only",
                            "detail_en": "Statistics analysts only"})
    extract = current_extract()
    if extract is None:
        return []
    summary = released_summary(person_statistics(extract), DisclosureRule())
    record("statistics.api", request=request, object_type="statistics", detail="persons")
    return [
        {k: (int(v) if k in ("year", "registrations") else str(v)) for k, v in row.items()}
        for row in summary.to_dict("records")
    ]
