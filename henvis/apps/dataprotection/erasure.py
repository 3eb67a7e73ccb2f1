"""Erasure on request (GDPR art. 17): the person's data in the requesting organisation
are deleted where its legal basis allows and no legal hold applies. Open referrals of
the erased cases are revoked and each receiver gets a notice with no personal data.

What goes: the organisation's cases of the person (with every record, consent and
referral in them), the records and consents the organisation added to other
organisations' cases of the person, and the person's identifying data when no other
organisation's case refers to them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from henvis.apps.audit.log import record
from henvis.apps.cases.models import Case
from henvis.apps.dataprotection import deletion
from henvis.apps.dataprotection.access_report import CASE_RECORDS
from henvis.apps.dataprotection.holds import hold_label, holds
from henvis.apps.dataprotection.legal_bases import basis_of
from henvis.apps.dataprotection.models import Reason, ReceiverNotice, Tombstone
from henvis.apps.referrals.crossborder import mechanism
from henvis.apps.referrals.models import (
    OPEN_STATUSES,
    Consent,
    CrossBorderConsent,
    Referral,
    ReferralStatus,
)

# Erasure revokes the open referrals itself, so they are no hold against it.
NOT_A_HOLD_FOR_ERASURE = {"referral still open"}


class ErasureRefused(Exception):
    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@dataclass
class ErasureResult:
    cases: list[str] = field(default_factory=list)
    records: int = 0
    referrals_revoked: int = 0
    notices: int = 0
    person_deleted: bool = False
    # Contact points abroad that were sent a referral file about the person: Henvis cannot
    # tell them (the file left by another channel), so the user is asked to (art. 19).
    abroad: list[str] = field(default_factory=list)


def refusals(case: Case) -> list[str]:
    """Why the person's data in the case owner's organisation cannot be erased now."""
    reasons = []
    basis = basis_of(case.organisation.kind)
    if not basis.erasure_on_request:
        reasons.append(_("The organisation processes these data on a legal basis that gives no right to erasure "
                         "on request: %(basis)s (GDPR art. 17(3)(b)).") % {"basis": basis.label})
    own = list(Case.objects.filter(person_id=case.person_id, organisation_id=case.organisation_id))
    found = holds([c.pk for c in own], timezone.localdate())
    for c in own:
        for hold in found.get(c.pk, []):
            if hold not in NOT_A_HOLD_FOR_ERASURE:
                reasons.append(_("A legal hold applies to case %(ref)s: %(hold)s.") % {"ref": c.reference,
                                                                                        "hold": hold_label(hold)})
    return reasons


def erase(request: HttpRequest, case: Case) -> ErasureResult:
    """Erase the person of ``case`` in the user's organisation (the caller has checked that
    the user may act for the organisation that owns the case). Raises ``ErasureRefused``
    (and the refusal is audited)."""
    reasons = refusals(case)
    if reasons:
        record("dataprotection.erasure_refused", request=request, object_type="person", object_id=case.person_id,
               detail=f"reasons={len(reasons)}")
        raise ErasureRefused(reasons)
    return _erase(request, case)


@transaction.atomic
def _erase(request: HttpRequest, case: Case) -> ErasureResult:
    user: Any = request.user
    org_id = case.organisation_id
    if refusals(case):  # checked again inside the transaction: a hold may have appeared
        raise ErasureRefused(refusals(case))
    person = case.person
    result = ErasureResult()
    started = timezone.now()
    own = list(Case.objects.filter(person=person, organisation_id=org_id))
    for referral in Referral.objects.filter(case__in=own, status__in=OPEN_STATUSES).select_related("case"):
        referral.status = ReferralStatus.REVOKED
        referral.answered = referral.answered or timezone.now()
        referral.save(update_fields=["status", "answered"])
        record("referral.revoked", request=request, object_type="referral", object_id=referral.pk,
               detail="erasure")
        ReceiverNotice.objects.create(organisation_id=referral.to_organisation_id, sender_id=org_id,
                                      referral_number=referral.pk, reason=Reason.REQUEST)
        result.referrals_revoked += 1
        result.notices += 1
    for sent in CrossBorderConsent.objects.filter(case__in=own, exports__isnull=False).distinct().order_by("pk"):
        point = mechanism(sent.contact_point)
        where = f"{point['name']} ({point['email']})" if point and point.get("email") else (
            point["name"] if point else sent.contact_point)
        if where not in result.abroad:
            result.abroad.append(where)
    # What the organisation added to other organisations' cases of the person.
    others = Case.objects.filter(person=person).exclude(organisation_id=org_id)
    for _key, model in CASE_RECORDS:
        for row in model.objects.filter(case__in=others, organisation_id=org_id):  # type: ignore[attr-defined]
            result.records += deletion.delete_record(row, org_id, Reason.REQUEST)
    for consent in Consent.objects.filter(case__in=others, organisation_id=org_id):
        result.records += deletion.delete_record(consent, org_id, Reason.REQUEST)
    for c in own:
        result.cases.append(c.reference)
        deletion.delete_case(c, Reason.REQUEST)
    person_id = person.pk
    result.person_deleted = deletion.delete_person_if_unused(person, org_id, Reason.REQUEST)
    record("dataprotection.erasure", user=user, request=request, object_type="person", object_id=person_id,
           detail=f"cases={len(result.cases)} records={result.records} revoked={result.referrals_revoked} "
                  f"person_deleted={int(result.person_deleted)} abroad={len(result.abroad)}")
    # The tombstones date from after the erasure's own audit entry: everything about these
    # ids written up to then belongs to the erased person (SQLite may reuse the ids).
    Tombstone.objects.filter(erased_at__gte=started).update(erased_at=timezone.now())
    return result
