"""The operations on cases and their records, shared by pages and API (the pattern of
``apps/referrals/services.py``): who may, what is saved, what is audited. A door (page
view or API endpoint) parses its input into a form, calls one function here and answers
in its own way; a change to what happens when a case is opened or closed goes here.

Refusals raise ``NotAllowed`` (a ``PermissionDenied``: 403 on a page, 403 with the
message in the API). ``via`` ("api" or "") is added to the audit detail so that the log
says which door was used. ``claim`` is the door's idempotency claim (page form key or
``Idempotency-Key`` header), called inside the creating transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.http import Http404, HttpRequest

from henvis.apps.audit.log import record
from henvis.apps.cases import duplicates, idempotency, records
from henvis.apps.cases.access import audit, can_write, get_case, is_coordinator, is_owner
from henvis.apps.cases.choices import CaseStatus
from henvis.apps.cases.models import Case, Measure, Person, Screening
from henvis.apps.cases.screening_input import parse_screening
from henvis.web.lib.api_errors import NotAllowed

Claim = Callable[[], "idempotency.Claim | None"]


def _detail(text: str, via: str) -> str:
    return " ".join(part for part in (text, via) if part)


def require_write(user: Any) -> None:
    if not can_write(user):
        raise NotAllowed("Rollen din kan ikke endre saker", "Your role cannot change cases")


def owned_for_write(user: Any, case_id: Any) -> Case:
    """A case the user's organisation owns and the user's role may change (404 if not
    visible, 403 if visible but not theirs to change)."""
    case = get_case(user, case_id)
    require_write(user)
    if not is_owner(user, case):
        raise NotAllowed("Bare eieren kan endre saken", "Only the owner can change the case")
    return case


def closable(user: Any, case_id: Any) -> Case:
    """A case the user may close: the owner's coordinator."""
    case = get_case(user, case_id)
    if not is_owner(user, case) or not is_coordinator(user):
        raise NotAllowed("Bare eierens saksansvarlige kan lukke saken", "Only the owner's coordinator can close")
    return case


def person_of_owned_case(user: Any, case_id: Any) -> Person:
    """The person to open another case for: reached only through a case one owns."""
    case = get_case(user, case_id)
    if not is_owner(user, case):
        raise Http404
    return case.person


def unattached_screening(user: Any, screening_id: Any) -> Screening:
    """A screening of the user's organisation not yet saved to a case (else 404)."""
    try:
        pk = int(screening_id)
    except (TypeError, ValueError):
        raise Http404 from None
    screening = Screening.objects.filter(
        pk=pk, organisation_id=getattr(user, "organisation_id", 0) or 0, case__isnull=True,
    ).first()
    if screening is None:
        raise Http404
    return screening


def duplicate_candidates(request: HttpRequest, person: Person, via: str = "") -> list[duplicates.Candidate]:
    """Look-alike persons of the user's organisation for a new person; the check and
    every case it shows are audited."""
    found = duplicates.candidates(request.user, person)
    record("person.duplicate_check", request=request, object_type="person",
           detail=_detail(f"candidates={len(found)}", via))
    for candidate in found:
        for c in candidate.cases:
            audit(request, "case.read", c, detail=_detail("duplicate candidate", via))
    return found


def save_screening(request: HttpRequest, raw: str, case: Case | None, via: str = "") -> Screening:
    """Save a screening from the identification guide (``raw``: its JSON, checked by
    ``parse_screening``, which raises ``InvalidScreening``): straight into ``case`` when
    the door has one (found with ``get_case``), else unattached, for the user to attach
    or to open a case with. One path for the page and the API."""
    require_write(request.user)
    user: Any = request.user
    data, version = parse_screening(raw)
    screening = Screening.objects.create(case=case, organisation_id=user.organisation_id, created_by=user,
                                         data=data, catalogue_version=version)
    audit(request, "screening.create", screening, detail=_detail(f"case={case.pk}" if case else "", via))
    return screening


def attach_screening(request: HttpRequest, screening: Screening, case: Case) -> None:
    screening.case = case
    screening.save(update_fields=["case"])
    audit(request, "screening.attach", screening, detail=f"case={case.pk}")


def open_case(
    request: HttpRequest, person: Person, case_form: Any, screening: Screening | None, claim: Claim, via: str = "",
) -> Case | idempotency.Claim:
    """Save the person (if new) and the case of a valid ``case_form``, attach the
    screening; all in one transaction with the idempotency claim. Returns the case, or
    the claim when the same submission was already saved (nothing is saved again).
    The look-alike check (``duplicate_candidates``) comes before, at the door's choice."""
    require_write(request.user)
    user: Any = request.user
    with transaction.atomic():
        once = claim()
        if once is not None and once.repeated:  # the same form again while the first was saving
            transaction.set_rollback(True)
            return once
        if person.pk is None:
            person.save()
            audit(request, "person.create", person, detail=via)
        case = case_form.save(commit=False)
        case.person, case.organisation_id, case.created_by = person, user.organisation_id, user
        case.save()
        audit(request, "case.create", case, detail=via)
        idempotency.bind(once, case)
        if screening is not None:
            attach_screening(request, screening, case)
    return case


def update_case(request: HttpRequest, form: Any, via: str = "") -> Case:
    """Save a valid ``CaseForm`` (its instance from ``owned_for_write``); the audit names
    the fields changed, never their values."""
    case: Case = form.save()
    audit(request, "case.update", case, detail=_detail(",".join(form.changed_data), via))
    return case


def update_person(request: HttpRequest, form: Any, person: Person, via: str = "") -> Person:
    """Save a valid ``PersonForm`` into ``person`` (of a case from ``owned_for_write``;
    the form's initial is ``PersonForm.initial_from(person)``, so that the audit names the
    fields changed, never their values)."""
    form.fill(person).save()
    audit(request, "person.update", person, detail=_detail(",".join(form.changed_data), via))
    return person


def close_case(request: HttpRequest, form: Any, via: str = "") -> Case:
    """Close the case of a valid ``CloseCaseForm`` (its instance from ``closable``)."""
    case: Case = form.save(commit=False)
    case.status = CaseStatus.CLOSED
    case.save()
    audit(request, "case.close", case, detail=_detail(f"reason={case.closing_reason}", via))
    return case


def save_record(
    request: HttpRequest, form: Any, case: Case, action: str, claim: Claim, via: str = "",
) -> Any:
    """Save a valid record form (measure, decision, proceeding, assessment; built by
    ``records.record_form``): a new one claims the idempotency key and belongs to the
    user's organisation. Returns the record, or the claim of an earlier identical
    submission (nothing saved again). ``action`` names it in the audit log."""
    user: Any = request.user
    require_write(user)
    new = form.instance.pk is None
    with transaction.atomic():
        once = claim() if new else None
        if once is not None and once.repeated:
            return once
        obj = records.save_record(form, user, case)
        idempotency.bind(once, obj)
    audit(request, f"{action}.{'create' if new else 'update'}", obj, detail=_detail(f"case={case.pk}", via))
    if new and isinstance(obj, Measure):
        _tell_senders(obj, case, user)
    return obj


def _tell_senders(measure: Measure, case: Case, user: Any) -> None:
    """A receiver started a measure: the organisations whose accepted referral it answers
    are told (issue 15 items 3 and 4; they see its kind and start, not where)."""
    from henvis.apps.notifications.services import notify
    from henvis.apps.referrals.models import Referral, ReferralStatus

    for r in Referral.objects.filter(case=case, to_organisation_id=user.organisation_id,
                                     status=ReferralStatus.ACCEPTED).exclude(from_organisation_id=user.organisation_id):
        notify(r.from_organisation_id, "measure_started", referral=r, from_organisation_id=user.organisation_id)
