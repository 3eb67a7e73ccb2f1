"""Who may see and do what with a case. Every page and API endpoint goes through
these functions; nothing is looked up by id before it is filtered by organisation.

The rule:

1. An organisation sees a case if it owns it, or if the case has been referred to it
   and the referral is pending (``sent``) or ``accepted``. An onward referral (sent by
   a receiver the owner allowed to pass the case on) counts only while the referral
   it rests on is ``accepted``.
2. Inside a visible case, a record (screening, consent, measure, decision, proceeding,
   assessment) is shown to the organisation that recorded it, and to the organisations
   that organisation has referred the case to (pending or accepted) or handed the case
   over to. So after police refers a person to ROSA, ROSA sees what the police
   recorded, but the police do not see what ROSA adds unless ROSA refers back.
3. Referrals are seen by their sender and their receiver.
4. Only roles in ``CASE_READERS`` read, only ``CASE_WRITERS`` write, only coordinators
   answer referrals, transfer or close cases. Analysts, auditors and system
   administrators never see a case.

A case one may not see answers exactly as a case that does not exist (404)."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest

from henvis.apps.accounts.roles import Role
from henvis.apps.audit.log import record, refused_case
from henvis.apps.cases.models import Case
from henvis.apps.referrals.models import OwnershipTransfer, Referral, ReferralStatus

M = TypeVar("M", bound=Model)


def _org_id(user: Any) -> int | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if not getattr(user, "can_read_cases", False):
        return None
    org_id: int | None = user.organisation_id
    return org_id


def granting_referrals(org_id: int) -> QuerySet[Referral]:
    """The referrals to ``org_id`` that give access (rule 1): accepted, or pending with
    the case shared before accepting; and if onward, resting
    on a referral still accepted. (Ending a referral also revokes its onward referrals;
    this check holds even if a row was left open.)"""
    return Referral.objects.filter(to_organisation_id=org_id).filter(
        Q(status=ReferralStatus.ACCEPTED) | Q(status=ReferralStatus.SENT, shared_before_accepting=True),
    ).filter(
        Q(rests_on__isnull=True) | Q(rests_on__status=ReferralStatus.ACCEPTED),
    )


def visible_cases(user: Any) -> QuerySet[Case]:
    """The cases ``user`` may see. The only entry point to cases for pages and API."""
    org_id = _org_id(user)
    if org_id is None:
        return Case.objects.none()
    referred = granting_referrals(org_id).values("case_id")
    cases = Case.objects.filter(Q(organisation_id=org_id) | Q(id__in=referred)).select_related(
        "person", "organisation", "police_district",
    )
    # Data protection: a case restricted while a correction is disputed is read only by
    # the roles its restriction names (henvis.apps.dataprotection.restriction).
    from henvis.apps.dataprotection.restriction import without_restricted

    return without_restricted(cases, user)


def get_case(user: Any, pk: Any) -> Case:
    """The visible case with this id, or 404 (the same for "missing" and "not yours")."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    case = visible_cases(user).filter(pk=pk).first()
    if case is None:
        refused_case.set(pk)  # audited as a refused access if the request ends refused
        raise Http404
    return case


def sharing_organisations(case: Case, org_id: int) -> set[int]:
    """Organisations whose records in ``case`` the organisation ``org_id`` may see."""
    senders = granting_referrals(org_id).filter(case=case).order_by().values_list("from_organisation_id", flat=True)
    previous_owners = OwnershipTransfer.objects.filter(case=case, to_organisation_id=org_id).order_by().values_list(
        "from_organisation_id", flat=True)
    # One query (UNION) for both: this runs on every case page.
    return {org_id} | set(senders.union(previous_owners))


def shared_with(user: Any) -> dict[int, set[int]]:
    """For every case referred or handed over to the user's organisation: the
    organisations whose records it may see there (rule 2, for many cases at once)."""
    org_id = _org_id(user)
    out: dict[int, set[int]] = {}
    if org_id is None:
        return out
    pairs = list(
        granting_referrals(org_id).values_list(
            "case_id", "from_organisation_id",
        )
    ) + list(OwnershipTransfer.objects.filter(to_organisation_id=org_id).values_list("case_id", "from_organisation_id"))
    for case_id, from_id in pairs:
        out.setdefault(case_id, set()).add(from_id)
    return out


def record_visible(user: Any, case_id: int, organisation_id: int, shared: dict[int, set[int]]) -> bool:
    return organisation_id == _org_id(user) or organisation_id in shared.get(case_id, set())


def visible_records(queryset: QuerySet[M], user: Any, case: Case, sharing: set[int] | None = None) -> QuerySet[M]:
    """Filter records of ``case`` to those the user's organisation may see (rule 2).
    ``sharing``: ``sharing_organisations(case, org)`` when the caller already has it
    (the case page reads six kinds of record and looks it up once)."""
    org_id = _org_id(user)
    if org_id is None:
        return queryset.none()
    if sharing is None:
        sharing = sharing_organisations(case, org_id)
    return queryset.filter(case=case, organisation_id__in=sharing)


def visible_referrals(user: Any) -> QuerySet[Referral]:
    org_id = _org_id(user)
    if org_id is None:
        return Referral.objects.none()
    return Referral.objects.filter(Q(from_organisation_id=org_id) | Q(to_organisation_id=org_id)).select_related(
        "case", "case__person", "from_organisation", "to_organisation",
    )


def can_write(user: Any) -> bool:
    return bool(getattr(user, "can_write_cases", False))


def is_owner(user: Any, case: Case) -> bool:
    return case.organisation_id == getattr(user, "organisation_id", None)


def is_coordinator(user: Any) -> bool:
    return bool(getattr(user, "can_read_cases", False)) and user.has_role(Role.COORDINATOR)


def audit(request: HttpRequest, action: str, obj: Model, detail: str = "") -> None:
    """One audit entry per read or write of personal data; ``detail`` names fields, never values."""
    record(action, request=request, object_type=obj._meta.model_name or "", object_id=obj.pk or "", detail=detail)
