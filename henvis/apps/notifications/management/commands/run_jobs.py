"""henvis manage run_jobs: the background worker. Queues the daily jobs (deadline scan
and retention, docs/dataprotection.md) when none is waiting, then runs django-tasks-db's
worker on the same database until stopped (``--batch``: run what is due and exit)."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from henvis.apps.notifications.tasks import next_daily_run, schedule_daily


class Command(BaseCommand):
    help = "Run the background worker (e-mail of notifications, the daily deadline scan and retention job)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="run the jobs that are due, then exit")

    def handle(self, *args: Any, **options: Any) -> None:
        if schedule_daily():
            self.stdout.write(f"daily jobs queued for {next_daily_run():%Y-%m-%d %H:%M}")
        worker_args = ["--no-startup-delay", "--no-reload"] + (["--batch"] if options["batch"] else [])
        call_command("db_worker", *worker_args, verbosity=options["verbosity"])
