"""Pages for screening in asylum and return procedures (issue 18 item 1)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from henvis.apps.audit.log import record
from henvis.apps.cases.access import visible_cases
from henvis.apps.referrals.legal_basis import NoLegalBasis
from henvis.apps.referrals.models import Consent
from henvis.apps.referrals.services import send_referral
from henvis.apps.removals.access import can_lift, can_screen
from henvis.apps.removals.forms import LiftForm, ProcedureForm, ScreeningForm
from henvis.apps.removals.models import Hold, Outcome, Procedure, ProcedureScreening
from henvis.apps.statistics.access import analyst_required
from henvis.apps.statistics.yearly_tables import yearly_tables
from henvis.catalogue import load_catalogue


def _user(request: HttpRequest) -> Any:
    """The logged-in user (the middleware lets no anonymous request reach these views)."""
    return request.user


def _audit(request: HttpRequest, action: str, obj: Any, detail: str = "") -> None:
    record(action, request=request, object_type=obj._meta.model_name, object_id=obj.pk, detail=detail)


def _screener(request: HttpRequest) -> None:
    if not can_screen(request.user):
        raise PermissionDenied


def _procedure(request: HttpRequest, pk: int) -> Procedure:
    """A procedure of a case the user can see, or 404."""
    procedure = Procedure.objects.filter(pk=pk, case__in=visible_cases(request.user)).select_related("case").first()
    if procedure is None:
        raise Http404
    return procedure


def procedure_list(request: HttpRequest) -> HttpResponse:
    _screener(request)
    procedures = list(Procedure.objects.filter(organisation_id=_user(request).organisation_id).select_related("case")[:200])
    record("procedure.list", request=request, object_type="procedure", detail=f"rows={len(procedures)}")
    return render(request, "removals/list.html", {"procedures": procedures})


@require_http_methods(["GET", "POST"])
def procedure_new(request: HttpRequest) -> HttpResponse:
    _screener(request)
    from_case = visible_cases(request.user).filter(pk=int(request.GET["case"])).first() if (
        request.GET.get("case", "").isdigit()) else None
    form = ProcedureForm(request.POST or None, initial={
        "opened": timezone.localdate(), "case_id": from_case.reference if from_case else ""})
    case = None
    if request.method == "POST" and form.is_valid():
        case = visible_cases(request.user).filter(pk=form.cleaned_data["case_id"]).first()
        if case is None or form.year_written not in (None, case.opened.year):
            if case is None:  # another organisation's or no case: a refused access, audited
                record("access.refused", request=request, object_type="case", object_id=form.cleaned_data["case_id"],
                       detail="procedure form")
            case = None
            form.add_error("case_id", _("None of the cases you can see has this number."))
    if request.method == "POST" and form.is_valid() and case is not None:
        procedure = Procedure.objects.create(
            case=case, organisation_id=_user(request).organisation_id, kind=form.cleaned_data["kind"],
            opened=form.cleaned_data["opened"], created_by=_user(request),
        )
        _audit(request, "procedure.create", procedure, detail=f"case={case.pk}")
        return redirect("removals:detail", pk=procedure.pk)
    return render(request, "removals/new.html", {"form": form})


def _detail_context(request: HttpRequest, procedure: Procedure, screening_form: ScreeningForm | None = None) -> dict[str, Any]:
    catalogue = load_catalogue()
    return {
        "procedure": procedure,
        "screenings": [
            {"screening": s, "indicators": [catalogue.indicator(i) for i in s.indicators],
             "hold": getattr(s, "hold", None)}
            for s in procedure.screenings.select_related("referral", "referral__to_organisation")
        ],
        "active_holds": procedure.active_holds(),
        "form": screening_form or ScreeningForm(catalogue=catalogue, initial={"screened_on": timezone.localdate()}),
        "can_screen": can_screen(request.user) and procedure.organisation_id == _user(request).organisation_id,
        "can_lift": can_lift(request.user, procedure.organisation_id),
    }


def procedure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    procedure = _procedure(request, pk)
    _audit(request, "procedure.read", procedure)
    return render(request, "removals/detail.html", _detail_context(request, procedure))


@require_POST
def screen(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the screening; with indicators, send the referral through the referrals service
    (which checks the legal basis and audits); "refer and hold" also places the hold."""
    _screener(request)
    procedure = _procedure(request, pk)
    if procedure.organisation_id != _user(request).organisation_id or procedure.closed:
        raise PermissionDenied
    catalogue = load_catalogue()
    form = ScreeningForm(request.POST, catalogue=catalogue)
    if not form.is_valid():
        return render(request, "removals/detail.html", _detail_context(request, procedure, form), status=400)
    data = form.cleaned_data
    try:
        with transaction.atomic():
            referral = None
            if data["outcome"] != Outcome.NONE:
                to = data["to_organisation"]
                consent = Consent.objects.filter(
                    case=procedure.case, organisation_id=_user(request).organisation_id, given_to=to,
                    withdrawn_on__isnull=True,
                ).last()
                referral = send_referral(request, procedure.case, to, data["purpose"], data["legal_basis"], consent)
            screening = ProcedureScreening.objects.create(
                procedure=procedure, screened_on=data["screened_on"], indicators=data["indicators"],
                catalogue_version=catalogue.version, outcome=data["outcome"], referral=referral, created_by=_user(request),
            )
            _audit(request, "procedure.screen", screening, detail=f"procedure={procedure.pk} outcome={screening.outcome}")
            if screening.outcome == Outcome.REFER_HOLD:
                hold = Hold.objects.create(procedure=procedure, screening=screening)
                _audit(request, "procedure.hold", hold, detail=f"procedure={procedure.pk}")
    except NoLegalBasis as exc:
        form.add_error(None, exc.localised())
        return render(request, "removals/detail.html", _detail_context(request, procedure, form), status=400)
    return redirect("removals:detail", pk=procedure.pk)


@require_http_methods(["GET", "POST"])
def lift(request: HttpRequest, pk: int) -> HttpResponse:
    """The responsible person lifts an active hold, with a reason (audited)."""
    hold = Hold.objects.filter(pk=pk, procedure__case__in=visible_cases(request.user)).select_related(
        "procedure", "screening__referral").first()
    if hold is None:
        raise Http404
    if not can_lift(request.user, hold.procedure.organisation_id):
        raise PermissionDenied
    form = LiftForm(request.POST or None)
    if request.method == "POST" and hold.active and form.is_valid():
        hold.lifted = timezone.now()
        hold.lifted_by = _user(request)
        hold.lift_reason = form.cleaned_data["reason"]
        hold.save(update_fields=["lifted", "lifted_by", "lift_reason"])
        _audit(request, "procedure.lift_hold", hold, detail=f"procedure={hold.procedure_id} reason={hold.lift_reason}")
        return redirect("removals:detail", pk=hold.procedure_id)
    return render(request, "removals/lift.html", {"hold": hold, "form": form}, status=200 if hold.active else 400)


@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close the procedure (e.g. the removal carried out). Refused while a hold is active."""
    _screener(request)
    procedure = _procedure(request, pk)
    if procedure.organisation_id != _user(request).organisation_id:
        raise PermissionDenied
    if procedure.active_holds():
        context = _detail_context(request, procedure)
        context["error"] = _("The procedure is held by a screening: it cannot be closed until the referral is answered "
                             "or a responsible person lifts the hold.")
        return render(request, "removals/detail.html", context, status=409)
    procedure.closed = timezone.localdate()
    procedure.save(update_fields=["closed"])
    _audit(request, "procedure.close", procedure)
    return redirect("removals:detail", pk=procedure.pk)


def yearly_figures() -> dict[str, dict[int, int]]:
    """Persons screened, with indicators, referred, and removals held, per year of screening."""
    screenings = ProcedureScreening.objects.annotate(year=ExtractYear("screened_on"))

    def persons(qs: Any) -> dict[int, int]:
        rows = qs.values("year").annotate(n=Count("procedure__case__person", distinct=True)).values_list("year", "n")
        return {int(y): int(n) for y, n in rows}

    held = (Hold.objects.annotate(year=ExtractYear("screening__screened_on")).values("year")
            .annotate(n=Count("procedure", distinct=True)).values_list("year", "n"))
    return {
        "screened": persons(screenings),
        "with_indicators": persons(screenings.exclude(outcome=Outcome.NONE)),
        "referred": persons(screenings.filter(referral__isnull=False)),
        "held": {int(y): int(n) for y, n in held},
    }


MEASURES = (
    ("screened", gettext_lazy("Persons screened")),
    ("with_indicators", gettext_lazy("Persons with indicators")),
    ("referred", gettext_lazy("Persons referred")),
    ("held", gettext_lazy("Removals held")),
)


@analyst_required
def statistics(request: HttpRequest) -> HttpResponse:
    figures = yearly_figures()
    tables = yearly_tables(figures, MEASURES, nested=("screened", "with_indicators", "referred"))
    record("statistics.read", request=request, object_type="statistics", detail="procedure screenings")
    return render(request, "removals/statistics.html", {"tables": tables})
