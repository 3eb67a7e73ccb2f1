"""The cost of the main pages for one user, in-process (Django's test client, no server,
no network): milliseconds per page (median and slowest of the runs), the CPU time of this
process per request (median; the server's own work, which waiting for a busy machine or
the database does not inflate as much as the clock), database queries, field
decryptions, audit entries appended and session writes per request.

    .venv/bin/python bench/pages.py --fresh              # new PostgreSQL database with the demo data
    .venv/bin/python bench/pages.py                      # the database and keys of the environment
    .venv/bin/python bench/pages.py --runs 50 --json pages.json

Without --fresh, DATABASE_URL, HENVIS_FIELD_KEYS etc. name a database that `henvis demo`
filled (its users and their password are the demo's). With --fresh, the database named by
--database-url is dropped and made anew with new keys, as bench/load/run.py does.
The figures depend on the machine and on its load: the load average is printed beside
them, and only figures from the same run compare.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent / "load"))

SCREENING = {
    "reporter_kind": "ngo", "age": 34, "sex": "male", "needs_safe_place": True,
    "forms": ["forced_labour"], "arenas": ["construction"], "indicators": ["fl-02", "ct-15"],
}


def loadavg() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def fresh_environment(database: str, persons: int) -> None:
    from cryptography.fernet import Fernet
    from run import prepare  # bench/load/run.py

    workdir = Path(tempfile.mkdtemp(prefix="henvis-pages-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HENVIS_", "DJANGO_", "PYTEST"))}
    env.update({
        "DATABASE_URL": database, "HENVIS_SECRET_KEY": secrets.token_urlsafe(48),
        "HENVIS_FIELD_KEYS": Fernet.generate_key().decode(), "HENVIS_VAR_DIR": str(workdir / "var"),
        "HENVIS_ACCEPT_SYNTHETIC_IDS": "1", "HENVIS_LOG_LEVEL": "WARNING",
    })
    prepare(env, database, persons, workdir)
    os.environ.update(env)


class Counters:
    """Decryptions counted at the one function every encrypted field reads through."""

    def __init__(self) -> None:
        from henvis.apps.cases import crypto

        self.decryptions = 0
        original = crypto.decrypt

        def counted(token: str) -> str:
            self.decryptions += 1
            return original(token)

        crypto.decrypt = counted


def measure(name: str, request: Callable[[], Any], runs: int, counters: Counters) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    request()  # warm: templates compiled, caches filled, as in a running worker
    times: list[float] = []
    cpu: list[float] = []
    queries = decryptions = audits = session_writes = 0
    status = 0
    for _ in range(runs):
        before = counters.decryptions
        with CaptureQueriesContext(connection) as captured:
            start, start_cpu = time.perf_counter(), time.process_time()
            status = request().status_code
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        decryptions = counters.decryptions - before
        queries = len(captured.captured_queries)
        sql = [q["sql"] for q in captured.captured_queries]
        # the ORM's insert, or the one statement of entry and pending mark (PostgreSQL)
        audits = sum(1 for q in sql if q.startswith(('INSERT INTO "audit_auditentry"',
                                                     "WITH e AS (INSERT INTO audit_auditentry")))
        session_writes = sum(1 for q in sql if re.match(r'(INSERT INTO|UPDATE) "django_session"', q))
    times.sort()
    return {"page": name, "status": status, "median_ms": statistics.median(times),
            "max_ms": times[-1], "cpu_ms": statistics.median(cpu), "queries": queries, "decryptions": decryptions,
            "audit_entries": audits, "session_writes": session_writes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fresh", action="store_true", help="make a new database with the demo data first")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/henvis_bench_pages")
    parser.add_argument("--persons", type=int, default=300)
    parser.add_argument("--runs", type=int, default=20, help="requests per page after one warm-up")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if args.fresh:
        fresh_environment(args.database_url, args.persons)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "henvis.web.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from henvis.apps.accounts.models import User

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    counters = Counters()
    caseworker, analyst, anonymous = Client(), Client(), Client()
    caseworker.force_login(User.objects.get(username="rosa"))
    analyst.force_login(User.objects.get(username="analytiker"))
    listing = caseworker.get("/cases/").content.decode()
    case = re.findall(r'href="/cases/(\d+)/"', listing)[0]
    own = re.findall(r'href="/cases/(\d+)/"', caseworker.get("/cases/?whose=own&status=presumed_victim").content.decode())
    edit = own[0] if own else case
    form = caseworker.get(f"/cases/{edit}/edit/").content.decode()
    from form_fields import FormFields  # bench/load/form_fields.py

    fields = FormFields()
    fields.feed(form[form.find("<main"):])
    data: dict[str, list[str]] = {}
    for key, value in fields.fields:
        data.setdefault(key, []).append(value)

    pages: list[tuple[str, Callable[[], Any]]] = [
        ("home", lambda: caseworker.get("/")),
        ("case list", lambda: caseworker.get("/cases/")),
        ("case page", lambda: caseworker.get(f"/cases/{case}/")),
        ("case edit form", lambda: caseworker.get(f"/cases/{edit}/edit/")),
        ("case save", lambda: caseworker.post(f"/cases/{edit}/edit/", data)),
        ("referrals", lambda: caseworker.get("/referrals/")),
        ("statistics", lambda: analyst.get("/statistics/")),
        ("statistics chart", lambda: analyst.get("/statistics/chart/persons.png")),
        ("screening page", lambda: anonymous.get("/screening/")),
        ("screening API", lambda: anonymous.post("/api/v1/screening", SCREENING, content_type="application/json")),
    ]
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"one user, in-process, {args.runs} requests per page after one warm-up; database {engine}; "
          f"load average {loadavg():.1f} at the start")
    print(f"{'page':<18}{'status':>7}{'median ms':>11}{'max ms':>9}{'cpu ms':>8}{'queries':>9}{'decrypt':>9}"
          f"{'audit':>7}{'session':>9}  load")
    rows = []
    for name, request in pages:
        row = measure(name, request, args.runs, counters)
        row["load"] = loadavg()
        rows.append(row)
        print(f"{name:<18}{row['status']:>7}{row['median_ms']:>11.1f}{row['max_ms']:>9.1f}{row['cpu_ms']:>8.1f}"
              f"{row['queries']:>9}"
              f"{row['decryptions']:>9}{row['audit_entries']:>7}{row['session_writes']:>9}  {row['load']:.1f}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
