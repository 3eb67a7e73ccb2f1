"""REST API for referrals, consents and ownership transfers (/api/v1/referrals/).

A referral without consent or legal basis is refused with 422 and the reason in
Norwegian (``detail``) and English (``detail_en``)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, JsonResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from henvis.apps.audit.log import record
from henvis.apps.cases import idempotency
from henvis.apps.cases.access import (
    audit,
    get_case,
    visible_cases,
    visible_records,
    visible_referrals,
)
from henvis.apps.organisations.models import Organisation
from henvis.apps.referrals import services
from henvis.apps.referrals.forms import ConsentRecordForm
from henvis.apps.referrals.legal_basis import NoLegalBasis
from henvis.apps.referrals.models import (
    CONTACT_PERSON_MAX,
    CONTACT_PHONE_MAX,
    MESSAGE_MAX,
    Consent,
    ConsentForm,
    LegalBasis,
    Purpose,
    Referral,
)
from henvis.web.lib.api_errors import ERRORS, ErrorOut, answers_invalid, form_errors

router = Router(tags=["referrals"])


class ReferralIn(Schema):
    case_id: int
    to_organisation: str = Field(description="slug of the receiving organisation", max_length=80)
    purpose: Purpose
    legal_basis: LegalBasis = LegalBasis.CONSENT
    consent_id: int | None = Field(None, description="a consent your organisation recorded (basis 'consent')")
    message: str = Field("", max_length=MESSAGE_MAX)
    contact_person: str = Field("", max_length=CONTACT_PERSON_MAX, description="Whom the receiver calls (default: you)")
    shared_before_accepting: bool = Field(False, description="False (the default): until it accepts, the receiver "
                                          "sees only this referral (purpose, message), not the person or the case; "
                                          "True: it sees them at once")
    contact_phone: str = Field("", max_length=CONTACT_PHONE_MAX)
    onward_allowed: bool = Field(False, description="Owner only: the receiver may, once it has accepted, refer the "
                                 "case onward (the onward referral ends with this referral or its consent)")


class ReferralOut(Schema):
    id: int
    case_id: int
    case_reference: str
    from_organisation: str
    to_organisation: str
    purpose: str
    status: str
    legal_basis: str
    consent_id: int | None
    message: str
    decline_reason: str
    sent: datetime
    answered: datetime | None
    answer_due: date | None = Field(description="While unanswered: when the receiver should have answered "
                                    "(HENVIS_REFERRAL_ANSWER_DAYS after sending, a notification to child welfare "
                                    "within 7 days)")
    answer_overdue: bool = Field(description="Unanswered after answer_due")
    contact_person: str = ""
    contact_phone: str = ""
    shared_before_accepting: bool = False
    onward_allowed: bool = False
    rests_on: int | None = Field(None, description="For an onward referral: the referral it rests on")


class MessageIn(Schema):
    text: str = Field(min_length=1, max_length=MESSAGE_MAX)


class MessageOut(Schema):
    id: int
    organisation: str
    text: str
    sent: datetime


class DeclineIn(Schema):
    reason: str = Field(min_length=1, max_length=300)


class ConsentIn(Schema):
    case_id: int
    given_to: str = Field(description="slug of the organisation the person consents to share with", max_length=80)
    given_on: date | None = None
    form: ConsentForm = ConsentForm.WRITTEN
    scope: str = Field("", max_length=200)


class ConsentOut(Schema):
    id: int
    case_id: int
    organisation: str
    given_to: str
    given_on: date
    form: str
    scope: str
    withdrawn_on: date | None


class TransferIn(Schema):
    case_id: int
    to_organisation: str = Field(max_length=80)
    legal_basis: LegalBasis = LegalBasis.CONSENT
    consent_id: int | None = None
    reason: str = Field("", max_length=300)


class TransferOut(Schema):
    id: int
    case_id: int
    from_organisation: str
    to_organisation: str
    legal_basis: str
    at: datetime


def refusals(view: Callable[..., Any]) -> Callable[..., Any]:
    """``NoLegalBasis`` -> 422 in both languages; ``PermissionDenied`` -> 403."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return view(*args, **kwargs)
        except NoLegalBasis as exc:
            return JsonResponse({"detail": exc.message_nb, "detail_en": exc.message_en}, status=422)
        except PermissionDenied:
            return JsonResponse({"detail": "Rollen din tillater ikke dette", "detail_en": "Your role does not allow this"},
                                status=403)

    return wrapper


def _organisation(slug: str) -> Organisation:
    org = Organisation.objects.filter(slug=slug, active=True).first()
    if org is None:
        raise NoLegalBasis(f"Unknown organisation: {slug[:80]}", f"Ukjent organisasjon: {slug[:80]}")
    return org


def _consent(request: HttpRequest, consent_id: int | None) -> Consent | None:
    if consent_id is None:
        return None
    org_id: int = getattr(request.user, "organisation_id", None) or 0
    return Consent.objects.filter(pk=consent_id, organisation_id=org_id).first()


def _visible_case_ids(request: HttpRequest, referrals: list[Referral]) -> set[int]:
    ids = {r.case_id for r in referrals}
    return set(visible_cases(request.user).filter(pk__in=ids).values_list("pk", flat=True))


def _out(request: HttpRequest, r: Referral) -> ReferralOut:
    return referral_out(r, bool(_visible_case_ids(request, [r])))


def referral_out(r: Referral, case_visible: bool = True) -> ReferralOut:
    """The message (free text about the person) only while the case is visible: a
    declined, revoked or completed referral gives no access (rule 1)."""
    return ReferralOut(
        id=r.pk, case_id=r.case_id, case_reference=r.case.reference, from_organisation=r.from_organisation.slug,
        to_organisation=r.to_organisation.slug, purpose=r.purpose, status=r.status, legal_basis=r.legal_basis,
        consent_id=r.consent_id, message=(r.message or "") if case_visible or r.status == "sent" else "", decline_reason=r.decline_reason, sent=r.sent,
        answered=r.answered, answer_due=r.answer_due, answer_overdue=r.answer_overdue,
        onward_allowed=r.onward_allowed, rests_on=r.rests_on_id, contact_person=r.contact_person,
        contact_phone=r.contact_phone, shared_before_accepting=r.shared_before_accepting,
    )


def consent_out(c: Consent) -> ConsentOut:
    return ConsentOut(id=c.pk, case_id=c.case_id, organisation=c.organisation.slug, given_to=c.given_to.slug,
                      given_on=c.given_on, form=c.form, scope=c.scope, withdrawn_on=c.withdrawn_on)


@router.get("", response={200: list[ReferralOut]}, summary="Referrals your organisation sent or received")
def list_referrals(request: HttpRequest, box: str = Query("", description="received, sent or empty for both")) -> Any:  # noqa: B008
    referrals = visible_referrals(request.user)
    org_id = getattr(request.user, "organisation_id", None)
    if box == "received":
        referrals = referrals.filter(to_organisation_id=org_id)
    elif box == "sent":
        referrals = referrals.filter(from_organisation_id=org_id)
    rows = list(referrals[:500])
    record("referral.list", request=request, object_type="referral", detail=f"rows={len(rows)} api")
    visible = _visible_case_ids(request, rows)
    return [referral_out(r, r.case_id in visible) for r in rows]


@router.post("", response={201: ReferralOut, **ERRORS}, summary="Refer a case (needs consent or a legal basis)")
@refusals
@answers_invalid
def create_referral(request: HttpRequest, payload: ReferralIn) -> Any:
    case = get_case(request.user, payload.case_id)
    with transaction.atomic():
        once = idempotency.api_claim(request, f"referral:{case.pk}")
        if once is not None and once.repeated:  # the first request's referral, not a second one
            return Status(201, referral_out(_referral(request, once.repeat_of or 0)))
        referral = services.send_referral(
            request, case, _organisation(payload.to_organisation), payload.purpose, payload.legal_basis,
            _consent(request, payload.consent_id), payload.message, onward_allowed=payload.onward_allowed,
            contact_person=payload.contact_person, contact_phone=payload.contact_phone,
            shared_before_accepting=payload.shared_before_accepting,
        )
        idempotency.bind(once, referral)
    return Status(201, referral_out(referral))


def _referral(request: HttpRequest, referral_id: int) -> Referral:
    referral = visible_referrals(request.user).filter(pk=referral_id).first()
    if referral is None:
        raise Http404
    return referral


@router.get("/{int:referral_id}", response={200: ReferralOut, 404: ErrorOut}, summary="One referral")
def read_referral(request: HttpRequest, referral_id: int) -> Any:
    referral = _referral(request, referral_id)
    audit(request, "referral.read", referral, detail="api")
    return _out(request, referral)


@router.get("/{int:referral_id}/messages", response={200: list[MessageOut], 404: ErrorOut},
            summary="The conversation between sender and receiver")
def list_messages(request: HttpRequest, referral_id: int) -> Any:
    referral = _referral(request, referral_id)
    if not _visible_case_ids(request, [referral]):  # about the person: only while the case is visible
        raise Http404
    rows = list(referral.messages.select_related("organisation"))
    audit(request, "referral_message.list", referral, detail=f"rows={len(rows)} api")
    return [MessageOut(id=m.pk, organisation=m.organisation.slug, text=m.text, sent=m.sent) for m in rows]


@router.post("/{int:referral_id}/messages", response={201: MessageOut, **ERRORS}, summary="Write to the other side")
@refusals
def create_message(request: HttpRequest, referral_id: int, payload: MessageIn) -> Any:
    referral = _referral(request, referral_id)
    if not _visible_case_ids(request, [referral]):
        raise Http404
    m = services.post_message(request, referral, payload.text)
    return Status(201, MessageOut(id=m.pk, organisation=m.organisation.slug, text=m.text, sent=m.sent))


@router.post("/{int:referral_id}/accept", response={200: ReferralOut, **ERRORS}, summary="Accept (receiving coordinator)")
@refusals
def accept_referral(request: HttpRequest, referral_id: int) -> Any:
    return _out(request, services.answer_referral(request, _referral(request, referral_id), True))


@router.post("/{int:referral_id}/decline", response={200: ReferralOut, **ERRORS}, summary="Decline with a reason")
@refusals
def decline_referral(request: HttpRequest, referral_id: int, payload: DeclineIn) -> Any:
    return _out(request, services.answer_referral(request, _referral(request, referral_id), False, payload.reason))


@router.post("/{int:referral_id}/revoke", response={200: ReferralOut, **ERRORS}, summary="Revoke (sender)")
@refusals
def revoke_referral(request: HttpRequest, referral_id: int) -> Any:
    return _out(request, services.close_referral(request, _referral(request, referral_id), "revoked"))


@router.post("/{int:referral_id}/complete", response={200: ReferralOut, **ERRORS}, summary="Mark completed (receiver)")
@refusals
def complete_referral(request: HttpRequest, referral_id: int) -> Any:
    return _out(request, services.close_referral(request, _referral(request, referral_id), "completed"))


@router.get("/consents", response={200: list[ConsentOut], 404: ErrorOut}, summary="Consents recorded in a case")
def list_consents(request: HttpRequest, case_id: int) -> Any:
    case = get_case(request.user, case_id)
    rows = list(visible_records(Consent.objects.select_related("organisation", "given_to"), request.user, case))
    record("consent.list", request=request, object_type="case", object_id=case.pk, detail=f"rows={len(rows)} api")
    return [consent_out(c) for c in rows]


@router.post("/consents", response={201: ConsentOut, **ERRORS}, summary="Record the person's consent to share")
@refusals
@answers_invalid
def create_consent(request: HttpRequest, payload: ConsentIn) -> Any:
    """Validated by the page's form: e.g. a consent given in the future answers 422."""
    case = get_case(request.user, payload.case_id)
    form = ConsentRecordForm({
        "given_to": _organisation(payload.given_to).pk, "given_on": payload.given_on or timezone.localdate(),
        "form": str(payload.form), "scope": payload.scope,
    }, organisation_id=getattr(request.user, "organisation_id", None) or 0)
    if not form.is_valid():
        raise form_errors(form)
    d = form.cleaned_data
    with transaction.atomic():
        once = idempotency.api_claim(request, f"consent:{case.pk}")
        if once is not None and once.repeated:  # the first request's consent, not a second one
            prior = _consent(request, once.repeat_of)
            if prior is None:
                raise Http404
            return Status(201, consent_out(prior))
        consent = services.record_consent(request, case, d["given_to"], d["given_on"], d["form"], d["scope"])
        idempotency.bind(once, consent)
    return Status(201, consent_out(consent))


@router.post("/consents/{int:consent_id}/withdraw", response={200: ConsentOut, **ERRORS}, summary="Withdraw a consent")
@refusals
def withdraw_consent(request: HttpRequest, consent_id: int) -> Any:
    consent = _consent(request, consent_id)
    if consent is None:
        raise Http404
    get_case(request.user, consent.case_id)
    services.withdraw_consent(request, consent, timezone.localdate())
    return consent_out(consent)


@router.post("/transfers", response={201: TransferOut, **ERRORS}, summary="Hand the case over to another organisation")
@refusals
def create_transfer(request: HttpRequest, payload: TransferIn) -> Any:
    case = get_case(request.user, payload.case_id)
    t = services.transfer_case(request, case, _organisation(payload.to_organisation), payload.legal_basis,
                               _consent(request, payload.consent_id), payload.reason)
    return Status(201, TransferOut(id=t.pk, case_id=t.case_id, from_organisation=t.from_organisation.slug,
                            to_organisation=t.to_organisation.slug, legal_basis=t.legal_basis, at=t.at))

