"""Assistance independent of prosecution (issue 18 item 6). The limited residence permit
exists so that prosecution can take place (seed 001 line 536) and many reports are dropped
(seed 001 line 1063); assistance must not end with the criminal case. Two things are
derived from the cases' own records: persons assisted per year, and of them those with no
criminal case at all; and cases whose assistance has ended while their criminal case was
dropped.

"Person" here is a person record of a case; the same person registered by two
organisations counts twice (the linkage in henvis.linkage deduplicates the national person
statistics, not these operational figures)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from henvis.apps.cases.choices import ProceedingStage
from henvis.apps.cases.models import CriminalProceeding, Measure


def yearly_assisted(today: date) -> dict[str, dict[int, int]]:
    """Persons with a measure active in each year; and of them, persons none of whose cases
    has a criminal proceeding recorded."""
    with_proceeding = set(CriminalProceeding.objects.values_list("case__person_id", flat=True))
    assisted: dict[int, set[int]] = defaultdict(set)
    for start, end, person in Measure.objects.values_list("start", "end", "case__person_id"):
        last = min((end or today).year, today.year)
        for year in range(start.year, last + 1):
            assisted[year].add(person)
    return {
        "assisted": {y: len(p) for y, p in assisted.items()},
        "no_criminal_case": {y: n for y, p in assisted.items() if (n := len(p - with_proceeding))},
    }


def ended_with_dropped_case(cases: Any, today: date) -> list[dict[str, Any]]:
    """Of ``cases``: those with a dropped criminal proceeding whose measures have all ended
    (at least one measure, none running today), with the last end date."""
    dropped = set(CriminalProceeding.objects.filter(case__in=cases, stage=ProceedingStage.DROPPED)
                  .values_list("case_id", flat=True))
    ends: dict[int, list[date | None]] = defaultdict(list)
    for case_id, end in Measure.objects.filter(case_id__in=dropped).values_list("case_id", "end"):
        ends[case_id].append(end)
    flagged = {
        case_id: max(e for e in case_ends if e is not None)
        for case_id, case_ends in ends.items()
        if case_ends and all(e is not None and e <= today for e in case_ends)
    }
    return [{"case": c, "ended": flagged[c.pk]} for c in cases.filter(pk__in=flagged).order_by("pk")]
