"""Records of a case (measures, decisions, proceedings, assessments): one place for how
their forms are built, whose records may be corrected and how they are saved, shared by
the pages and the API."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import Http404

from henvis.apps.cases.access import visible_records
from henvis.apps.cases.choices import DecisionKind
from henvis.apps.cases.forms import DecisionForm
from henvis.apps.cases.models import Case, Decision


def own_record(form_class: Any, user: Any, case: Case, record_pk: int) -> Any:
    """A record of ``case`` that the user's organisation recorded; any other (missing,
    foreign or only visible) answers 404, so nothing is learnt about it."""
    model: type[models.Model] = form_class._meta.model
    found = model._default_manager.filter(pk=record_pk, case=case, organisation_id=user.organisation_id or 0).first()
    if found is None:
        raise Http404
    return found


def record_form(form_class: Any, data: Any, user: Any, case: Case, instance: Any = None) -> Any:
    """The form for a new record (``instance`` None) or a correction; a decision may
    renew a decision of the user's own organisation (never another organisation's: a
    receiver cannot attach decisions to the owner's, issue 16), but not a reflection
    period, never itself."""
    kwargs: dict[str, Any] = {"instance": instance}
    if form_class is DecisionForm:
        renewable = visible_records(Decision.objects.exclude(kind=DecisionKind.REFLECTION_PERIOD), user, case).filter(
            organisation_id=user.organisation_id or 0,
        )
        kwargs |= {"case": case, "renewable": renewable.exclude(pk=getattr(instance, "pk", None) or 0)}
    return form_class(data, **kwargs)


def save_record(form: Any, user: Any, case: Case) -> Any:
    """Save a valid record form; a new record belongs to the user's organisation."""
    obj = form.save(commit=False)
    if obj.pk is None:
        obj.case, obj.organisation_id, obj.created_by = case, user.organisation_id, user
    if isinstance(obj, Decision) and obj.valid_to is None:
        obj.valid_to = obj.default_valid_to()
    obj.save()
    return obj
