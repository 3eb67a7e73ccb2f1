"""Case pages. Every case is found through ``access.get_case`` / ``visible_cases``;
every read or write of personal data is audited (ids only, never values)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from henvis.apps.audit.log import record
from henvis.apps.cases import duplicates, idempotency, records, services
from henvis.apps.cases.access import (
    audit,
    can_write,
    get_case,
    is_coordinator,
    is_owner,
    visible_cases,
    visible_records,
)
from henvis.apps.cases.choices import CaseStatus
from henvis.apps.cases.deadlines import deadlines_for, unanswered_referrals
from henvis.apps.cases.forms import (
    CaseFilterForm,
    CaseForm,
    CaseSearchForm,
    CloseCaseForm,
    DecisionForm,
    MeasureForm,
    NewCaseForm,
    NonPunishmentForm,
    PersonForm,
    ProceedingForm,
)
from henvis.apps.cases.models import Case, Person, Screening
from henvis.apps.cases.periods import Urgency
from henvis.apps.cases.screening_input import InvalidScreening
from henvis.apps.cases.search import search_cases
from henvis.apps.cases.timeline import timeline
from henvis.apps.organisations.models import Organisation
from henvis.apps.removals.access import can_screen
from henvis.web.areas import deadline_sections
from henvis.web.lists import csv_response, list_params, page_of, sort_from, wants_csv, with_params


def _require_reader(request: HttpRequest) -> None:
    if not getattr(request.user, "can_read_cases", False):
        raise PermissionDenied


LIST_UNSHOWN_PERSON_FIELDS = ("aliases", "national_id", "duf_number", "contact", "children")


# Sort keys the address may ask for (issue 15 item 5): unencrypted columns only, so never
# the person's name (an encrypted column would sort by ciphertext).
CASE_SORTS = {"reference": ("id",), "status": ("status", "-id"), "opened": ("opened", "id"),
              "owner": ("organisation__name", "id")}
CASE_DEFAULT_SORT = "-opened"


def case_list(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    user: Any = request.user
    visible = visible_cases(user)
    # The filter is in the address (GET, bookmarkable). The name search is posted, never
    # put in the address: a name in a URL stays in browser history and in every proxy's
    # access log. The search form posts to the list's address, so the filter stays; a
    # filter field posted with it counts too.
    data = request.GET.copy()
    if request.method == "POST":
        for name in CaseFilterForm.base_fields:
            if name in request.POST:
                data[name] = request.POST[name]
    organisations = Organisation.objects.filter(pk__in=visible.values("organisation_id")).order_by("name")
    form = CaseFilterForm(data, organisations=organisations)
    search = CaseSearchForm(request.POST if request.method == "POST" else None)
    sort, ordering = sort_from(request, CASE_SORTS, CASE_DEFAULT_SORT)
    # The list shows a person's name and age only: the other encrypted fields are not
    # read, so not decrypted (eight Fernet decryptions a row otherwise).
    cases = visible.defer(*(f"person__{name}" for name in LIST_UNSHOWN_PERSON_FIELDS)).order_by(*ordering)
    searched = search.is_valid() and bool(search.cleaned_data["q"].strip())
    if searched:
        cases = search_cases(user, cases, search.cleaned_data["q"])
    if form.is_valid():
        cases = _filter_cases(cases, form.cleaned_data, user)
    params = list_params(form, sort, CASE_DEFAULT_SORT)
    if wants_csv(request):
        return _case_export(request, cases)
    # Paged in the database: only the rows of the page shown are read and decrypted.
    page = page_of(request, cases)
    rows = list(page.object_list)
    record("case.list", request=request, object_type="case", detail=f"rows={len(rows)}")
    return render(request, "cases/list.html", {
        "form": form, "search": search, "searched": searched, "cases": rows, "page": page,
        "list_params": params, "sort": sort, "default_sort": CASE_DEFAULT_SORT,
        "here": with_params(params),
    })


def _filter_cases(cases: Any, data: dict[str, Any], user: Any) -> Any:
    if data["status"]:
        cases = cases.filter(status=data["status"])
    if data["whose"] == "own":
        cases = cases.filter(organisation_id=user.organisation_id)
    elif data["whose"] == "referred":
        cases = cases.exclude(organisation_id=user.organisation_id)
    if data["organisation"]:
        cases = cases.filter(organisation=data["organisation"])
    if data["opened_from"]:
        cases = cases.filter(opened__gte=data["opened_from"])
    if data["opened_to"]:
        cases = cases.filter(opened__lte=data["opened_to"])
    if data["form"]:
        # A JSON list: matched in Python so that SQLite and PostgreSQL agree; the column
        # is not encrypted, so nothing is decrypted for it.
        ids = [pk for pk, forms_ in cases.values_list("pk", "exploitation_forms") if data["form"] in (forms_ or [])]
        cases = cases.filter(pk__in=ids)
    return cases


def _case_export(request: HttpRequest, cases: Any) -> HttpResponse:
    """The list as CSV: the columns the page shows, in words. Names are personal data:
    the export is audited with its row count, like the list."""
    rows = [
        (c.reference, c.person.display_name, c.get_status_display(), c.opened.isoformat(), str(c.organisation))
        for c in cases.select_related("organisation").iterator(chunk_size=500)
    ]
    record("case.export", request=request, object_type="case", detail=f"rows={len(rows)}")
    return csv_response("cases.csv", [_("Case"), _("Person"), _("Status"), _("Opened"), _("Owner")], rows)


def _person_from(request: HttpRequest) -> Person | None:
    """An existing person to open a new case for (``?person=<case id>``), if visible."""
    case_id = request.GET.get("person") or request.POST.get("person_case")
    return services.person_of_owned_case(request.user, case_id) if case_id else None


def _screening_from(request: HttpRequest) -> Screening | None:
    screening_id = request.GET.get("screening") or request.POST.get("screening_id")
    return services.unattached_screening(request.user, screening_id) if screening_id else None


def case_new(request: HttpRequest) -> HttpResponse:
    """Register a person and open a case; warn about look-alike persons before saving."""
    services.require_write(request.user)
    user: Any = request.user
    existing = _person_from(request)
    if existing is not None and request.method == "GET":
        audit(request, "person.read", existing, detail="new case form")
    screening = _screening_from(request)
    person_form = None if existing else PersonForm(request.POST or None)
    case_form = NewCaseForm(request.POST or None, initial={"identified_by_kind": user.organisation.kind})
    candidates: list[duplicates.Candidate] = []
    if request.method == "POST" and case_form.is_valid() and (person_form is None or person_form.is_valid()):
        if (seen := idempotency.seen_page(request, "case")) is not None:
            return _already_saved(request, seen)
        person = existing
        if person_form is not None:
            person = person_form.fill(Person(organisation=user.organisation))
            if request.POST.get("confirmed") != "1":
                candidates = services.duplicate_candidates(request, person)
        if not candidates:
            assert person is not None
            case = services.open_case(request, person, case_form, screening,
                                      lambda: idempotency.claim_page(request, "case"))
            if isinstance(case, idempotency.Claim):
                return _already_saved(request, case)
            messages.success(request, _("The case was saved."))
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/new.html", {
        "person_form": person_form, "case_form": case_form, "candidates": candidates, "existing": existing,
        "screening": screening,
    })


def _already_saved(request: HttpRequest, claim: idempotency.Claim, case: Case | None = None) -> HttpResponse:
    """A form sent again (double click, resubmitted page): nothing is saved twice; go
    where the first submission went."""
    messages.info(request, _("This form was already sent and saved once; nothing was saved again."))
    if case is None and claim.repeat_of is not None:
        case = visible_cases(request.user).filter(pk=claim.repeat_of).first()
    return redirect("cases:detail", pk=case.pk) if case is not None else redirect("cases:list")


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_reader(request)
    case = get_case(request.user, pk)
    audit(request, "case.read", case)
    user: Any = request.user
    events = timeline(user, case)
    # A referral to the user's organisation waiting for its answer: the timeline has read
    # every referral of the case the organisation sent or received (no second query).
    waiting = [e.record for e in events if e.kind == "referral" and e.record.status == "sent"
               and e.record.to_organisation_id == user.organisation_id]
    open_referral = max(waiting, key=lambda r: (r.sent, r.id), default=None)  # the newest, as Referral's ordering
    return render(request, "cases/detail.html", {
        "case": case, "person": case.person, "events": events,
        "owner": is_owner(user, case), "can_write": can_write(user), "coordinator": is_coordinator(user),
        "open_referral": open_referral, "closed": case.status == CaseStatus.CLOSED,
        "can_screen_procedures": can_screen(user),
    })


def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = services.owned_for_write(request.user, pk)
    form = CaseForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        services.update_case(request, form)
        return redirect("cases:detail", pk=case.pk)
    audit(request, "case.read", case, detail="edit form")
    return render(request, "cases/form.html", {"form": form, "case": case, "title": _("Edit case")})


def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = services.owned_for_write(request.user, pk)
    person = case.person
    form = PersonForm(request.POST or None, initial=PersonForm.initial_from(person))
    if request.method == "POST" and form.is_valid():
        services.update_person(request, form, person)
        return redirect("cases:detail", pk=case.pk)
    audit(request, "person.read", person, detail="edit form")
    return render(request, "cases/form.html", {"form": form, "case": case, "title": _("Edit person")})


def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    case = services.closable(request.user, pk)
    form = CloseCaseForm(request.POST or None, instance=case, initial={"closed": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        case = services.close_case(request, form)
        return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/form.html", {"form": form, "case": case, "title": _("Close case")})


RECORD_FORMS: dict[str, tuple[type[forms.ModelForm], str, Any]] = {  # type: ignore[type-arg]
    "measures": (MeasureForm, "measure", gettext_lazy("Add measure")),
    "decisions": (DecisionForm, "decision", gettext_lazy("Add decision")),
    "proceedings": (ProceedingForm, "proceeding", gettext_lazy("Add criminal proceedings")),
    "non-punishment": (NonPunishmentForm, "nonpunishment", gettext_lazy("Add non-punishment assessment")),
}


def record_new(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    """Add a measure, decision, proceeding or assessment; it belongs to the user's organisation."""
    return _record_page(request, pk, what, None)


def record_edit(request: HttpRequest, pk: int, what: str, record_pk: int) -> HttpResponse:
    """Correct a measure, decision, proceeding or assessment, or move a proceeding to its
    next stage. Only the organisation that recorded it may (``records.own_record``)."""
    return _record_page(request, pk, what, record_pk)


def _record_page(request: HttpRequest, pk: int, what: str, record_pk: int | None) -> HttpResponse:
    services.require_write(request.user)
    if what not in RECORD_FORMS:
        raise Http404
    case = get_case(request.user, pk)
    user: Any = request.user
    form_class, action, title = RECORD_FORMS[what]
    instance = None if record_pk is None else records.own_record(form_class, user, case, record_pk)
    if instance is not None and request.method == "GET":
        audit(request, f"{action}.read", instance, detail=f"case={case.pk}")
    form = records.record_form(form_class, request.POST or None, user, case, instance)
    if request.method == "POST" and form.is_valid():
        obj = services.save_record(request, form, case, action,
                                   lambda: idempotency.claim_page(request, f"{action}:{case.pk}"))
        if isinstance(obj, idempotency.Claim):
            return _already_saved(request, obj, case)
        messages.success(request, _("Saved."))
        return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/form.html", {
        "form": form, "case": case, "title": title if instance is None else _("Change record"),
    })


@require_POST
def screening_save(request: HttpRequest) -> HttpResponse:
    """Receive a screening from the identification guide and let the user attach it."""
    services.require_write(request.user)
    case_id = request.POST.get("case")
    case = get_case(request.user, case_id) if case_id else None  # 404 before anything is stored
    try:
        screening = services.save_screening(request, request.POST.get("screening", ""), case)
    except InvalidScreening as exc:
        return render(request, "cases/screening_invalid.html", {"error": str(exc)}, status=400)
    if case is not None:
        messages.success(request, _("The screening was saved to the case."))
        return redirect("cases:detail", pk=case.pk)
    return redirect("cases:screening_attach", pk=screening.pk)


def _attach(request: HttpRequest, screening: Screening, case: Case) -> HttpResponse:
    services.attach_screening(request, screening, case)
    messages.success(request, _("The screening was saved to the case."))
    return redirect("cases:detail", pk=case.pk)


def screening_attach(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose an existing case of one's organisation, or open a new one."""
    services.require_write(request.user)
    user: Any = request.user
    screening = services.unattached_screening(user, pk)
    if request.method == "POST" and request.POST.get("case"):
        return _attach(request, screening, get_case(user, request.POST["case"]))
    own_cases = list(
        visible_cases(user).filter(organisation_id=user.organisation_id).exclude(status=CaseStatus.CLOSED)[:200]
    )
    audit(request, "screening.read", screening)
    record("case.list", request=request, object_type="case", detail=f"rows={len(own_cases)} attach screening")
    return render(request, "cases/screening_attach.html", {"screening": screening, "cases": own_cases})


def screening_detail(request: HttpRequest, pk: int, screening_pk: int) -> HttpResponse:
    _require_reader(request)
    case = get_case(request.user, pk)
    screening = visible_records(Screening.objects.all(), request.user, case).filter(pk=screening_pk).first()
    if screening is None:
        raise Http404
    audit(request, "screening.read", screening)
    return render(request, "cases/screening_detail.html", {"case": case, "screening": screening})


def dashboard(request: HttpRequest) -> HttpResponse:
    """Deadlines: overdue, due within 14 days, later."""
    _require_reader(request)
    today = timezone.localdate()
    items = deadlines_for(request.user, today)
    waiting = unanswered_referrals(request.user, today)
    record("deadline.list", request=request, object_type="case", detail=f"rows={len(items)} referrals={len(waiting)}")
    groups = [
        (Urgency.OVERDUE, _("Overdue"), [d for d in items if d.urgency == Urgency.OVERDUE]),
        (Urgency.DUE_SOON, _("Due within 14 days"), [d for d in items if d.urgency == Urgency.DUE_SOON]),
        (Urgency.LATER, _("Later"), [d for d in items if d.urgency == Urgency.LATER]),
    ]
    return render(request, "cases/dashboard.html", {
        "groups": groups, "pending_referrals": sum(w.incoming for w in waiting), "waiting": waiting,
        "overdue_referrals": sum(w.urgency == Urgency.OVERDUE for w in waiting),
        "answer_days": settings.HENVIS_REFERRAL_ANSWER_DAYS,
        # Held removals, assistance ended with a dropped case, ... (issue 18), from other areas.
        "area_sections": deadline_sections(request, today),
    })
