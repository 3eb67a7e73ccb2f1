"""Deadlines derived from the decisions in the cases a user can see, and the referrals
waiting for an answer (``periods.referral_answer_due``).

The date rules themselves are pure functions in ``periods``; this module applies them
to stored decisions and to the visibility rule of ``access``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from henvis.apps.cases import periods
from henvis.apps.cases.access import record_visible, shared_with, visible_cases, visible_referrals
from henvis.apps.cases.choices import CaseStatus, DecisionKind, Outcome
from henvis.apps.cases.models import Case, Decision
from henvis.apps.referrals.models import Referral, ReferralStatus

LABELS: dict[str, Promise] = {
    "reflection_end": _("Reflection period ends"),
    "permit_expiry": _("Residence permit expires"),
    "placement_review": _("Placement review: a new decision is needed (6 weeks)"),
    "placement_maximum": _("Placement reaches the 6-month maximum"),
    "acute_placement_end": _("Acute placement ends"),
    "validity_end": _("Validity ends"),
}


@dataclass(frozen=True)
class Deadline:
    case: Case
    decision: Decision
    kind: str
    due: date
    urgency: periods.Urgency

    @property
    def label(self) -> Promise:
        return LABELS[self.kind]

    @property
    def remind_subject(self) -> str:
        """What a reminder of this deadline names (notifications.services.send_reminder)."""
        return f"decision:{self.decision.pk}:{self.kind}"


def deadlines_of(decision: Decision) -> list[tuple[str, date]]:
    """The deadlines one granted decision creates (``deadlines_for`` leaves out a
    decision once a granted renewal of it is visible)."""
    if decision.outcome != Outcome.GRANTED or decision.valid_from is None:
        return []
    end = decision.valid_to or decision.default_valid_to()
    out: list[tuple[str, date]] = []
    if decision.kind == DecisionKind.CW_INSTITUTION_PLACEMENT:
        first = decision.chain_start() or decision.valid_from
        maximum = periods.placement_maximum_end(first)
        review = end or periods.placement_review(decision.valid_from)
        if review < maximum:
            out.append(("placement_review", review))
        out.append(("placement_maximum", maximum))
        return out
    kind = {
        DecisionKind.REFLECTION_PERIOD: "reflection_end",
        DecisionKind.LIMITED_PERMIT: "permit_expiry",
        DecisionKind.CW_ACUTE_PLACEMENT: "acute_placement_end",
    }.get(DecisionKind(decision.kind), "validity_end")
    if end is not None:
        out.append((kind, end))
    return out


def deadlines_for(user: Any, today: date) -> list[Deadline]:
    """All deadlines in open cases the user sees, from decisions the user may see, by date."""
    cases = visible_cases(user).exclude(status=CaseStatus.CLOSED)
    decisions = list(
        Decision.objects.filter(case__in=cases, outcome=Outcome.GRANTED)
        .select_related("case", "case__person", "renewal_of", "organisation")
    )
    shared = shared_with(user)
    visible = [d for d in decisions if record_visible(user, d.case_id, d.organisation_id, shared)]
    # A deadline is replaced only by a granted renewal the user can see: a pending or
    # refused renewal, or one recorded by an organisation the user cannot see, leaves
    # the deadline standing (issue 16).
    renewed = {d.renewal_of_id for d in visible if d.renewal_of_id is not None}
    out = [
        Deadline(d.case, d, kind, due, periods.urgency(due, today))
        for d in visible
        if d.pk not in renewed and d.valid_from is not None
        for kind, due in deadlines_of(d)
    ]
    return sorted(out, key=lambda x: (x.due, x.case.pk))


@dataclass(frozen=True)
class WaitingReferral:
    """A referral not yet answered: to the user's organisation (``incoming``: answer it)
    or from it (ask the receiver)."""

    referral: Referral
    due: date
    urgency: periods.Urgency
    waiting_days: int
    incoming: bool

    @property
    def remind_subject(self) -> str:
        return f"referral:{self.referral.pk}"


def unanswered_referrals(user: Any, today: date) -> list[WaitingReferral]:
    """The referrals the user's organisation sent or received that are still unanswered,
    the longest overdue first."""
    out = []
    for r in visible_referrals(user).filter(status=ReferralStatus.SENT):
        due = r.answer_due
        assert due is not None
        sent = timezone.localdate(r.sent)
        out.append(WaitingReferral(r, due, periods.urgency(due, today), (today - sent).days,
                                   r.to_organisation_id == user.organisation_id))
    return sorted(out, key=lambda w: (w.due, w.referral.pk))
