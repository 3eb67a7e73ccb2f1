"""Load benchmark of the production path: gunicorn + PostgreSQL + Redis with the demo's
synthetic data, driven by Locust (bench/load/locustfile.py: caseworkers listing, opening
and updating cases and reading referrals; analysts on the statistics; anonymous
screening), at 10 and 50 users by default.

Printed per page and phase: requests, failures, throughput, p50/p95/p99 in ms, the ratio
of the p95 to the same page's p95 with one user (the baseline, measured first in the same
run against the same server), and the load average (1 min) sampled during the phase.
Also the first /statistics/ view of fresh workers. Nothing here is a pass/fail test; the
targets are printed beside the figures.

    .venv/bin/python bench/load/run.py                       # 10 and 50 users, 1 minute each
    .venv/bin/python bench/load/run.py --users 50 --minutes 10   # the issue's run
    .venv/bin/python bench/load/run.py --sqlite --minutes 2  # the demo: SQLite, its own server

Needs PostgreSQL (DATABASE_URL or --database-url; the database named there is dropped
and created anew, with new keys) and Redis (--redis-url), except with --sqlite: then the
demo as `henvis demo` runs it (a new SQLite file, Django's threaded server, no Redis).
All simulated users come from 127.0.0.1, so the per-address log-in and screening rate
limits are raised for the run.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
TARGETS_MS = {"case page": 200, "case list": 200, "screening API": 100}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def loadavg() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


class LoadSampler(threading.Thread):
    """The 1-minute load average every 5 s while a phase runs."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.samples: list[float] = []
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(5):
            self.samples.append(loadavg())

    def summary(self) -> str:
        values = self.samples or [loadavg()]
        return f"{statistics.mean(values):.1f} (max {max(values):.1f})"


def prepare(env: dict[str, str], database: str, persons: int, workdir: Path) -> None:
    import psycopg

    parts = urlsplit(database)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    henvis = str(BIN / "henvis")
    for args in ([henvis, "setup"], [henvis, "demo", "--no-serve", "--persons", str(persons)],
                 [henvis, "manage", "collectstatic", "--noinput"]):
        print("bench:", " ".join(Path(a).name if a == henvis else a for a in args), flush=True)
        subprocess.run(args, env=env, cwd=workdir, check=True, stdout=subprocess.DEVNULL)


def prepare_demo(env: dict[str, str], persons: int, workdir: Path) -> None:
    print("bench: henvis demo --no-serve (SQLite)", flush=True)
    subprocess.run([str(BIN / "henvis"), "demo", "--no-serve", "--persons", str(persons)],
                   env=env, cwd=workdir, check=True, stdout=subprocess.DEVNULL)


def start_server(env: dict[str, str], workers: int, workdir: Path, *,
                 sqlite: bool = False) -> tuple[subprocess.Popen[bytes], str]:
    import requests

    port = free_port()
    log = (workdir / "server.log").open("wb")
    command = ([str(BIN / "henvis"), "demo", "--port", str(port)] if sqlite else
               [str(BIN / "gunicorn"), "henvis.web.wsgi", "--workers", str(workers), "--bind", f"127.0.0.1:{port}"])
    server = subprocess.Popen(command, env=env, cwd=workdir, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    for _ in range(180):
        try:
            if requests.get(f"{base}/health/", timeout=30).status_code == 200:
                return server, base
        except requests.RequestException:  # not listening yet, or a worker still starting
            pass
        time.sleep(0.5)
    server.kill()
    raise SystemExit(f"the server did not become healthy; see {workdir / 'server.log'}")


def first_statistics_views(base: str, workers: int) -> list[float]:
    """Seconds for /statistics/ right after the workers started, one log-in per view so
    that the views spread over the workers."""
    import requests

    times = []
    for _ in range(workers):
        session = requests.Session()
        session.get(f"{base}/accounts/login/", timeout=30)
        session.post(f"{base}/accounts/login/", timeout=30, data={
            "username": "analytiker", "password": "henvis-demo-2026",
            "csrfmiddlewaretoken": session.cookies.get("csrftoken", "")})
        start = time.perf_counter()
        response = session.get(f"{base}/statistics/", timeout=120)
        times.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise SystemExit(f"/statistics/ answered {response.status_code}")
    return times


def run_phase(base: str, users: int, seconds: int, workdir: Path,
              user_class: str | None = None) -> tuple[list[dict[str, str]], str]:
    label = f"{users}" + (f"-{user_class}" if user_class else "")
    prefix = workdir / f"locust-{label}"
    sampler = LoadSampler()
    sampler.start()
    subprocess.run([str(BIN / "locust"), "-f", str(LOCUSTFILE), "--headless", "--host", base,
                    "-u", str(users), "-r", str(max(1, users // 5)), "-t", f"{seconds}s",
                    "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
                    *([user_class] if user_class else [])],
                   check=False, cwd=workdir, stdout=subprocess.DEVNULL, stderr=(workdir / f"locust-{label}.log").open("w"))
    sampler.stopped.set()
    sampler.join()
    with open(f"{prefix}_stats.csv", newline="") as handle:
        return list(csv.DictReader(handle)), sampler.summary()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--duration", type=int, default=60, help="seconds per phase (default 60)")
    parser.add_argument("--minutes", type=float, help="minutes per phase (instead of --duration)")
    parser.add_argument("--long", action="store_true", help="10 minutes per phase")
    parser.add_argument("--sqlite", action="store_true",
                        help="the demo instead: SQLite and the server `henvis demo` starts (no gunicorn, no Redis)")
    parser.add_argument("--baseline-duration", type=int, default=30, help="seconds of each one-user baseline")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (README: 4)")
    parser.add_argument("--persons", type=int, default=300, help="synthetic persons in the demo data")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/henvis_bench"))
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/7")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    duration = 600 if args.long else round(args.minutes * 60) if args.minutes else args.duration
    if not args.sqlite and not args.database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("bench/load needs PostgreSQL: --database-url postgres://...")
    from cryptography.fernet import Fernet

    workdir = Path(tempfile.mkdtemp(prefix="henvis-load-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HENVIS_", "DJANGO_", "PYTEST"))}
    env.pop("DATABASE_URL", None)
    env.update({
        "HENVIS_VAR_DIR": str(workdir / "var"), "HENVIS_ACCEPT_SYNTHETIC_IDS": "1",
        "HENVIS_LOGIN_RATE": "100000/m", "HENVIS_SCREENING_RATE": "100000/m", "HENVIS_LOG_LEVEL": "WARNING",
    })
    if args.sqlite:  # the demo makes its own keys and SQLite file in HENVIS_VAR_DIR
        prepare_demo(env, args.persons, workdir)
        server_label = "henvis demo (SQLite, Django's threaded server)"
    else:
        env.update({
            "DATABASE_URL": args.database_url, "HENVIS_REDIS_URL": args.redis_url,
            "HENVIS_SECRET_KEY": secrets.token_urlsafe(48), "HENVIS_FIELD_KEYS": Fernet.generate_key().decode(),
        })
        prepare(env, args.database_url, args.persons, workdir)
        server_label = f"gunicorn, {args.workers} workers, PostgreSQL, Redis"
    server, base = start_server(env, args.workers, workdir, sqlite=args.sqlite)
    report: dict[str, object] = {"server": server_label, "workers": args.workers, "duration_s": duration,
                                 "cores": os.cpu_count()}
    try:
        first = first_statistics_views(base, args.workers)
        report["first_statistics_view_s"] = first
        print(f"\nfirst /statistics/ view of fresh workers: {', '.join(f'{t:.2f} s' for t in first)}"
              f"  (target < 1 s; load average {loadavg():.1f})")
        # the baseline: one user of each kind alone, so that every page has an unloaded p95
        baseline: dict[str, float] = {}
        for user_class in ("Caseworker", "Analyst", "Screener"):
            rows, load = run_phase(base, 1, args.baseline_duration, workdir, user_class)
            baseline.update({r["Name"]: float(r["95%"]) for r in rows if r["Name"] != "Aggregated"})
            report[f"baseline_{user_class}"] = {"load": load, "rows": rows}
        print("\n== baseline: one user of each kind alone, p95 ms: "
              + ", ".join(f"{k} {v:.0f}" for k, v in sorted(baseline.items())) + f"; load average {loadavg():.1f}")
        for users in args.users:
            rows, load = run_phase(base, users, duration, workdir)
            report[f"users_{users}"] = {"load": load, "rows": rows}
            errors = sum(int(r["Failure Count"]) for r in rows if r["Name"] == "Aggregated")
            throughput = next((float(r["Requests/s"]) for r in rows if r["Name"] == "Aggregated"), 0.0)
            print(f"\n== {users} users, {duration} s, {server_label}, {os.cpu_count()} cores;"
                  f" {throughput:.1f} requests/s, {errors} errors; load average during the phase: {load}")
            print(f"{'page':<22}{'requests':>9}{'fail':>6}{'req/s':>8}{'p50':>7}{'p95':>7}{'p99':>7}"
                  f"{'p95/1 user':>12}  target  load")
            for row in rows:
                name = row["Name"]
                p95 = float(row["95%"])
                ratio = f"{p95 / baseline[name]:.1f}x" if baseline.get(name) else "-"
                target = TARGETS_MS.get(name)
                mark = "" if target is None else (f"<{target} ok" if p95 < target else f"<{target} MISSED")
                print(f"{name:<22}{row['Request Count']:>9}{row['Failure Count']:>6}{float(row['Requests/s']):>8.1f}"
                      f"{row['50%']:>7}{row['95%']:>7}{row['99%']:>7}{ratio:>12}  {mark:<11} {load}")
    finally:
        server.terminate()
        server.wait(timeout=60)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))
    print(f"\nlogs and CSV files: {workdir}")


if __name__ == "__main__":
    main()
