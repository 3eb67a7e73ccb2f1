"""The job runner on the application's own database (django-tasks-db): an e-mail queued
there is sent by the worker, and the daily jobs (deadline scan, retention) keep their own
schedule and leave the retention report."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from henvis.apps.cases.choices import CaseStatus
from henvis.apps.cases.tests.factories import make_case
from henvis.apps.dataprotection.models import RetentionRun
from henvis.apps.notifications import tasks
from henvis.apps.notifications.models import Kind, Notification

# transaction=True: the worker closes connections that sit in a transaction (Django's
# close_old_connections between tasks), which on PostgreSQL ends a test wrapped in one
pytestmark = pytest.mark.django_db(transaction=True)


def _worker() -> None:
    call_command("db_worker", "--batch", "--backend", "database", "--no-startup-delay", "--no-reload", verbosity=0)


def test_the_worker_sends_a_queued_email(rosa: Any) -> None:
    n = Notification.objects.create(organisation=rosa.organisation, kind=Kind.REFERRAL_NEW)
    tasks.email_notification.using(backend="database").enqueue(n.pk)
    assert mail.outbox == []  # queued, not sent by the request
    _worker()
    assert [m.to for m in mail.outbox] == [["rosa@example.org"]]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_the_daily_jobs_run_retention_and_queue_their_next_run(police: Any, settings: Any) -> None:
    settings.HENVIS_RETENTION = {**settings.HENVIS_RETENTION, "case": 30}
    settings.HENVIS_RETENTION_JOB = "on"
    old = make_case(police, status=CaseStatus.CLOSED, closed=date.today() - timedelta(days=400))
    assert tasks.schedule_daily("database") is True
    assert tasks.schedule_daily("database") is False  # one waiting is enough
    queued = DBTaskResult.objects.get()
    assert queued.run_after == tasks.next_daily_run() and queued.run_after > timezone.now()
    # Its time comes: the worker runs it, the case past its period goes, a report is kept
    # and the next run is queued.
    DBTaskResult.objects.update(run_after=timezone.now() - timedelta(minutes=1))
    _worker()
    done = DBTaskResult.objects.get(pk=queued.pk)
    assert done.status == "SUCCESSFUL", done.traceback
    result: dict[str, Any] = done.return_value or {}
    assert result["retention_deleted"] == 1
    run = RetentionRun.objects.get(pk=result["retention_run"])
    assert [(i["kind"], i["case"]) for i in run.report["deleted"]] == [("case", old.reference)]
    waiting = DBTaskResult.objects.filter(status="READY")
    assert waiting.count() == 1 and waiting.get().run_after > timezone.now()


def test_run_jobs_once(police: Any, settings: Any, capsys: Any) -> None:
    settings.TASKS = {**settings.TASKS, "default": settings.TASKS["database"]}  # as in production
    call_command("run_jobs", "--batch")
    assert "daily jobs queued for" in capsys.readouterr().out
    assert DBTaskResult.objects.filter(status="READY").count() == 1
