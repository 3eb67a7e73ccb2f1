"""Deleting a case or a record for good, leaving a tombstone for each row that goes.

Shared by erasure on request and the retention job. The audit log is not touched: its
entries name records by type and id, keep their hashes, and the chain stays verifiable;
the tombstone records that the id was erased (see docs/dataprotection.md, "Erasure and
the audit log")."""

from __future__ import annotations

from django.db import models

from henvis.apps.cases.models import Case, Decision, Person
from henvis.apps.dataprotection.access_report import CASE_RECORDS
from henvis.apps.dataprotection.models import Tombstone
from henvis.apps.referrals.models import Consent, OwnershipTransfer, Referral


def tombstone(obj: models.Model, organisation_id: int, reason: str, reference: str = "") -> Tombstone:
    return Tombstone.objects.create(object_type=obj._meta.model_name or "", object_id=str(obj.pk),
                                    organisation_id=organisation_id, reference=reference, reason=reason)


def delete_case(case: Case, reason: str) -> None:
    """The case with everything in it (records, consents, referrals, hand-overs)."""
    rows: list[models.Model] = []
    for _key, model in CASE_RECORDS:
        rows += list(model.objects.filter(case=case))  # type: ignore[attr-defined]
    for model in (Consent, Referral, OwnershipTransfer):
        rows += list(model.objects.filter(case=case))  # type: ignore[attr-defined]
    # Closed asylum/return procedures (an open one is a legal hold): their screenings
    # protect the referrals they sent, so they go first, with their screenings and holds.
    from henvis.apps.removals.models import Procedure

    procedures = list(Procedure.objects.filter(case=case))
    rows += procedures
    for row in rows:
        tombstone(row, row.organisation_id if hasattr(row, "organisation_id") else case.organisation_id, reason)
    tombstone(case, case.organisation_id, reason, reference=case.reference)
    # Referrals and hand-overs protect the consents they rest on, and a decision protects
    # the one it renews: delete those first (Django refuses a cascade that crosses them).
    for procedure in procedures:
        procedure.delete()
    Referral.objects.filter(case=case).delete()
    OwnershipTransfer.objects.filter(case=case).delete()
    decisions = Decision.objects.filter(case=case)
    while decisions.exists():
        renewed = Decision.objects.filter(renewal_of__isnull=False, case=case).values("renewal_of")
        decisions.exclude(pk__in=renewed).delete()
    case.delete()


def delete_person_if_unused(person: Person, organisation_id: int, reason: str) -> bool:
    """The person's identifying data go with the last case that refers to them; while
    another organisation's case does, they stay for that case (its own legal basis)."""
    if Case.objects.filter(person=person).exists():
        return False
    tombstone(person, organisation_id, reason)
    person.delete()
    return True


def delete_record(row: models.Model, organisation_id: int, reason: str) -> bool:
    """One record; False (and nothing deleted) when another record still points at it."""
    try:
        pk = row.pk
        row.delete()
    except models.ProtectedError:
        return False
    row.pk = pk
    tombstone(row, organisation_id, reason)
    return True
