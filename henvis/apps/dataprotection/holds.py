"""Legal holds: while one applies, nothing in a case is deleted, neither by the
retention job nor on request. A hold is an open criminal case, a pending decision or
assessment, or a deadline not yet passed (an open referral, a measure or a decision
still running), or an asylum or return procedure still open."""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from henvis.apps.cases.choices import NonPunishmentOutcome, Outcome, ProceedingStage
from henvis.apps.cases.models import (
    Case,
    CriminalProceeding,
    Decision,
    Measure,
    NonPunishmentAssessment,
)
from henvis.apps.referrals.models import OPEN_STATUSES, Referral


def open_proceedings(case_ids: list[int]) -> dict[int, str]:
    """Criminal cases neither dropped nor ended in a final judgment."""
    rows = CriminalProceeding.objects.filter(case_id__in=case_ids).exclude(stage=ProceedingStage.DROPPED).exclude(
        stage=ProceedingStage.JUDGMENT, final=True)
    return {cid: "open criminal case" for cid in rows.values_list("case_id", flat=True)}


def holds(case_ids: list[int], today: date) -> dict[int, list[str]]:
    """For each case under a hold: the holds (codes in English, as the report shows them)."""
    out: dict[int, list[str]] = {}

    def add(ids: object, code: str) -> None:
        for cid in ids:  # type: ignore[attr-defined]
            out.setdefault(cid, [])
            if code not in out[cid]:
                out[cid].append(code)

    add(open_proceedings(case_ids), "open criminal case")
    add(Decision.objects.filter(case_id__in=case_ids, outcome=Outcome.PENDING).values_list("case_id", flat=True),
        "pending decision")
    add(NonPunishmentAssessment.objects.filter(case_id__in=case_ids, outcome=NonPunishmentOutcome.PENDING)
        .values_list("case_id", flat=True), "pending non-punishment assessment")
    add(Decision.objects.filter(case_id__in=case_ids, valid_to__gte=today).values_list("case_id", flat=True),
        "decision still valid")
    add(Measure.objects.filter(Q(end__isnull=True) | Q(end__gte=today), case_id__in=case_ids)
        .values_list("case_id", flat=True), "measure still running")
    add(Referral.objects.filter(case_id__in=case_ids, status__in=OPEN_STATUSES).values_list("case_id", flat=True),
        "referral still open")
    # An asylum or return procedure still open (a removal may still be held on it).
    from henvis.apps.removals.models import Procedure

    add(Procedure.objects.filter(case_id__in=case_ids, closed__isnull=True).values_list("case_id", flat=True),
        "immigration or return procedure still open")
    return out


def case_holds(case: Case, today: date) -> list[str]:
    return holds([case.pk], today).get(case.pk, [])


HOLD_LABELS = {
    "open criminal case": _("open criminal case"),
    "pending decision": _("pending decision"),
    "pending non-punishment assessment": _("pending non-punishment assessment"),
    "decision still valid": _("decision still valid"),
    "measure still running": _("measure still running"),
    "referral still open": _("referral still open"),
    "immigration or return procedure still open": _("immigration or return procedure still open"),
}


def hold_label(code: str) -> str:
    return str(HOLD_LABELS.get(code, code))
