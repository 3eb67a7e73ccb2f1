"""Background jobs on Django's Tasks framework (django-tasks; the database backend of
django-tasks-db keeps the queue in the application's own database).

* ``email_notification``: one notification's e-mail to its organisation's users;
* ``daily_jobs``: the deadline scan and the retention job, once a day; it queues its own
  next run (``schedule_daily``), so a worker started with ``henvis manage run_jobs`` keeps
  them going without cron."""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import TaskContext, task, task_backends

from henvis.apps.accounts.roles import CASE_READERS
from henvis.apps.notifications.models import Notification

log = logging.getLogger("henvis.jobs")


def notification_link(pk: int) -> str:
    return settings.HENVIS_BASE_URL.rstrip("/") + reverse("notifications:open", args=[pk])


def message_for(pk: int, to: str) -> EmailMessage:
    """The e-mail: a link and nothing else about the matter (no name, no case reference,
    no organisation's message), in the service's default language."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Henvis: a new notification for your organisation")
        body = "\n\n".join([
            _("There is something new for your organisation in Henvis."),
            _("Open it (you will be asked to log in):") + "\n" + notification_link(pk),
            _("This e-mail says nothing about any person or case on purpose. Do not forward it."),
        ]) + "\n"
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


@task()
def email_notification(notification_id: int) -> int:
    """E-mail each active user of the notification's organisation who reads cases and
    has an address. Returns how many messages went."""
    n = Notification.objects.filter(pk=notification_id, emailed__isnull=True).first()
    if n is None:
        return 0
    users = get_user_model().objects.filter(organisation_id=n.organisation_id, is_active=True,
                                            groups__name__in=[str(r) for r in CASE_READERS]).exclude(email="").distinct()
    messages = [message_for(n.pk, u.email) for u in users]
    sent = get_connection().send_messages(messages) if messages else 0
    Notification.objects.filter(pk=n.pk).update(emailed=timezone.now())
    log.info("notification %s e-mailed to %s user(s)", n.pk, sent)
    return sent or 0


def next_daily_run(now: datetime | None = None) -> datetime:
    """The next ``HENVIS_DAILY_JOBS_AT`` (local time, "HH:MM") after ``now``."""
    now = timezone.localtime(now or timezone.now())
    hour, minute = (int(x) for x in settings.HENVIS_DAILY_JOBS_AT.split(":"))
    at = timezone.make_aware(datetime.combine(now.date(), time(hour, minute)))
    return at if at > now else at + timedelta(days=1)


def run_daily_jobs() -> dict[str, Any]:
    from henvis.apps.dataprotection.retention import run as retention_run
    from henvis.apps.notifications.services import scan_deadlines

    report: dict[str, Any] = {"deadline_notifications": scan_deadlines()}
    mode = settings.HENVIS_RETENTION_JOB
    if mode in ("on", "dry-run"):
        result = retention_run(dry_run=mode == "dry-run")
        items = result.report["items"] if mode == "dry-run" else result.report["deleted"]
        report["retention_run"] = result.pk
        report["retention_" + ("would_delete" if mode == "dry-run" else "deleted")] = len(items)
    log.info("daily jobs: %s", report)
    return report


@task(takes_context=True)
def daily_jobs(context: TaskContext) -> dict[str, Any]:
    """The daily jobs, then the next run queued on the same backend, even when this one
    failed (the report of what the retention job deleted is kept as its ``RetentionRun``;
    this task's result holds the counts)."""
    try:
        return run_daily_jobs()
    finally:
        schedule_daily(context.task_result.backend)


def schedule_daily(backend: str | None = None) -> bool:
    """Queue ``daily_jobs`` at its next time unless one is already waiting. Only a backend
    that can defer (the database one) keeps a schedule; returns whether one was queued."""
    name = backend or daily_jobs.backend
    if not task_backends[name].supports_defer:
        return False
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(task_path=daily_jobs.module_path, backend_name=name, status="READY")
    if waiting.exists():
        return False
    daily_jobs.using(backend=name, run_after=next_daily_run()).enqueue()
    return True
