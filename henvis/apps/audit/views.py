from __future__ import annotations

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
    return render(request, "audit/search.html", {"page": page, "q": q})
