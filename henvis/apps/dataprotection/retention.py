"""The retention job: what has passed its period (``settings.HENVIS_RETENTION``, see
``policy``) goes, unless a legal hold applies to its case.

* a screening attached to no case: ``screening_unattached`` days after it was saved;
* a closed case, with everything in it: ``case`` days after it was closed;
* in a case that stays: an answered, revoked or completed referral (``referral`` days
  after the answer), a withdrawn consent no referral rests on (``consent``), an ended
  measure (``measure``), a decided decision no later one renews (``decision``, from its
  end of validity or else its decision date), a criminal case with a final judgment
  (``criminal_case``, from the judgment date);
* an anonymous contact never linked to a case: ``contact_unlinked`` days after the
  date of the contact (a linked one goes with its case);
* audit entries past ``audit_entry``: the run of them from the start of the chain is
  pruned up to a signed anchor (``henvis.apps.audit.chain.prune``), so the chain that
  remains still verifies; an old entry after a newer one waits until those before it go.
  A chain that does not verify is not pruned (the report says why).

``plan`` lists what would go (the dry run); ``apply`` deletes it and returns the report.
Reports name records by kind, number, case reference and organisation: never a name."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from henvis.apps.audit import chain
from henvis.apps.audit.log import record
from henvis.apps.audit.models import AuditEntry
from henvis.apps.cases.choices import CaseStatus, Outcome, ProceedingStage
from henvis.apps.cases.models import Case, CriminalProceeding, Decision, Measure, Screening
from henvis.apps.contacts.models import Contact
from henvis.apps.dataprotection import deletion
from henvis.apps.dataprotection.holds import holds
from henvis.apps.dataprotection.models import Reason, RetentionRun
from henvis.apps.organisations.models import Organisation
from henvis.apps.referrals.models import OPEN_STATUSES, Consent, Referral


@dataclass(frozen=True)
class Item:
    kind: str
    number: int
    organisation: str
    case: str  # the case reference ("" for a screening attached to none)
    due: str  # the day the period ended


@dataclass
class Plan:
    today: str
    periods: dict[str, int]
    items: list[Item] = field(default_factory=list)
    held: list[dict[str, Any]] = field(default_factory=list)
    audit_entries_due: int = 0
    audit_entries_prunable: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _cutoff(kind: str, today: date) -> date:
    return today - timedelta(days=settings.HENVIS_RETENTION[kind])


def plan(today: date | None = None) -> Plan:
    today = today or timezone.localdate()
    out = Plan(today=today.isoformat(), periods=dict(settings.HENVIS_RETENTION))
    slugs = dict(Organisation.objects.values_list("pk", "slug"))

    def due(kind: str, start: date) -> str:
        return (start + timedelta(days=settings.HENVIS_RETENTION[kind])).isoformat()

    cutoff = _cutoff("screening_unattached", today)
    for s in Screening.objects.filter(case__isnull=True).order_by("pk"):
        if timezone.localdate(s.created) <= cutoff:
            out.items.append(Item("screening_unattached", s.pk, slugs[s.organisation_id], "",
                                  due("screening_unattached", timezone.localdate(s.created))))
    cases = list(Case.objects.order_by("pk"))
    held = holds([c.pk for c in cases], today)
    going: set[int] = set()
    for c in cases:
        expired = c.status == CaseStatus.CLOSED and c.closed is not None and c.closed <= _cutoff("case", today)
        if c.pk in held:
            if expired:
                out.held.append({"case": c.reference, "organisation": slugs[c.organisation_id],
                                 "holds": held[c.pk]})
            continue
        if expired and c.closed is not None:
            going.add(c.pk)
            out.items.append(Item("case", c.pk, slugs[c.organisation_id], c.reference, due("case", c.closed)))
    staying = {c.pk: c for c in cases if c.pk not in going and c.pk not in held}
    for kind, rows in _records(staying, today):
        for row, start in rows:
            out.items.append(Item(kind, row.pk, slugs[row.organisation_id if hasattr(row, "organisation_id")
                                                      else row.from_organisation_id],
                                  staying[row.case_id].reference, due(kind, start)))
    cutoff = _cutoff("contact_unlinked", today)
    for contact in Contact.objects.filter(case__isnull=True, contact_date__lte=cutoff).order_by("pk"):
        out.items.append(Item("contact_unlinked", contact.pk, slugs[contact.organisation_id], "",
                              due("contact_unlinked", contact.contact_date)))
    out.audit_entries_due = AuditEntry.objects.filter(at__lt=_audit_before(today)).count()
    out.audit_entries_prunable = chain.prune(_audit_before(today), dry_run=True).entries
    return out


def _audit_before(today: date) -> datetime:
    """Entries written before the start of the day after the audit period's cut-off."""
    day = _cutoff("audit_entry", today) + timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time.min))


def _records(cases: dict[int, Case], today: date) -> list[tuple[str, list[tuple[Any, date]]]]:
    """Records past their own period in cases that stay."""
    ids = list(cases)
    referrals = [(r, timezone.localdate(r.answered or r.sent)) for r in
                 Referral.objects.filter(case_id__in=ids).exclude(status__in=OPEN_STATUSES).order_by("pk")]
    consents = [(c, c.withdrawn_on) for c in
                Consent.objects.filter(case_id__in=ids, withdrawn_on__isnull=False).order_by("pk")]
    measures = [(m, m.end) for m in Measure.objects.filter(case_id__in=ids, end__isnull=False).order_by("pk")]
    decisions = [(d, d.valid_to or d.decided_on) for d in
                 Decision.objects.filter(case_id__in=ids).exclude(outcome=Outcome.PENDING).order_by("pk")
                 if (d.valid_to or d.decided_on) is not None]
    proceedings = [(p, p.judgment_on) for p in
                   CriminalProceeding.objects.filter(case_id__in=ids, stage=ProceedingStage.JUDGMENT, final=True,
                                                     judgment_on__isnull=False).order_by("pk")]
    out: list[tuple[str, list[tuple[Any, date]]]] = []
    for kind, rows in (("referral", referrals), ("consent", consents), ("measure", measures),
                       ("decision", decisions), ("criminal_case", proceedings)):
        cutoff = _cutoff(kind, today)
        out.append((kind, [(row, start) for row, start in rows if start is not None and start <= cutoff]))
    return out


MODELS: dict[str, type[models.Model]] = {
    "screening_unattached": Screening, "referral": Referral, "consent": Consent, "measure": Measure,
    "decision": Decision, "criminal_case": CriminalProceeding, "contact_unlinked": Contact,
}


@transaction.atomic
def apply(the_plan: Plan) -> dict[str, Any]:
    """Delete what the plan lists; a record another still points at stays (reported)."""
    report = the_plan.as_dict()
    report["deleted"], report["kept"], report["persons_deleted"] = [], [], 0
    org_ids = dict(Organisation.objects.values_list("slug", "pk"))
    # Records before cases, and decisions that renew others before those they renew.
    for item in sorted(the_plan.items, key=lambda i: (i.kind == "case", -i.number)):
        org_id = org_ids[item.organisation]
        if item.kind == "case":
            case = Case.objects.filter(pk=item.number).select_related("person").first()
            if case is None:
                continue
            person = case.person
            deletion.delete_case(case, Reason.RETENTION)
            report["persons_deleted"] += deletion.delete_person_if_unused(person, org_id, Reason.RETENTION)
            report["deleted"].append(asdict(item))
            continue
        row = MODELS[item.kind].objects.filter(pk=item.number).first()  # type: ignore[attr-defined]
        if row is not None and deletion.delete_record(row, org_id, Reason.RETENTION):
            report["deleted"].append(asdict(item))
        elif row is not None:
            report["kept"].append({**asdict(item), "why": "another record refers to it"})
    report["deleted"].sort(key=lambda i: (i["kind"], i["number"]))
    report["audit_entries_pruned"], report["audit_prune_refused"] = 0, ""
    try:
        report["audit_entries_pruned"] = chain.prune(_audit_before(date.fromisoformat(the_plan.today))).entries
    except chain.PruneRefused as refused:
        # Nothing is pruned from a chain that does not verify; the records above still go.
        report["audit_prune_refused"] = str(refused)
    return report


def run(*, dry_run: bool, today: date | None = None) -> RetentionRun:
    """Plan, apply unless ``dry_run``, keep the report and audit the run."""
    the_plan = plan(today)
    report = the_plan.as_dict() if dry_run else apply(the_plan)
    run = RetentionRun.objects.create(dry_run=dry_run, report=report)
    record("dataprotection.retention_dry_run" if dry_run else "dataprotection.retention",
           object_type="retentionrun", object_id=run.pk,
           detail=f"items={len(the_plan.items)} held={len(the_plan.held)}")
    return run
