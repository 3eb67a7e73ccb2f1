"""Benchmark: audited requests appending to the audit log at once, on PostgreSQL.

Each simulated request opens a transaction, appends one audit entry, spends
``--hold-ms`` on the rest of its work while the transaction is still open (as a page
does: the entry is written early, the page's queries follow), commits, and then seals
(as ``AuditSealMiddleware`` does). ``--threads`` such requests run at once.

Two runs in the same process, on the same database:

* baseline: the append behind one lock held to commit, as the former design's
  ``SELECT ... FOR UPDATE`` on the single chain-head row did (here a transaction-scoped
  advisory lock, which has the same effect: one holder at a time until commit);
* henvis:   the append as written now (``henvis.apps.audit.log.record``, no lock) and
  the seal after commit.

Prints requests per second and p50/p95 request time for both and the throughput ratio,
then verifies that the chain holds every entry.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/henvis_bench \\
        .venv/bin/python bench/audit_append_bench.py [--threads 16] [--requests 20] [--hold-ms 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _request(with_global_lock: bool, hold: float) -> float:
    from django.db import connection, transaction

    from henvis.apps.audit.chain import seal
    from henvis.apps.audit.log import record

    started = time.perf_counter()
    with transaction.atomic():
        if with_global_lock:
            with connection.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(4242)")
        record("case.read", object_type="case", object_id="bench")
        time.sleep(hold)
    seal()
    return time.perf_counter() - started


def _worker(with_global_lock: bool, requests: int, hold: float) -> list[float]:
    from django.db import connections

    try:
        return [_request(with_global_lock, hold) for _ in range(requests)]
    finally:
        connections.close_all()


def _run(with_global_lock: bool, threads: int, requests: int, hold: float) -> tuple[float, float, float]:
    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        times = [t for ts in pool.map(lambda _: _worker(with_global_lock, requests, hold), range(threads)) for t in ts]
    wall = time.perf_counter() - started
    times.sort()
    return len(times) / wall, statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--requests", type=int, default=20, help="per thread")
    parser.add_argument("--hold-ms", type=float, default=20.0)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("set DATABASE_URL to a PostgreSQL database made for this benchmark (it is migrated and written)")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "henvis.web.settings")
    os.environ.setdefault("HENVIS_SECRET_KEY", "bench-only-secret-key-bench-only-secret-key")
    os.environ.setdefault("HENVIS_AUDIT_CHECKPOINT_DIR", "")
    import django

    django.setup()
    from django.core.management import call_command

    from henvis.apps.audit.chain import verify

    call_command("migrate", verbosity=0)
    hold = args.hold_ms / 1000
    print(f"{args.threads} threads x {args.requests} requests, each holding its transaction {args.hold_ms:g} ms")
    base = _run(True, args.threads, args.requests, hold)
    ours = _run(False, args.threads, args.requests, hold)
    for name, (rate, p50, p95) in (("baseline (one lock to commit)", base), ("henvis (no lock, seal after)", ours)):
        print(f"  {name:<32} {rate:8.1f} requests/s   p50 {p50 * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms")
    print(f"  throughput ratio henvis / baseline: {ours[0] / base[0]:.2f}")
    result = verify()
    print(f"  audit chain after both runs: {'intact' if result.ok else 'BROKEN'}, {result.checked} entries sealed")


if __name__ == "__main__":
    main()
