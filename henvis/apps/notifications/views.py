"""The inbox: the organisation's notifications for the logged-in user, opening one (which
marks it read), marking all read, the unread count as JSON for the header, and the
"send reminder" action of the deadlines page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from henvis.apps.audit.log import record
from henvis.apps.cases.deadlines import LABELS
from henvis.apps.notifications import services
from henvis.apps.notifications.models import Notification
from henvis.web.lists import page_of


def _reader(request: HttpRequest) -> Any:
    user: Any = request.user
    if not getattr(user, "can_read_cases", False):
        raise PermissionDenied
    return user


def deadline_label(n: Notification) -> str:
    if n.deadline == "referral_answer":
        return _("Deadline for answering the referral")
    label = LABELS.get(n.deadline)
    return str(label) if label is not None else ""


def inbox(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    services.scan_if_due(user.organisation_id)
    listed = services.for_user(user).select_related("case", "from_organisation")
    page = page_of(request, listed)
    rows = list(page.object_list)
    unread_ids = set(services.unread(user).filter(pk__in=[n.pk for n in rows]).values_list("pk", flat=True))
    record("notification.list", request=request, object_type="notification", detail=f"rows={len(rows)}")
    return render(request, "notifications/inbox.html", {
        "page": page, "rows": [(n, n.pk in unread_ids, deadline_label(n)) for n in rows],
        "unread_total": services.unread_count(user),
    })


def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one read and go where it points (the e-mail's link comes here)."""
    user = _reader(request)
    n = services.for_user(user).filter(pk=pk).first()
    if n is None:
        raise Http404
    services.mark_read(user, Notification.objects.filter(pk=n.pk))
    return redirect(services.target_url(n))


@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    count = services.mark_read(user, services.for_user(user))
    messages.success(request, _("All notifications are marked as read.") if count else _("Nothing was unread."))
    return redirect("notifications:inbox")


def unread_count(request: HttpRequest) -> JsonResponse:
    """The header's count for the page's light poll: a number only. The poll must not keep
    an idle session alive, so it asks the session middleware not to renew it."""
    request.henvis_passive = True  # type: ignore[attr-defined]
    user = request.user
    count = services.unread_count(user) if getattr(user, "can_read_cases", False) else 0
    return JsonResponse({"unread": count}, headers={"Cache-Control": "no-store"})


@require_POST
def remind(request: HttpRequest) -> HttpResponse:
    """Send a reminder of one deadline (deadlines page) to the responsible organisation."""
    user = _reader(request)
    if not user.can_write_cases:
        raise PermissionDenied
    subject = request.POST.get("subject", "")[:80]
    try:
        n = services.send_reminder(user, subject)
    except services.ReminderRefused as exc:
        if exc.reason == "unknown":
            raise Http404 from exc
        if exc.reason == "recent":
            when = formats.date_format(timezone.localtime(exc.next_at), "SHORT_DATETIME_FORMAT")
            messages.warning(request, _("A reminder of this deadline was sent recently; the next can be sent "
                                        "after %(when)s.") % {"when": when})
        else:
            messages.warning(request, _("Your organisation has sent as many reminders as it may today."))
        record("deadline.remind_refused", request=request, object_type="notification", detail=f"{exc.reason} {subject}")
        return redirect("cases:dashboard")
    record("deadline.remind", request=request, object_type="notification", object_id=n.pk,
           detail=f"{subject} to={n.organisation_id}")
    messages.success(request, _("The reminder was sent to %(organisation)s.") % {"organisation": n.organisation})
    return redirect("cases:dashboard")
