from __future__ import annotations

import re
from typing import Any

from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from henvis.apps.accounts.roles import Role
from henvis.apps.audit.forms import AuditFilterForm
from henvis.apps.audit.log import record
from henvis.apps.audit.models import AuditEntry
from henvis.apps.organisations.models import Organisation
from henvis.web.lists import csv_response, list_params, page_of, sort_from, wants_csv
from henvis.web.words import action_words, detail_words

# Sort keys the address may ask for; the entry's number breaks ties in the log's order.
AUDIT_SORTS = {"time": ("seq",), "user": ("actor", "-seq"), "action": ("action", "-seq")}
AUDIT_DEFAULT_SORT = "-time"
# The log grows by thousands of entries a day: 50 rows a page (at most PER_PAGE).
AUDIT_PER_PAGE = 50


def auditor_scope(user: Any) -> tuple[QuerySet[AuditEntry], bool]:
    """The entries the auditor may search, and whether that is every organisation's."""
    entries = AuditEntry.objects.all()
    everything = user.organisation is not None and user.organisation.kind == "coordination"
    if not everything:
        entries = entries.filter(organisation_id=user.organisation_id)
    return entries, everything


def audit_search(request: HttpRequest) -> HttpResponse:
    """Auditors search the log. An organisation's auditor sees the entries made by the
    users of that organisation; the coordination unit's auditor sees all, and may narrow
    them to one organisation. The filter and sort are in the address (bookmarkable);
    ``?export=csv`` gives the same rows as a CSV file, itself audited."""
    user: Any = request.user
    if not user.has_role(Role.AUDITOR):
        raise PermissionDenied
    scope, everything = auditor_scope(user)
    actions = list(scope.order_by().values_list("action", flat=True).distinct())
    organisations = Organisation.objects.order_by("name") if everything else None
    form = AuditFilterForm(request.GET, actions=actions, organisations=organisations)
    sort, ordering = sort_from(request, AUDIT_SORTS, AUDIT_DEFAULT_SORT)
    entries = scope.order_by(*ordering)
    if form.is_valid():
        entries = _filtered(entries, form.cleaned_data)
    else:
        entries = entries.none()  # a wrong date or case number shows its error, not everything
    params = list_params(form, sort, AUDIT_DEFAULT_SORT)
    used = ",".join(k for k in params if k != "sort")
    if wants_csv(request):
        return _export(request, entries, used)
    page = page_of(request, entries, per_page=AUDIT_PER_PAGE)
    # Read before the search's own entry is appended, so the page holds what was counted.
    page.object_list = _name_cases(page.object_list)
    record("audit.search", request=request, detail=used)
    return render(request, "audit/search.html", {
        "page": page, "form": form, "list_params": params, "sort": sort, "default_sort": AUDIT_DEFAULT_SORT,
    })


def _filtered(entries: QuerySet[AuditEntry], data: dict[str, Any]) -> QuerySet[AuditEntry]:
    if data["actor"]:
        entries = entries.filter(actor__iexact=data["actor"].strip())
    if data["action"]:
        action = data["action"]
        entries = entries.filter(action=action) if "." in action else entries.filter(action__startswith=f"{action}.")
    if data["date_from"]:
        entries = entries.filter(at__gte=_start_of(data["date_from"]))
    if data["date_to"]:
        entries = entries.filter(at__lt=_start_of(data["date_to"], days=1))
    if data.get("organisation"):
        entries = entries.filter(organisation_id=data["organisation"].pk)
    if data["case"]:
        entries = _about_case(entries, data["case"])
    if data["object_type"]:
        entries = entries.filter(object_type=data["object_type"].strip())
    if data["object_id"]:
        entries = entries.filter(object_id=data["object_id"].strip())
    return entries


def _start_of(day: Any, days: int = 0) -> Any:
    from datetime import datetime, time, timedelta

    return timezone.make_aware(datetime.combine(day + timedelta(days=days), time.min))


def _about_case(entries: QuerySet[AuditEntry], number: str) -> QuerySet[AuditEntry]:
    """Entries about the case itself, and entries about its records that name it in their
    detail (``case=813``: the only way a record's entry names its case). A number whose
    year is not the case's finds nothing; an erased case is found by its number alone."""
    case_id = int(number.rsplit("-", 1)[1])
    case_model = django_apps.get_model("cases", "Case")
    case = case_model.objects.filter(pk=case_id).only("pk", "opened").first()
    if case is not None and case.reference != number:
        return entries.none()
    tag = f"case={case_id}"
    return entries.filter(Q(object_type="case", object_id=str(case_id)) | Q(detail=tag)
                          | Q(detail__startswith=f"{tag} ") | Q(detail__endswith=f" {tag}")
                          | Q(detail__contains=f" {tag} "))


def _export(request: HttpRequest, entries: QuerySet[AuditEntry], used: str) -> HttpResponse:
    """The filtered log as CSV, the columns of the page in words. Exporting is audited
    with its row count, like the search."""
    rows = []
    for e in _name_cases(entries.iterator(chunk_size=2000)):
        rows.append((e.seq, timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"), e.actor,
                     action_words(e.action), _object_text(e), e.ip, e.detail_text))
    record("audit.export", request=request, detail=f"rows={len(rows)} {used}".strip()[:200])
    return csv_response("audit-log.csv", ["#", _("Time"), _("User"), _("Action"), _("Object"), _("From"),
                                          _("Detail")], rows)


def _object_text(e: Any) -> str:
    if e.case_reference:
        return f"{_('Case')} {e.case_reference}"
    return f"{action_words(e.object_type)} {e.object_id}".strip() if e.object_type else ""


_CASE_IN_DETAIL = re.compile(r"\bcase=(\d+)")


def _name_cases(entries: Any) -> list[Any]:
    """Case numbers (HV-2026-000813) instead of database ids ("case 813") on the page:
    ``entry.case_reference`` and ``entry.detail_text`` for the template."""
    entries = list(entries)
    ids = {int(e.object_id) for e in entries if e.object_type == "case" and e.object_id.isdigit()}
    ids |= {int(m) for e in entries for m in _CASE_IN_DETAIL.findall(e.detail or "")}
    references: dict[int, str] = {}
    if ids and django_apps.is_installed("henvis.apps.cases"):
        case_model = django_apps.get_model("cases", "Case")
        for start in range(0, len(ids), 500):
            batch = sorted(ids)[start:start + 500]
            references.update({c.pk: c.reference for c in case_model.objects.filter(pk__in=batch).only("pk", "opened")})
    for e in entries:
        e.case_reference = references.get(int(e.object_id), "") if e.object_type == "case" and e.object_id.isdigit() else ""
        e.detail_text = detail_words(
            _CASE_IN_DETAIL.sub(lambda m: references.get(int(m.group(1)), m.group(0)), e.detail or ""))
    return entries

