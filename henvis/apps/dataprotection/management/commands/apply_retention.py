"""henvis manage apply_retention [--dry-run] [--json]: delete what has passed its
retention period (``henvis.apps.dataprotection.retention``). Schedule it daily (cron or a
systemd timer, docs/dataprotection.md); the dry run lists what would go."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from henvis.apps.dataprotection.retention import run


class Command(BaseCommand):
    help = "Delete records past their retention period (--dry-run: only list them)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="list what would be deleted, delete nothing")
        parser.add_argument("--json", action="store_true", help="print the whole report as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        result = run(dry_run=options["dry_run"])
        report = result.report
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        verb = "would delete" if options["dry_run"] else "deleted"
        items = report["items"] if options["dry_run"] else report["deleted"]
        self.stdout.write(f"retention run #{result.pk} on {report['today']}: {verb} {len(items)} record(s)")
        for item in items:
            where = f" in {item['case']}" if item["case"] and item["kind"] != "case" else ""
            self.stdout.write(f"  {item['kind']} #{item['number']} ({item['organisation']}){where}, "
                              f"due {item['due']}" + (f" [{item['case']}]" if item["kind"] == "case" else ""))
        for kept in report.get("kept", []):
            self.stdout.write(f"  kept {kept['kind']} #{kept['number']}: {kept['why']}")
        for held in report["held"]:
            self.stdout.write(f"  held {held['case']} ({held['organisation']}): {', '.join(held['holds'])}")
        if report["audit_entries_due"]:
            done = (f"{report['audit_entries_prunable']} would be pruned" if options["dry_run"]
                    else f"{report.get('audit_entries_pruned', 0)} pruned up to a signed anchor")
            self.stdout.write(f"  {report['audit_entries_due']} audit entries past their period: {done} "
                              "(see docs/dataprotection.md)")
        if report.get("audit_prune_refused"):
            self.stdout.write(f"  audit entries NOT pruned, the chain does not verify: {report['audit_prune_refused']}")
