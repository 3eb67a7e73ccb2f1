from __future__ import annotations

import re
from typing import Any

from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from henvis.apps.accounts.roles import Role
from henvis.apps.audit.log import record
from henvis.apps.audit.models import AuditEntry


def audit_search(request: HttpRequest) -> HttpResponse:
    """Auditors search the log. An organisation's auditor sees the entries made by the
    users of that organisation; the coordination unit's auditor sees all."""
    user = request.user
    if not user.has_role(Role.AUDITOR):  # type: ignore[union-attr]
        raise PermissionDenied
    entries = AuditEntry.objects.all().order_by("-seq")
    if user.organisation is None or user.organisation.kind != "coordination":  # type: ignore[union-attr]
        entries = entries.filter(organisation_id=user.organisation_id)  # type: ignore[union-attr]
    q = {k: request.GET.get(k, "").strip() for k in ("actor", "action", "object_type", "object_id")}
    if q["actor"]:
        entries = entries.filter(actor__iexact=q["actor"])
    if q["action"]:
        entries = entries.filter(action__startswith=q["action"])
    if q["object_type"]:
        entries = entries.filter(object_type=q["object_type"])
    if q["object_id"]:
        entries = entries.filter(object_id=q["object_id"])
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    record("audit.search", request=request, detail=",".join(k for k, v in q.items() if v))
    page.object_list = _name_cases(page.object_list)
    return render(request, "audit/search.html", {"page": page, "q": q})


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
        references = {c.pk: c.reference for c in case_model.objects.filter(pk__in=ids).only("pk", "opened")}
    for e in entries:
        e.case_reference = references.get(int(e.object_id), "") if e.object_type == "case" and e.object_id.isdigit() else ""
        e.detail_text = _CASE_IN_DETAIL.sub(lambda m: references.get(int(m.group(1)), m.group(0)), e.detail or "")
    return entries
