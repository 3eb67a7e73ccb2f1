"""Data protection pages: a case's access request, erasure and restriction (the owning
organisation's coordinator or administrator), notices to receivers, and the correction
history for the organisation's auditor. Cases are found through
``henvis.apps.cases.access.get_case``: one the user cannot see answers 404."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from henvis.apps.accounts.roles import Role
from henvis.apps.audit.log import record
from henvis.apps.cases.access import audit, get_case, is_owner, visible_cases
from henvis.apps.cases.models import Case
from henvis.apps.dataprotection import access_report
from henvis.apps.dataprotection.erasure import ErasureRefused, erase, refusals
from henvis.apps.dataprotection.forms import AccessRequestForm, ErasureForm, RestrictionForm
from henvis.apps.dataprotection.legal_bases import basis_of
from henvis.apps.dataprotection.models import IdentityCorrection, ReceiverNotice, Restriction
from henvis.apps.dataprotection.restriction import ALWAYS

HANDLERS = (Role.COORDINATOR, Role.ORG_ADMIN)


def may_handle_requests(user: Any) -> bool:
    """Coordinators and organisation administrators answer a person's requests."""
    return bool(getattr(user, "can_read_cases", False)) and user.has_role(*HANDLERS)


def _case(request: HttpRequest, pk: int) -> Case:
    case = get_case(request.user, pk)
    if not may_handle_requests(request.user) or not is_owner(request.user, case):
        raise PermissionDenied
    return case


def index(request: HttpRequest) -> HttpResponse:
    """Find a case by its reference to answer the person's request about it."""
    if not may_handle_requests(request.user):
        raise PermissionDenied
    reference = request.GET.get("reference", "").strip().upper()
    if reference:
        match = re.fullmatch(r"HV-\d{4}-(\d{1,9})", reference)
        case = visible_cases(request.user).filter(pk=int(match.group(1))).first() if match else None
        if case is not None and case.reference == reference and is_owner(request.user, case):
            return redirect("dataprotection:case", pk=case.pk)
        messages.error(request, _("No case of your organisation has that reference."))
    return render(request, "dataprotection/index.html", {"reference": reference})


def case_page(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    audit(request, "case.read", case, detail="data protection page")
    restriction = Restriction.objects.filter(case=case).first()
    return render(request, "dataprotection/case.html", {
        "case": case, "basis": basis_of(case.organisation.kind), "refusals": refusals(case),
        "access_form": AccessRequestForm(), "erasure_form": ErasureForm(),
        "restriction": restriction, "restriction_form": RestrictionForm(),
    })


@require_POST
def access_request(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = AccessRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a language and a format."))
        return redirect("dataprotection:case", pk=case.pk)
    language, fmt = form.cleaned_data["language"], form.cleaned_data["format"]
    report = access_report.build(request.user, case.person, language)
    # Audited after building, so the document's own making is not in its list of reads.
    record("dataprotection.access_request", request=request, object_type="person", object_id=case.person_id,
           detail=f"format={fmt} language={language} cases={len(report['cases'])}")
    name = f"innsyn-{case.reference}.{fmt}"
    if fmt == "json":
        response = HttpResponse(access_report.as_json(report), content_type="application/json; charset=utf-8")
    else:
        response = HttpResponse(access_report.as_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def erasure(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    if not ErasureForm(request.POST).is_valid():
        messages.error(request, _("Confirm that the person has asked for erasure."))
        return redirect("dataprotection:case", pk=case.pk)
    try:
        result = erase(request, case)
    except ErasureRefused as refused:
        for reason in refused.reasons:
            messages.error(request, reason)
        return redirect("dataprotection:case", pk=case.pk)
    messages.success(request, _("Erased: %(cases)s. Referrals revoked: %(revoked)d.") % {
        "cases": ", ".join(result.cases), "revoked": result.referrals_revoked})
    if result.abroad:
        messages.warning(request, _(
            "A referral file about the person was sent abroad to: %(points)s. Henvis cannot tell them: inform "
            "them of the erasure by the channel the file went by, without sending personal data again.")
            % {"points": "; ".join(result.abroad)})
    return redirect("cases:list")


@require_POST
def restrict(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    user: Any = request.user
    form = RestrictionForm(request.POST)
    if form.is_valid():
        restriction, _created = Restriction.objects.update_or_create(
            case=case, defaults={"roles": sorted({*form.cleaned_data["roles"], ALWAYS}), "by": user,
                                 "since": timezone.now()})
        audit(request, "case.restrict", case, detail="roles=" + "+".join(restriction.roles))
        messages.success(request, _("The case is restricted."))
    return redirect("dataprotection:case", pk=case.pk)


@require_POST
def lift_restriction(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    if Restriction.objects.filter(case=case).delete()[0]:
        audit(request, "case.unrestrict", case)
        messages.success(request, _("The restriction is lifted."))
    return redirect("dataprotection:case", pk=case.pk)


def notices(request: HttpRequest) -> HttpResponse:
    """Referrals this organisation had received that were revoked and erased."""
    user: Any = request.user
    if not may_handle_requests(user):
        raise PermissionDenied
    items = list(ReceiverNotice.objects.filter(organisation_id=user.organisation_id).select_related("sender"))
    ReceiverNotice.objects.filter(pk__in=[n.pk for n in items], read_at__isnull=True).update(read_at=timezone.now())
    record("dataprotection.notices_read", request=request, object_type="receivernotice", detail=f"rows={len(items)}")
    return render(request, "dataprotection/notices.html", {"notices": items})


def corrections(request: HttpRequest) -> HttpResponse:
    """The history of corrections to identifying fields, for the organisation's auditor."""
    user: Any = request.user
    if not user.has_role(Role.AUDITOR) or user.organisation_id is None:
        raise PermissionDenied
    items = list(IdentityCorrection.objects.filter(organisation_id=user.organisation_id).select_related("changed_by")[:500])
    record("dataprotection.corrections_read", request=request, object_type="identitycorrection",
           detail=f"rows={len(items)}")
    return render(request, "dataprotection/corrections.html", {"items": items})
