"""Referral pages: the inbox, sending with consent or legal basis, answering,
revoking and completing, consents and ownership transfers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_countries import countries

from henvis.apps.audit.log import record
from henvis.apps.cases import idempotency
from henvis.apps.cases.access import (
    audit,
    can_write,
    get_case,
    is_coordinator,
    is_owner,
    visible_cases,
    visible_referrals,
)
from henvis.apps.organisations.models import Organisation
from henvis.apps.referrals import services
from henvis.apps.referrals.forms import (
    ConsentRecordForm,
    DeclineForm,
    MessageForm,
    ReferralFilterForm,
    ReferralForm,
    TransferForm,
)
from henvis.apps.referrals.legal_basis import NoLegalBasis
from henvis.apps.referrals.models import (
    OPEN_STATUSES,
    Consent,
    CrossBorderImport,
    Referral,
    ReferralStatus,
)
from henvis.web.lists import csv_response, list_params, page_of, sort_from, wants_csv


def _own_consents(user: Any, case: Any) -> Any:
    return Consent.objects.filter(
        case=case, organisation_id=user.organisation_id, withdrawn_on__isnull=True, given_on__lte=timezone.localdate(),
    ).select_related("given_to")


# Sort keys the address may ask for (issue 15 item 5): unencrypted columns only.
REFERRAL_SORTS = {"sent": ("sent", "id"), "case": ("case_id", "id"), "from": ("from_organisation__name", "id"),
                  "to": ("to_organisation__name", "id"), "purpose": ("purpose", "id"), "status": ("status", "id")}
REFERRAL_DEFAULT_SORT = "-sent"
WAITING_SHOWN = 100


def inbox(request: HttpRequest) -> HttpResponse:
    """The referrals waiting for the organisation's answer on top, then every referral
    received or sent: paged, sorted and filtered from the address (no names in it: the
    list shows case numbers, not persons)."""
    if not getattr(request.user, "can_read_cases", False):
        raise PermissionDenied
    user: Any = request.user
    # The list shows no person and no message: those encrypted fields are not read.
    referrals = visible_referrals(user).select_related(None).select_related(
        "case", "from_organisation", "to_organisation",
    ).defer("message", "decline_reason")
    org_id = user.organisation_id
    others = Organisation.objects.filter(
        Q(pk__in=referrals.values("from_organisation_id")) | Q(pk__in=referrals.values("to_organisation_id")),
    ).exclude(pk=org_id).order_by("name")
    form = ReferralFilterForm(request.GET, organisations=others)
    sort, ordering = sort_from(request, REFERRAL_SORTS, REFERRAL_DEFAULT_SORT)
    listed = referrals.order_by(*ordering)
    if form.is_valid():
        listed = _filter_referrals(listed, form.cleaned_data, org_id)
    params = list_params(form, sort, REFERRAL_DEFAULT_SORT)
    if wants_csv(request):
        rows = [
            (r.sent.date().isoformat(), r.case.reference, str(r.from_organisation), str(r.to_organisation),
             r.get_purpose_display(), r.get_status_display(), r.answer_due.isoformat() if r.answer_due else "")
            for r in listed.iterator(chunk_size=500)
        ]
        record("referral.export", request=request, object_type="referral", detail=f"rows={len(rows)}")
        return csv_response("referrals.csv", [_("Sent"), _("Case"), _("From"), _("To"), _("Purpose"), _("Status"),
                                              _("Answer due")], rows)
    waiting = list(referrals.filter(to_organisation_id=org_id, status=ReferralStatus.SENT).order_by("sent", "id")[:WAITING_SHOWN])
    page = page_of(request, listed)
    record("referral.list", request=request, object_type="referral",
           detail=f"rows={len(waiting) + len(page.object_list)}")
    return render(request, "referrals/inbox.html", {
        "waiting": waiting, "waiting_more": len(waiting) == WAITING_SHOWN,
        "form": form, "page": page, "rows": list(page.object_list),
        "list_params": params, "sort": sort, "default_sort": REFERRAL_DEFAULT_SORT,
        # only those who may import one are offered the link (others would meet a 403)
        "can_import": can_write(request.user),
    })


def _filter_referrals(referrals: Any, data: dict[str, Any], org_id: int) -> Any:
    if data["direction"] == "received":
        referrals = referrals.filter(to_organisation_id=org_id)
    elif data["direction"] == "sent":
        referrals = referrals.filter(from_organisation_id=org_id)
    if data["status"]:
        referrals = referrals.filter(status=data["status"])
    if data["purpose"]:
        referrals = referrals.filter(purpose=data["purpose"])
    if data["organisation"]:
        other = data["organisation"]
        referrals = referrals.filter(Q(from_organisation=other) | Q(to_organisation=other))
    if data["sent_from"]:
        referrals = referrals.filter(sent__date__gte=data["sent_from"])
    if data["sent_to"]:
        referrals = referrals.filter(sent__date__lte=data["sent_to"])
    return referrals


def _referral(request: HttpRequest, pk: int) -> Referral:
    referral = visible_referrals(request.user).filter(pk=pk).first()
    if referral is None:
        raise Http404
    return referral


def detail(request: HttpRequest, pk: int, message_form: MessageForm | None = None) -> HttpResponse:
    referral = _referral(request, pk)
    audit(request, "referral.read", referral)
    user: Any = request.user
    # Who the person is and what was written about them only while the case itself
    # is visible: a declined, revoked or completed referral gives no access (rule 1).
    case_visible = visible_cases(user).filter(pk=referral.case_id).exists()
    thread = list(referral.messages.select_related("organisation")) if case_visible else []
    if thread:
        audit(request, "referral_message.list", referral, detail=f"rows={len(thread)}")
    sender = referral.from_organisation_id == user.organisation_id
    # A referral from abroad carries the summary of its signed file (issue 18 item 4).
    abroad = None
    if case_visible or referral.status == ReferralStatus.SENT:
        abroad = CrossBorderImport.objects.filter(referral=referral).first()
        if abroad is not None:
            audit(request, "crossborder_import.read", abroad)
    return render(request, "referrals/detail.html", {
        "abroad": abroad.summary if abroad else None,
        "abroad_country": countries.name(abroad.sender_country) if abroad else "",
        "case_visible": case_visible, "thread": thread,
        # A pending referral shows the receiver what the sender wrote for it, and the kind
        # of case, even when the person and the case wait for the acceptance.
        "summary_only": not case_visible and referral.status == ReferralStatus.SENT,
        "can_message": case_visible and referral.status in OPEN_STATUSES and can_write(user),
        "message_form": message_form or MessageForm(),
        # The sender follows what the receiver did: its answer and the measures it started.
        "receiver_measures": services.receiver_measures(referral) if sender else [],
        "sender": sender,
        "referral": referral, "decline_form": DeclineForm(),
        "can_answer": referral.to_organisation_id == user.organisation_id and referral.status == ReferralStatus.SENT
        and user.has_role("coordinator"),
        "can_revoke": referral.from_organisation_id == user.organisation_id and referral.status in ("sent", "accepted") and can_write(user),
        "can_complete": referral.to_organisation_id == user.organisation_id and referral.status == "accepted" and can_write(user),
    })


@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral(request, pk)
    accept = request.POST.get("action") == "accept"
    try:
        services.answer_referral(request, referral, accept, request.POST.get("reason", ""))
    except NoLegalBasis as exc:
        messages.error(request, exc.localised())
        return redirect("referrals:detail", pk=pk)
    messages.success(request, _("The referral was accepted.") if accept else _("The referral was declined."))
    return redirect("cases:detail", pk=referral.case_id) if accept else redirect("referrals:inbox")


@require_POST
def message(request: HttpRequest, pk: int) -> HttpResponse:
    """Write in the referral's conversation (sender or receiver, while it is open)."""
    referral = _referral(request, pk)
    if not visible_cases(request.user).filter(pk=referral.case_id).exists():
        raise Http404
    form = MessageForm(request.POST)
    if not form.is_valid():
        return detail(request, pk, message_form=form)
    try:
        services.post_message(request, referral, form.cleaned_data["text"])
    except NoLegalBasis as exc:
        messages.error(request, exc.localised())
    return redirect("referrals:detail", pk=pk)


@require_POST
def change_status(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral(request, pk)
    try:
        services.close_referral(request, referral, request.POST.get("status", ""))
    except NoLegalBasis as exc:
        messages.error(request, exc.localised())
    return redirect("referrals:detail", pk=pk)


def refer(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the case to another organisation, with the person's consent or a legal basis."""
    user: Any = request.user
    if not can_write(user):
        raise PermissionDenied
    case = get_case(user, pk)
    owner = is_owner(user, case)
    if not owner and services.return_basis(case, user.organisation_id) is None:
        # A receiver refers only once it has accepted: back to the owner, or onward when
        # the owner allowed it (issue 16).
        raise PermissionDenied
    onward = owner or services.onward_basis(case, user.organisation_id) is not None
    if not onward and request.method == "POST" and request.POST.get("to_organisation") != str(case.organisation_id):
        raise PermissionDenied  # no leave to refer onward: only back to the owner
    form = ReferralForm(request.POST or None, organisation_id=user.organisation_id, consents=_own_consents(user, case),
                        owner=owner)
    if not onward:
        receivers = form.fields["to_organisation"]
        receivers.queryset = receivers.queryset.filter(pk=case.organisation_id)  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                claim = idempotency.claim_page(request, f"referral:{case.pk}")
                if claim.repeated:
                    messages.info(request, _("This form was already sent and saved once; nothing was saved again."))
                    if claim.repeat_of and visible_referrals(user).filter(pk=claim.repeat_of).exists():
                        return redirect("referrals:detail", pk=claim.repeat_of)
                    return redirect("cases:detail", pk=case.pk)
                consent = data["consent"]
                if data["legal_basis"] == "consent" and consent is None and data["consent_now"]:
                    consent = services.record_consent(
                        request, case, data["to_organisation"], timezone.localdate(), data["consent_form"] or "written",
                    )
                referral = services.send_referral(
                    request, case, data["to_organisation"], data["purpose"], data["legal_basis"], consent, data["message"],
                    onward_allowed=bool(data.get("onward_allowed")),
                    contact_person=data["contact_person"], contact_phone=data["contact_phone"],
                    shared_before_accepting=data["share_before_accepting"],
                )
                idempotency.bind(claim, referral)
        except NoLegalBasis as exc:
            form.add_error(None, exc.localised())
        else:
            messages.success(request, _("The referral was sent."))
            return redirect("referrals:detail", pk=referral.pk)
    return render(request, "referrals/refer.html", {"form": form, "case": case, "title": _("Refer")})


def consent_new(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    if not can_write(user):
        raise PermissionDenied
    case = get_case(user, pk)
    form = ConsentRecordForm(request.POST or None, organisation_id=user.organisation_id)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        with transaction.atomic():
            claim = idempotency.claim_page(request, f"consent:{case.pk}")
            if claim.repeated:
                messages.info(request, _("This form was already sent and saved once; nothing was saved again."))
                return redirect("cases:detail", pk=case.pk)
            consent = services.record_consent(request, case, d["given_to"], d["given_on"], d["form"], d["scope"])
            idempotency.bind(claim, consent)
        messages.success(request, _("The consent was recorded."))
        return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/form.html", {"form": form, "case": case, "title": _("Record consent")})


def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw a consent after a confirmation page that lists the open referrals
    resting on it (they are revoked with it). Only a POST with ``confirm=yes`` acts."""
    user: Any = request.user
    consent = Consent.objects.filter(pk=pk, organisation_id=user.organisation_id).select_related("given_to").first()
    if consent is None:
        raise Http404
    case = get_case(user, consent.case_id)  # the case must still be visible
    if not can_write(user):
        raise PermissionDenied
    if consent.withdrawn_on is not None:
        messages.info(request, _("The consent has already been withdrawn."))
        return redirect("cases:detail", pk=case.pk)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        revoked = services.withdraw_consent(request, consent, timezone.localdate())
        if revoked:
            messages.success(request, ngettext(
                "The consent was withdrawn; %(n)d open referral resting on it was revoked.",
                "The consent was withdrawn; %(n)d open referrals resting on it were revoked.", revoked,
            ) % {"n": revoked})
        else:
            messages.success(request, _("The consent was withdrawn; no open referral rested on it."))
        return redirect("cases:detail", pk=case.pk)
    referrals = list(Referral.objects.filter(consent=consent, status__in=OPEN_STATUSES)
                     .select_related("to_organisation").order_by("sent"))
    audit(request, "consent.read", consent, detail=f"withdraw confirmation referrals={len(referrals)}")
    return render(request, "referrals/consent_withdraw.html", {"consent": consent, "case": case, "referrals": referrals})


def transfer(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    case = get_case(user, pk)
    form = TransferForm(request.POST or None, organisation_id=user.organisation_id, consents=_own_consents(user, case))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.transfer_case(request, case, d["to_organisation"], d["legal_basis"], d["consent"], d["reason"])
        except NoLegalBasis as exc:
            form.add_error(None, exc.localised())
        else:
            messages.success(request, _("The case was handed over."))
            return redirect("cases:list")
    elif not (is_owner(user, case) and is_coordinator(user)):
        raise PermissionDenied
    return render(request, "cases/form.html", {"form": form, "case": case, "title": _("Transfer ownership")})
