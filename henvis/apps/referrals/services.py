"""The operations on referrals, consents and ownership, shared by pages and API.

Each function checks the acting user's role and organisation, writes, and records the
action in the audit log. Callers have already found the case through
``henvis.apps.cases.access`` (so it is visible to the user)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils import timezone

from henvis.apps.cases.access import audit, can_write, is_coordinator, is_owner
from henvis.apps.cases.choices import CaseStatus
from henvis.apps.cases.models import Case, Measure
from henvis.apps.organisations.models import Organisation
from henvis.apps.referrals.legal_basis import NoLegalBasis, check_basis
from henvis.apps.referrals.models import (
    CONTACT_PERSON_MAX,
    OPEN_STATUSES,
    Consent,
    LegalBasis,
    OwnershipTransfer,
    Referral,
    ReferralMessage,
    ReferralStatus,
)


def _user(request: HttpRequest) -> Any:
    return request.user


def _notify(organisation_id: int, kind: str, referral: Referral, by: int | None) -> None:
    """Tell the other organisation (its inbox, and an e-mail with a link only)."""
    from henvis.apps.notifications.services import notify

    notify(organisation_id, kind, referral=referral, from_organisation_id=by)


def record_consent(
    request: HttpRequest, case: Case, given_to: Organisation, given_on: date, form: str, scope: str = "",
) -> Consent:
    user = _user(request)
    if not can_write(user):
        raise PermissionDenied
    consent = Consent.objects.create(
        case=case, organisation_id=user.organisation_id, given_to=given_to, given_on=given_on, form=form,
        scope=scope, created_by=user,
    )
    audit(request, "consent.create", consent, detail=f"case={case.pk}")
    return consent


@transaction.atomic
def withdraw_consent(request: HttpRequest, consent: Consent, on: date) -> int:
    """Withdraw a consent; open referrals resting on it are revoked. Returns how many."""
    user = _user(request)
    if not can_write(user) or consent.organisation_id != user.organisation_id:
        raise PermissionDenied
    consent.withdrawn_on = on
    consent.save(update_fields=["withdrawn_on"])
    resting = list(Referral.objects.filter(consent=consent, status__in=OPEN_STATUSES).values_list("pk", flat=True))
    revoked = Referral.objects.filter(pk__in=resting).update(status=ReferralStatus.REVOKED, answered=timezone.now())
    audit(request, "consent.withdraw", consent, detail=f"revoked={revoked}")
    for r in Referral.objects.filter(pk__in=resting):
        _notify(r.to_organisation_id, "consent_withdrawn", r, user.organisation_id)
    end_onward(request, resting)
    return revoked


def onward_basis(case: Case, org_id: int | None) -> Referral | None:
    """The accepted referral that lets a receiver ``org_id`` pass ``case`` on: one the
    owner sent with ``onward_allowed`` (None when there is none)."""
    return Referral.objects.filter(
        case=case, to_organisation_id=org_id, from_organisation_id=case.organisation_id,
        status=ReferralStatus.ACCEPTED, onward_allowed=True,
    ).order_by("-answered", "-pk").first()


def return_basis(case: Case, org_id: int | None) -> Referral | None:
    """The accepted referral that lets a receiver ``org_id`` refer ``case`` back to its
    owner (to share what the receiver itself recorded): any accepted referral to it. Going
    back reveals nothing about the person the owner does not hold already, so the owner's
    leave to refer onward is not needed; the referral back ends with the one it rests on."""
    return Referral.objects.filter(
        case=case, to_organisation_id=org_id, status=ReferralStatus.ACCEPTED,
    ).order_by("-answered", "-pk").first()


NOT_ONWARD = NoLegalBasis(
    "Only the organisation that owns the case may refer it, or a receiver that has accepted a referral "
    "from the owner who allowed it to refer onward.",
    "Bare organisasjonen som eier saken kan henvise den videre, eller en mottaker som har godtatt en "
    "henvisning der eieren har tillatt videre henvisning.",
)


def send_referral(
    request: HttpRequest, case: Case, to: Organisation, purpose: str, basis: str,
    consent: Consent | None, message: str = "", onward_allowed: bool = False,
    contact_person: str = "", contact_phone: str = "", shared_before_accepting: bool = False,
) -> Referral:
    """Send ``case`` to ``to``. Raises ``NoLegalBasis`` without consent or legal basis,
    or when a receiver refers onward without the owner's leave (issue 16)."""
    user = _user(request)
    if not can_write(user):
        raise PermissionDenied
    if to.pk == user.organisation_id:
        raise NoLegalBasis(
            "A referral goes to another organisation.", "En henvisning går til en annen organisasjon.",
        )
    rests_on = None
    if not is_owner(user, case):
        if to.pk == case.organisation_id:
            rests_on = return_basis(case, user.organisation_id)  # back to the owner
        else:
            rests_on = onward_basis(case, user.organisation_id)  # onward to a third organisation
        if rests_on is None:
            raise NOT_ONWARD
        onward_allowed = False  # only the owner lets a case go further
    if consent is not None and consent.organisation_id != user.organisation_id:
        consent = None  # only one's own recorded consents count
    check_basis(case, to, basis, consent)
    if Referral.objects.filter(case=case, from_organisation_id=user.organisation_id, to_organisation=to,
                               status__in=OPEN_STATUSES).exists():
        raise NoLegalBasis(
            "This case already has an open referral to that organisation.",
            "Saken har allerede en åpen henvisning til den organisasjonen.",
        )
    referral = Referral.objects.create(
        case=case, from_organisation_id=user.organisation_id, to_organisation=to, purpose=purpose,
        legal_basis=basis, consent=consent if basis == LegalBasis.CONSENT else None, message=message, sent_by=user,
        onward_allowed=onward_allowed, rests_on=rests_on,
        contact_person=contact_person.strip() or default_contact(user), contact_phone=contact_phone.strip(),
        shared_before_accepting=shared_before_accepting,
    )
    audit(request, "referral.create", referral,
          detail=f"case={case.pk} basis={basis}" + (f" onward_of={rests_on.pk}" if rests_on else ""))
    _notify(to.pk, "referral_new", referral, user.organisation_id)
    return referral


def default_contact(user: Any) -> str:
    """The sending worker as the referral's contact person, unless another is given."""
    return str(user.get_full_name() or user.get_username())[:CONTACT_PERSON_MAX]


def _party_who_writes(request: HttpRequest, referral: Referral) -> Any:
    """The user, of the sending or the receiving organisation (else 404, as for anyone
    who cannot see the referral), with a role that may write (else 403)."""
    user = _user(request)
    if user.organisation_id not in (referral.from_organisation_id, referral.to_organisation_id):
        raise Http404
    if not can_write(user):
        raise PermissionDenied
    return user


def post_message(request: HttpRequest, referral: Referral, text: str) -> ReferralMessage:
    """Sender or receiver writes in the referral's conversation, while it is open."""
    user = _party_who_writes(request, referral)
    if referral.status not in OPEN_STATUSES:
        raise NoLegalBasis("The referral has ended; no more messages can be sent.",
                           "Henvisningen er avsluttet; det kan ikke sendes flere meldinger.")
    if not text.strip():
        raise NoLegalBasis("Write a message.", "Skriv en melding.")
    message = ReferralMessage.objects.create(referral=referral, organisation_id=user.organisation_id, author=user,
                                             text=text.strip())
    audit(request, "referral_message.create", message, detail=f"referral={referral.pk}")
    other = referral.to_organisation_id if user.organisation_id == referral.from_organisation_id else referral.from_organisation_id
    _notify(other, "referral_message", referral, user.organisation_id)
    return message


def receiver_measures(referral: Referral) -> list[Measure]:
    """What the receiver started in the case since the referral (shown to the sender as
    kind and start date only: where a person is housed stays with the receiver)."""
    if referral.status not in (ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED):
        return []
    return list(Measure.objects.filter(case_id=referral.case_id, organisation_id=referral.to_organisation_id,
                                       created__gte=referral.sent).only("kind", "start").order_by("start", "pk"))


def end_onward(request: HttpRequest, ended: list[int]) -> int:
    """Revoke the open onward referrals resting on the referrals ``ended`` (which were
    declined, completed or revoked): the third organisation loses access with them.
    Returns how many were revoked."""
    total = 0
    while ended:
        onward = list(Referral.objects.filter(rests_on_id__in=ended, status__in=OPEN_STATUSES))
        for r in onward:
            r.status = ReferralStatus.REVOKED
            r.answered = r.answered or timezone.now()
            r.save(update_fields=["status", "answered"])
            audit(request, "referral.revoked", r, detail=f"rests_on={r.rests_on_id} ended")
            _notify(r.to_organisation_id, "referral_revoked", r, r.from_organisation_id)
        total += len(onward)
        ended = [r.pk for r in onward]
    return total


@transaction.atomic
def answer_referral(request: HttpRequest, referral: Referral, accept: bool, reason: str = "") -> Referral:
    """The receiving organisation's coordinator accepts or declines (with a reason)."""
    user = _user(request)
    if referral.to_organisation_id != user.organisation_id:
        raise Http404
    if not is_coordinator(user):
        raise PermissionDenied
    if referral.status != ReferralStatus.SENT:
        raise NoLegalBasis("The referral has already been answered.", "Henvisningen er allerede besvart.")
    if not accept and not reason.strip():
        raise NoLegalBasis("Give a reason for declining.", "Oppgi en grunn for å avslå.")
    referral.status = ReferralStatus.ACCEPTED if accept else ReferralStatus.DECLINED
    referral.decline_reason = "" if accept else reason.strip()
    referral.answered_by = user
    referral.answered = timezone.now()
    referral.save(update_fields=["status", "decline_reason", "answered_by", "answered"])
    if not accept:
        end_onward(request, [referral.pk])
    if accept and referral.case.status == CaseStatus.CONCERN:
        referral.case.status = CaseStatus.PRESUMED_VICTIM
        referral.case.save(update_fields=["status"])
    audit(request, "referral.accept" if accept else "referral.decline", referral)
    _notify(referral.from_organisation_id, "referral_accepted" if accept else "referral_declined", referral,
            user.organisation_id)
    return referral


@transaction.atomic
def close_referral(request: HttpRequest, referral: Referral, status: str) -> Referral:
    """The sender revokes an open referral; the receiver completes an accepted one."""
    user = _party_who_writes(request, referral)
    if status == ReferralStatus.REVOKED:
        allowed = referral.from_organisation_id == user.organisation_id and referral.status in OPEN_STATUSES
    elif status == ReferralStatus.COMPLETED:
        allowed = referral.to_organisation_id == user.organisation_id and referral.status == ReferralStatus.ACCEPTED
    else:
        allowed = False
    if not allowed:
        raise NoLegalBasis(
            "That change of status is not possible for this referral.",
            "Den statusendringen er ikke mulig for denne henvisningen.",
        )
    referral.status = status
    referral.answered = referral.answered or timezone.now()
    referral.save(update_fields=["status", "answered"])
    audit(request, f"referral.{status}", referral)
    if status == ReferralStatus.REVOKED:
        _notify(referral.to_organisation_id, "referral_revoked", referral, user.organisation_id)
    end_onward(request, [referral.pk])
    return referral


@transaction.atomic
def transfer_case(
    request: HttpRequest, case: Case, to: Organisation, basis: str, consent: Consent | None, reason: str = "",
) -> OwnershipTransfer:
    """Hand the case over to ``to`` (owner's coordinator only), keeping the history."""
    user = _user(request)
    if not is_owner(user, case) or not is_coordinator(user):
        raise PermissionDenied
    if to.pk == case.organisation_id:
        raise NoLegalBasis("The case is already owned by that organisation.", "Saken eies allerede av den organisasjonen.")
    if consent is not None and consent.organisation_id != user.organisation_id:
        consent = None
    check_basis(case, to, basis, consent)
    transfer = OwnershipTransfer.objects.create(
        case=case, from_organisation_id=case.organisation_id, to_organisation=to, legal_basis=basis,
        consent=consent if basis == LegalBasis.CONSENT else None, reason=reason, by=user,
    )
    case.organisation = to
    case.save(update_fields=["organisation"])
    audit(request, "case.transfer", case, detail=f"transfer={transfer.pk}")
    return transfer
