"""Pages for cross-border referral (issue 18 item 4): the case's referrals abroad (the
consent, the signed file and the English PDF) and the import of a file from abroad."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_countries import countries

from henvis.apps.cases.access import audit, can_write, get_case, is_owner
from henvis.apps.referrals import crossborder
from henvis.apps.referrals.forms import CrossBorderConsentForm, CrossBorderImportForm
from henvis.apps.referrals.models import CrossBorderConsent


def _points() -> list[tuple[str, str]]:
    return [(m["id"], f"{countries.name(m['country'])}: {m['name']}") for m in crossborder.mechanisms()]


def _contact_points() -> list[dict[str, Any]]:
    """The contact points with the country's name, their role and the note on their phone in
    the page's language, for the table (the sources give them in English; the Bokmål is
    ``role_nb``/``phone_note_nb`` beside them)."""
    bokmal = not (translation.get_language() or "nb").startswith("en")
    return [{**m, "country_name": countries.name(m["country"]),
             "role": m.get("role_nb") or m["role"] if bokmal else m["role"],
             "phone_note": m.get("phone_note_nb") or m["phone_note"] if bokmal else m["phone_note"]}
            for m in crossborder.mechanisms()]


def case_abroad(request: HttpRequest, pk: int) -> HttpResponse:
    """Referral abroad for one case: record the consent, download the file and the PDF."""
    user: Any = request.user
    case = get_case(user, pk)
    if not (can_write(user) and is_owner(user, case)):
        raise PermissionDenied
    form = CrossBorderConsentForm(request.POST or None, points=_points())
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            crossborder.record_consent(request, case, d["contact_point"], d["given_on"], d["form"],
                                       d["includes_name"], d["includes_birth_date"])
        except crossborder.Refused as exc:
            form.add_error(None, exc.localised())
        else:
            messages.success(request, _("The consent to a referral abroad was recorded."))
            return redirect("referrals:case_abroad", pk=case.pk)
    consents = list(CrossBorderConsent.objects.filter(case=case, organisation_id=user.organisation_id))
    if consents:
        audit(request, "crossborder_consent.list", case, detail=f"rows={len(consents)}")
    points = {m["id"]: m for m in _contact_points()}
    rows = [{"consent": c, "point": points.get(c.contact_point)} for c in consents]
    return render(request, "referrals/abroad.html", {"case": case, "form": form, "rows": rows,
                                                     "contact_points": _contact_points()})


def _own_consent(request: HttpRequest, pk: int) -> CrossBorderConsent:
    user: Any = request.user
    consent = CrossBorderConsent.objects.filter(pk=pk, organisation_id=user.organisation_id).first()
    if consent is None:
        raise Http404
    get_case(user, consent.case_id)  # the case must still be visible
    return consent


@require_POST
def export(request: HttpRequest, pk: int) -> HttpResponse:
    consent = _own_consent(request, pk)
    try:
        if request.POST.get("format") == "pdf":
            data = crossborder.export_pdf(request, consent)
            kind, name = "application/pdf", f"referral-{consent.case.reference}-{consent.country}.pdf"
        else:
            data, _document = crossborder.export(request, consent)
            kind, name = "application/json", f"referral-{consent.case.reference}-{consent.country}.json"
    except crossborder.Refused as exc:
        messages.error(request, exc.localised())
        return redirect("referrals:case_abroad", pk=consent.case_id)
    response = HttpResponse(data, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    consent = _own_consent(request, pk)
    crossborder.withdraw_consent(request, consent)
    messages.success(request, _("The consent to a referral abroad was withdrawn."))
    return redirect("referrals:case_abroad", pk=consent.case_id)


def import_page(request: HttpRequest) -> HttpResponse:
    """Read a signed file from abroad into the organisation's referral inbox."""
    user: Any = request.user
    if not can_write(user):
        raise PermissionDenied
    form = CrossBorderImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        limit = settings.HENVIS_CROSSBORDER_MAX_BYTES
        # Read one byte past the limit: enough to refuse, never the whole of a huge upload.
        data = upload.read(limit + 1)
        try:
            referral = crossborder.import_file(request, data)
        except crossborder.Refused as exc:
            form.add_error("file", exc.localised())
        else:
            messages.success(request, _("The referral from abroad is in your inbox, waiting for an answer."))
            return redirect("referrals:detail", pk=referral.pk)
    return render(request, "referrals/abroad_import.html", {
        "form": form, "contact_points": _contact_points(), "partners": sorted(settings.HENVIS_CROSSBORDER_PARTNERS),
    })
