"""REST API for cases (mounted at /api/v1/cases/). Same rules as the pages: every case
is found through ``access.visible_cases``; a case one may not see answers 404 exactly
like a missing one; validation reuses the page forms; every access is audited."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status
from ninja.errors import HttpError

from henvis.apps.audit.log import record
from henvis.apps.cases import idempotency, records, services
from henvis.apps.cases.access import (
    audit,
    get_case,
    visible_cases,
    visible_records,
)
from henvis.apps.cases.deadlines import deadlines_for
from henvis.apps.cases.forms import (
    CaseForm,
    CloseCaseForm,
    DecisionForm,
    MeasureForm,
    NonPunishmentForm,
    PersonForm,
    ProceedingForm,
)
from henvis.apps.cases.models import (
    Case,
    CriminalProceeding,
    Decision,
    Measure,
    NonPunishmentAssessment,
    Person,
    Screening,
)
from henvis.apps.cases.schemas import (
    CandidateOut,
    CaseCreate,
    CaseDetailOut,
    CaseIn,
    CaseOut,
    CaseSearchIn,
    CloseIn,
    DeadlineOut,
    DecisionIn,
    DecisionOut,
    DuplicatesOut,
    EventOut,
    MeasureIn,
    MeasureOut,
    NonPunishmentIn,
    NonPunishmentOut,
    PersonIn,
    PersonOut,
    ProceedingIn,
    ProceedingOut,
    ScreeningIn,
    ScreeningOut,
)
from henvis.apps.cases.screening_input import InvalidScreening
from henvis.apps.cases.search import search_cases
from henvis.apps.cases.timeline import timeline
from henvis.apps.organisations.models import Organisation
from henvis.web.lib.api_errors import ERRORS, ErrorOut, Invalid, answers_invalid, form_errors

router = Router(tags=["cases"])

def org_pk(slug: str | None, field: str) -> int | str:
    if not slug:
        return ""
    pk = Organisation.objects.filter(slug=slug).values_list("pk", flat=True).first()
    if pk is None:
        raise Invalid({field: [f"ukjent organisasjon / unknown organisation: {slug[:80]}"]})
    return int(pk)


def _blank(value: Any) -> Any:
    return "" if value is None else value


def person_form_data(p: PersonIn) -> dict[str, Any]:
    birth = p.birth.strip()
    first, _sep, last = birth.partition("/")
    return {
        "given_names": p.given_names, "family_name": p.family_name, "aliases": ", ".join(p.aliases),
        "birth_precision": p.birth_precision, "birth_date": birth if p.birth_precision == "exact" else "",
        "birth_year": first[:4] if p.birth_precision in ("year", "range") else "", "birth_year_to": last,
        "sex": p.sex, "citizenships": ", ".join(p.citizenships), "national_id": p.national_id,
        "duf_number": p.duf_number, "identity_unknown": p.identity_unknown, "contact": p.contact,
        # Every child given is checked by the form: none is dropped for a missing name.
        "children": "\n".join(f"{c.name}, {c.birth_year}" for c in p.children),
        "minor": p.minor, "age_in_doubt": p.age_in_doubt,
    }


def case_form_data(c: CaseIn) -> dict[str, Any]:
    data = {k: _blank(v) for k, v in c.dict().items()}
    data["opened"] = c.opened or timezone.localdate()
    data["police_district"] = org_pk(c.police_district, "police_district")
    data["country"] = c.country.strip().upper()
    return data


def person_out(p: Person) -> PersonOut:
    age = p.age()
    return PersonOut(
        id=p.pk, given_names=p.given_names or "", family_name=p.family_name or "", aliases=p.aliases or [],
        birth_precision=p.birth_precision, birth=p.birth or "", sex=p.sex, citizenships=p.citizenships or [],
        national_id=p.national_id or "", duf_number=p.duf_number or "", identity_unknown=p.identity_unknown,
        contact=p.contact or "",
        children=p.children or [], minor=p.minor, age_in_doubt=p.age_in_doubt,
        age_status=str(age.status), treated_as_child=age.treat_as_child,
    )


def case_out(c: Case) -> dict[str, Any]:
    return {
        "id": c.pk, "reference": c.reference, "organisation": c.organisation.slug, "status": c.status,
        "opened": c.opened, "closed": c.closed, "closing_reason": c.closing_reason,
        "exploitation_forms": c.exploitation_forms or [], "arenas": c.arenas or [], "place_kind": c.place_kind,
        "municipality": c.municipality, "police_district": c.police_district.slug if c.police_district else None,
        "country": c.country, "identified_how": c.identified_how, "identified_by_kind": c.identified_by_kind,
    }


def _case_rows(request: HttpRequest, q: str, status: str) -> list[Any]:
    cases = search_cases(request.user, visible_cases(request.user), q)
    if status:
        cases = cases.filter(status=status)
    rows = list(cases.select_related("organisation", "police_district")[:500])
    record("case.list", request=request, object_type="case", detail=f"rows={len(rows)} api")
    return [case_out(c) for c in rows]


@router.get("", response={200: list[CaseOut], 403: ErrorOut}, summary="List the cases you can see")
def list_cases(request: HttpRequest, status: str = "") -> Any:
    """Search by name with ``POST /cases/search``: names never go in a URL."""
    return _case_rows(request, "", status)


@router.post("/search", response={200: list[CaseOut], 403: ErrorOut},
             summary="Search your cases by name, alias or case number (in the body, not the URL)")
def search_case_list(request: HttpRequest, payload: CaseSearchIn) -> Any:
    return _case_rows(request, payload.q, payload.status)


@router.post("", response={201: CaseDetailOut, 409: DuplicatesOut, **ERRORS}, summary="Register a person and open a case")
@answers_invalid
def create_case(request: HttpRequest, payload: CaseCreate) -> Any:
    """Answers 409 with look-alike persons of your organisation unless
    ``confirmed_new_person`` is true."""
    services.require_write(request.user)
    user: Any = request.user
    if (payload.person is None) == (payload.person_case_id is None):
        raise HttpError(422, "Oppgi enten person eller person_case_id / Give either person or person_case_id")
    existing: Person | None = None
    if payload.person_case_id is not None:
        existing = services.person_of_owned_case(user, payload.person_case_id)
    case_form = CaseForm(case_form_data(payload.case))
    forms_given: list[forms.BaseForm] = [case_form]
    if payload.person is not None:
        person_form = PersonForm(person_form_data(payload.person))
        forms_given.insert(0, person_form)
    invalid = [form_errors(f) for f in forms_given if not f.is_valid()]
    if invalid:  # the person's and the case's errors at once (their field names differ)
        raise Invalid({k: v for i in invalid for k, v in i.errors.items()},
                      {k: v for i in invalid for k, v in i.errors_en.items()})
    screening = None
    if payload.screening_id is not None:
        screening = services.unattached_screening(user, payload.screening_id)
    if (seen := idempotency.api_seen_before(request, "case")) is not None:
        return _case_replay(request, seen)
    person = existing or person_form.fill(Person(organisation_id=user.organisation_id))
    if existing is None and not payload.confirmed_new_person:
        found = services.duplicate_candidates(request, person, via="api")
        if found:
            return Status(409, DuplicatesOut(
                detail="Personen kan allerede være registrert.", detail_en="The person may already be registered.",
                candidates=[CandidateOut(person_id=c.person.pk, case_ids=[x.pk for x in c.cases], reasons=c.reasons)
                            for c in found],
            ))
    case = services.open_case(request, person, case_form, screening,
                              lambda: idempotency.api_claim(request, "case"), via="api")
    if isinstance(case, idempotency.Claim):  # the same request again while the first was saving
        return _case_replay(request, case)
    return Status(201, {**case_out(case), "person": person_out(person)})


def _case_replay(request: HttpRequest, seen: idempotency.Claim) -> Any:
    """The answer to a repeated ``Idempotency-Key``: the case the first request created."""
    case = visible_cases(request.user).filter(pk=seen.repeat_of or 0).first()
    if case is None:
        raise HttpError(409, "Forespørselen er allerede mottatt / The request was already received")
    audit(request, "case.read", case, detail="api idempotent repeat")
    return Status(201, {**case_out(case), "person": person_out(case.person)})


@router.get("/deadlines", response={200: list[DeadlineOut]}, summary="Deadlines from decisions in your cases")
def list_deadlines(request: HttpRequest) -> Any:
    items = deadlines_for(request.user, timezone.localdate())
    record("deadline.list", request=request, object_type="case", detail=f"rows={len(items)} api")
    return [
        DeadlineOut(case_id=d.case.pk, case_reference=d.case.reference, decision_id=d.decision.pk, kind=d.kind,
                    label=str(d.label), due=d.due, urgency=str(d.urgency))
        for d in items
    ]


@router.get("/{int:case_id}", response={200: CaseDetailOut, 404: ErrorOut}, summary="One case with its person")
def read_case(request: HttpRequest, case_id: int) -> Any:
    case = get_case(request.user, case_id)
    audit(request, "case.read", case, detail="api")
    return {**case_out(case), "person": person_out(case.person)}


@router.put("/{int:case_id}", response={200: CaseOut, **ERRORS}, summary="Update the case (owner only)")
@answers_invalid
def update_case(request: HttpRequest, case_id: int, payload: CaseIn) -> Any:
    case = services.owned_for_write(request.user, case_id)
    form = CaseForm(case_form_data(payload), instance=case)
    if not form.is_valid():
        raise form_errors(form)
    return case_out(services.update_case(request, form, via="api"))


@router.put("/{int:case_id}/person", response={200: PersonOut, **ERRORS}, summary="Update the person (owner only)")
@answers_invalid
def update_person(request: HttpRequest, case_id: int, payload: PersonIn) -> Any:
    case = services.owned_for_write(request.user, case_id)
    form = PersonForm(person_form_data(payload), initial=PersonForm.initial_from(case.person))
    if not form.is_valid():
        raise form_errors(form)
    return person_out(services.update_person(request, form, case.person, via="api"))


@router.post("/{int:case_id}/close", response={200: CaseOut, **ERRORS}, summary="Close the case (owner's coordinator)")
@answers_invalid
def close_case(request: HttpRequest, case_id: int, payload: CloseIn) -> Any:
    case = services.closable(request.user, case_id)
    form = CloseCaseForm(payload.dict(), instance=case)
    if not form.is_valid():
        raise form_errors(form)
    return case_out(services.close_case(request, form, via="api"))


@router.get("/{int:case_id}/timeline", response={200: list[EventOut], 404: ErrorOut}, summary="What happened in the case")
def case_timeline(request: HttpRequest, case_id: int) -> Any:
    case = get_case(request.user, case_id)
    audit(request, "case.read", case, detail="timeline api")
    return [EventOut(on=e.on, kind=e.kind, record_id=e.record.pk, organisation=e.organisation.slug)
            for e in timeline(request.user, case)]


def _record_out(obj: Any, fields: list[str]) -> dict[str, Any]:
    out = {f: getattr(obj, f) for f in fields}
    for slug_field in ("provider", "decided_by", "police_district"):
        if slug_field in out:
            out[slug_field] = out[slug_field].slug if out[slug_field] is not None else None
    if "renewal_of" in out:
        out["renewal_of"] = obj.renewal_of_id
    return {**out, "id": obj.pk, "case_id": obj.case_id, "organisation": obj.organisation.slug}


def _add_record(
    request: HttpRequest, case_id: int, form_class: Any, data: dict[str, Any], action: str,
    record_id: int | None = None,
) -> Any:
    """Add a record to the case, or with ``record_id`` correct one the user's own
    organisation recorded (anyone else's answers 404 like a missing one)."""
    case = get_case(request.user, case_id)
    services.require_write(request.user)
    user: Any = request.user
    instance = None if record_id is None else records.own_record(form_class, user, case, record_id)
    form = records.record_form(form_class, data, user, case, instance)
    if not form.is_valid():
        raise form_errors(form)
    obj = services.save_record(request, form, case, action,
                               lambda: idempotency.api_claim(request, f"{action}:{case.pk}"), via="api")
    if isinstance(obj, idempotency.Claim):  # answer with what the first request created
        return records.own_record(form_class, user, case, obj.repeat_of or 0)
    return obj


def _list_records(request: HttpRequest, case_id: int, model: Any, action: str) -> list[Any]:
    case = get_case(request.user, case_id)
    rows = list(visible_records(model.objects.select_related("organisation"), request.user, case))
    record(f"{action}.list", request=request, object_type="case", object_id=case.pk, detail=f"rows={len(rows)} api")
    return rows


MEASURE_FIELDS = list(MeasureIn.model_fields)
DECISION_FIELDS = list(DecisionIn.model_fields)
PROCEEDING_FIELDS = list(ProceedingIn.model_fields)
NON_PUNISHMENT_FIELDS = list(NonPunishmentIn.model_fields)


def _data(payload: Any, slugs: tuple[str, ...] = ()) -> dict[str, Any]:
    data = {k: _blank(v) for k, v in payload.dict().items()}
    for field in slugs:
        data[field] = org_pk(getattr(payload, field), field)
    return data


@router.get("/{int:case_id}/measures", response={200: list[MeasureOut], 404: ErrorOut}, summary="Measures you may see")
def list_measures(request: HttpRequest, case_id: int) -> Any:
    return [_record_out(m, MEASURE_FIELDS) for m in _list_records(request, case_id, Measure, "measure")]


@router.post("/{int:case_id}/measures", response={201: MeasureOut, **ERRORS}, summary="Add a measure")
@answers_invalid
def add_measure(request: HttpRequest, case_id: int, payload: MeasureIn) -> Any:
    obj = _add_record(request, case_id, MeasureForm, _data(payload, ("provider",)), "measure")
    return Status(201, _record_out(obj, MEASURE_FIELDS))


@router.get("/{int:case_id}/decisions", response={200: list[DecisionOut], 404: ErrorOut}, summary="Decisions you may see")
def list_decisions(request: HttpRequest, case_id: int) -> Any:
    return [_record_out(d, DECISION_FIELDS) for d in _list_records(request, case_id, Decision, "decision")]


@router.post("/{int:case_id}/decisions", response={201: DecisionOut, **ERRORS}, summary="Add a decision")
@answers_invalid
def add_decision(request: HttpRequest, case_id: int, payload: DecisionIn) -> Any:
    obj = _add_record(request, case_id, DecisionForm, _data(payload, ("decided_by",)), "decision")
    return Status(201, _record_out(obj, DECISION_FIELDS))


@router.get("/{int:case_id}/proceedings", response={200: list[ProceedingOut], 404: ErrorOut}, summary="Criminal proceedings you may see")
def list_proceedings(request: HttpRequest, case_id: int) -> Any:
    return [_record_out(p, PROCEEDING_FIELDS) for p in _list_records(request, case_id, CriminalProceeding, "proceeding")]


@router.post("/{int:case_id}/proceedings", response={201: ProceedingOut, **ERRORS}, summary="Add criminal proceedings")
@answers_invalid
def add_proceeding(request: HttpRequest, case_id: int, payload: ProceedingIn) -> Any:
    obj = _add_record(request, case_id, ProceedingForm, _data(payload, ("police_district",)), "proceeding")
    return Status(201, _record_out(obj, PROCEEDING_FIELDS))


@router.get("/{int:case_id}/non-punishment", response={200: list[NonPunishmentOut], 404: ErrorOut}, summary="Non-punishment assessments")
def list_assessments(request: HttpRequest, case_id: int) -> Any:
    rows = _list_records(request, case_id, NonPunishmentAssessment, "nonpunishment")
    return [_record_out(a, NON_PUNISHMENT_FIELDS) for a in rows]


@router.post("/{int:case_id}/non-punishment", response={201: NonPunishmentOut, **ERRORS}, summary="Add a non-punishment assessment")
@answers_invalid
def add_assessment(request: HttpRequest, case_id: int, payload: NonPunishmentIn) -> Any:
    obj = _add_record(request, case_id, NonPunishmentForm, _data(payload), "nonpunishment")
    return Status(201, _record_out(obj, NON_PUNISHMENT_FIELDS))


def _screening_out(s: Screening) -> ScreeningOut:
    return ScreeningOut(id=s.pk, case_id=s.case_id, catalogue_version=s.catalogue_version, created=s.created,
                        organisation=s.organisation.slug, data=s.data)


@router.get("/{int:case_id}/screenings", response={200: list[ScreeningOut], 404: ErrorOut}, summary="Screenings you may see")
def list_screenings(request: HttpRequest, case_id: int) -> Any:
    return [_screening_out(s) for s in _list_records(request, case_id, Screening, "screening")]


@router.post("/{int:case_id}/screenings", response={201: ScreeningOut, **ERRORS}, summary="Save a screening to the case")
@answers_invalid
def add_screening(request: HttpRequest, case_id: int, payload: ScreeningIn) -> Any:
    case = get_case(request.user, case_id)
    try:
        screening = services.save_screening(request, json.dumps(payload.screening), case, via="api")
    except InvalidScreening as exc:
        raise Invalid({"screening": [str(exc)]}) from exc
    return Status(201, _screening_out(screening))


@router.put("/{int:case_id}/measures/{int:record_id}", response={200: MeasureOut, **ERRORS},
            summary="Correct a measure your organisation recorded")
@answers_invalid
def update_measure(request: HttpRequest, case_id: int, record_id: int, payload: MeasureIn) -> Any:
    obj = _add_record(request, case_id, MeasureForm, _data(payload, ("provider",)), "measure", record_id)
    return _record_out(obj, MEASURE_FIELDS)


@router.put("/{int:case_id}/decisions/{int:record_id}", response={200: DecisionOut, **ERRORS},
            summary="Correct a decision your organisation recorded")
@answers_invalid
def update_decision(request: HttpRequest, case_id: int, record_id: int, payload: DecisionIn) -> Any:
    obj = _add_record(request, case_id, DecisionForm, _data(payload, ("decided_by",)), "decision", record_id)
    return _record_out(obj, DECISION_FIELDS)


@router.put("/{int:case_id}/proceedings/{int:record_id}", response={200: ProceedingOut, **ERRORS},
            summary="Correct a proceeding your organisation recorded")
@answers_invalid
def update_proceeding(request: HttpRequest, case_id: int, record_id: int, payload: ProceedingIn) -> Any:
    obj = _add_record(request, case_id, ProceedingForm, _data(payload, ("police_district",)), "proceeding", record_id)
    return _record_out(obj, PROCEEDING_FIELDS)


@router.put("/{int:case_id}/non-punishment/{int:record_id}", response={200: NonPunishmentOut, **ERRORS},
            summary="Correct a assessment your organisation recorded")
@answers_invalid
def update_assessment(request: HttpRequest, case_id: int, record_id: int, payload: NonPunishmentIn) -> Any:
    obj = _add_record(request, case_id, NonPunishmentForm, _data(payload), "nonpunishment", record_id)
    return _record_out(obj, NON_PUNISHMENT_FIELDS)
