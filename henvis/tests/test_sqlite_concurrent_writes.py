"""On SQLite (the demo and the default test database), two requests that write at once
must both succeed: the audit log's append reads the chain head and then inserts, which in
a deferred transaction fails with "database is locked" when another request wrote in
between (seen as 500s on /cases/ and /accounts/users/ under the demo's threaded server).
Immediate transactions take the write lock at BEGIN, so the other request waits."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from django.conf import settings


def test_sqlite_transactions_take_the_write_lock_at_begin() -> None:
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return  # PostgreSQL serialises the appends with SELECT ... FOR UPDATE
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert database["OPTIONS"]["timeout"] >= 5


def _read_then_write(path: Path, mode: str, errors: list[str]) -> None:
    con = sqlite3.connect(path, timeout=5, isolation_level=None)
    try:
        con.execute(f"BEGIN {mode}")
        con.execute("SELECT seq FROM head").fetchone()
        time.sleep(0.2)  # the other request writes meanwhile
        con.execute("UPDATE head SET seq = seq + 1")
        con.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        errors.append(str(exc))
    finally:
        con.close()


def _run_two(path: Path, mode: str) -> list[str]:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE IF NOT EXISTS head (seq INTEGER)")
    con.execute("DELETE FROM head")
    con.execute("INSERT INTO head VALUES (0)")
    con.commit()
    con.close()
    errors: list[str] = []
    threads = [threading.Thread(target=_read_then_write, args=(path, mode, errors)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_why_immediate_deferred_read_then_write_fails_when_two_run_at_once(tmp_path: Path) -> None:
    path = tmp_path / "race.sqlite3"
    assert any("locked" in e for e in _run_two(path, "DEFERRED"))
    assert _run_two(path, "IMMEDIATE") == []
