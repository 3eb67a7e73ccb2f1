"""The case page's timeline: everything that happened in a case that the user's
organisation may see, in date order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from henvis.apps.cases.access import sharing_organisations, visible_records
from henvis.apps.cases.models import (
    Case,
    CriminalProceeding,
    Decision,
    Measure,
    NonPunishmentAssessment,
    Screening,
)
from henvis.apps.referrals.models import Consent, OwnershipTransfer, Referral

# The URL segment of each kind of record that can be corrected (cases:record_edit).
EDITABLE_KINDS = {"measure": "measures", "decision": "decisions", "proceeding": "proceedings",
                  "non_punishment": "non-punishment"}


@dataclass(frozen=True)
class Event:
    on: date
    kind: str
    title: Any
    record: Any
    organisation: Any

    @property
    def edit_as(self) -> str:
        """The record kind for the edit URL, or "" for events that are not corrected."""
        return EDITABLE_KINDS.get(self.kind, "")


def _day(value: date | datetime | None, fallback: datetime) -> date:
    if value is None:
        return fallback.date()
    return value.date() if isinstance(value, datetime) else value


def timeline(user: Any, case: Case) -> list[Event]:
    org_id = user.organisation_id
    events: list[Event] = []
    # who shares records with the reader here: looked up once for all six kinds of record
    shared = sharing_organisations(case, org_id) if getattr(user, "can_read_cases", False) and org_id else set()

    def visible(queryset: Any) -> Any:
        return visible_records(queryset, user, case, shared)

    for s in visible(Screening.objects.select_related("organisation")):
        events.append(Event(_day(s.created, s.created), "screening", _("Screening"), s, s.organisation))
    for c in visible(Consent.objects.select_related("organisation", "given_to")):
        events.append(Event(c.given_on, "consent", _("Consent recorded"), c, c.organisation))
    referrals = Referral.objects.filter(case=case).select_related("from_organisation", "to_organisation")
    owner = case.organisation_id == org_id
    for r in referrals:
        # The owner sees every referral of its case, onward ones included (issue 16);
        # others only those they sent or received.
        if owner or org_id in (r.from_organisation_id, r.to_organisation_id):
            events.append(Event(_day(r.sent, r.sent), "referral", _("Referral"), r, r.from_organisation))
    for t in OwnershipTransfer.objects.filter(case=case).select_related("from_organisation", "to_organisation"):
        if org_id in (t.from_organisation_id, t.to_organisation_id):
            events.append(Event(_day(t.at, t.at), "transfer", _("Ownership transferred"), t, t.from_organisation))
    for m in visible(Measure.objects.select_related("organisation", "provider")):
        events.append(Event(m.start, "measure", m.get_kind_display(), m, m.organisation))
    for d in visible(Decision.objects.select_related("organisation", "decided_by")):
        events.append(Event(_day(d.decided_on or d.valid_from, d.created), "decision", d.get_kind_display(), d, d.organisation))
    for p in visible(CriminalProceeding.objects.select_related("organisation", "police_district")):
        events.append(Event(_day(p.reported_on, p.created), "proceeding", _("Criminal proceedings"), p, p.organisation))
    for a in visible(NonPunishmentAssessment.objects.select_related("organisation")):
        events.append(Event(a.assessed_on, "non_punishment", _("Non-punishment assessment"), a, a.organisation))
    return sorted(events, key=lambda e: (e.on, e.kind))
