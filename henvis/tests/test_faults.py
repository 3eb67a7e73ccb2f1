"""The service under faults (issue #16, item 9), each fault made real rather than mocked:

- the database restarted during load: gunicorn on a database of its own, and every
  connection of that database ended with ``pg_terminate_backend`` (what a PostgreSQL
  restart does to the connections the workers hold), then the database kept closed to new
  connections for a moment (``ALLOW_CONNECTIONS false``: the restart's down time) and
  opened again. The shared PostgreSQL server itself is never stopped: other databases live
  on it. Requests answer 200 or a 503 page in the user's language, never a 500, and the
  same workers answer 200 again once the database is back;
- a worker killed with SIGKILL in the middle of a registry import: all of the import or
  none of it is in the database;
- a full disk while the yearly report is written: a file size limit (RLIMIT_FSIZE) on the
  writing process makes the kernel refuse the write (EFBIG) as a full disk would (ENOSPC);
  no report file, new or half, is left.
"""

from __future__ import annotations

import os
import resource
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
PASSWORD = "henvis-demo-2026"  # noqa: S105 - the synthetic demo users' password


def _postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def _admin(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/postgres"))


def _run(args: list[str], env: dict[str, str], cwd: Path) -> str:
    result = subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True, timeout=1200, check=False)
    assert result.returncode == 0, f"{args}: {result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    return result.stdout


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, str], str, Path]]:
    """A database of its own with the demo's synthetic data: on PostgreSQL a new database
    next to the test database, on SQLite a new file. Production settings, real secrets."""
    from cryptography.fernet import Fernet

    workdir = tmp_path_factory.mktemp("faults")
    url = _postgres_url()
    name = ""
    if url:
        import psycopg

        parts = urlsplit(url)
        name = f"{parts.path.lstrip('/') or 'henvis'}_faults"
        with psycopg.connect(_admin(url), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        database = urlunsplit(parts._replace(path=f"/{name}"))
    else:
        database = f"sqlite:///{workdir / 'faults.sqlite3'}"
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("HENVIS_", "DJANGO_", "PYTEST")) and k != "DATABASE_URL"}
    env.update({
        "DATABASE_URL": database, "HENVIS_SECRET_KEY": secrets.token_urlsafe(48),
        "HENVIS_FIELD_KEYS": Fernet.generate_key().decode(), "HENVIS_VAR_DIR": str(workdir / "var"),
        "HENVIS_ALLOWED_HOSTS": "127.0.0.1", "HENVIS_ACCEPT_SYNTHETIC_IDS": "1",
        "DJANGO_SETTINGS_MODULE": "henvis.web.settings",
    })
    _run([str(BIN / "henvis"), "demo", "--no-serve", "--persons", "20"], env, workdir)
    try:
        yield env, database, workdir
    finally:
        if url:
            import psycopg

            with psycopg.connect(_admin(url), autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- the database restarted during load --------------------------------------------


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _log_in(base: str, username: str) -> Any:
    import requests

    session = requests.Session()
    session.get(f"{base}/accounts/login/", timeout=60)
    answer = session.post(f"{base}/accounts/login/", timeout=60, allow_redirects=False, data={
        "username": username, "password": PASSWORD, "csrfmiddlewaretoken": session.cookies["csrftoken"]})
    assert answer.status_code == 302, answer.text[-2000:]
    return session


def _end_connections(admin: Any, name: str) -> int:
    """What a restart does to the connections the workers hold: they end."""
    rows = admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         "WHERE datname = %s AND pid <> pg_backend_pid()", [name]).fetchall()
    return len(rows)


def test_database_restart_during_load_fails_cleanly_and_recovers(
        demo_database: tuple[dict[str, str], str, Path]) -> None:
    if not _postgres_url():
        pytest.skip("a database restart needs PostgreSQL: SQLite has no server whose connections could end")
    import psycopg
    import requests

    env, database, workdir = demo_database
    name = urlsplit(database).path.lstrip("/")
    port = _free_port()
    log = workdir / "gunicorn.log"
    with log.open("w") as out:
        server = subprocess.Popen([str(BIN / "gunicorn"), "henvis.web.wsgi", "--workers", "2",
                                   "--bind", f"127.0.0.1:{port}"], env=env, cwd=workdir,
                                  stdout=out, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    admin = psycopg.connect(_admin(database), autocommit=True)
    try:
        for _ in range(180):
            assert server.poll() is None, log.read_text()[-3000:]
            try:
                if requests.get(f"{base}/health/", timeout=30).status_code == 200:
                    break
            except requests.RequestException:  # not listening yet
                time.sleep(0.5)
        norwegian = _log_in(base, "rosa")
        english = _log_in(base, "filemon")
        english.post(f"{base}/i18n/setlang/", timeout=60, data={
            "language": "en", "next": "/", "csrfmiddlewaretoken": english.cookies["csrftoken"]})
        assert "Log out" in english.get(f"{base}/cases/", timeout=60).text

        # Load: four users reading the case list without pause while the database restarts.
        statuses: Counter[int] = Counter()
        bodies: list[str] = []
        stop = threading.Event()

        def user(session: Any) -> None:
            while not stop.is_set():
                answer = session.get(f"{base}/cases/", timeout=60)
                statuses[answer.status_code] += 1
                if answer.status_code != 200:
                    bodies.append(answer.text)

        users = [threading.Thread(target=user, args=(s,)) for s in (norwegian, english) * 2]
        for thread in users:
            thread.start()
        try:
            time.sleep(2)
            ended = _end_connections(admin, name)  # a restart with no down time
            time.sleep(2)
            # the restart's down time: the connections end and no new one is let in
            admin.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false')
            ended += _end_connections(admin, name)
            time.sleep(3)
            admin.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true')
            time.sleep(3)
        finally:
            stop.set()
            for thread in users:
                thread.join(timeout=120)
        assert ended > 0, "no connection of the workers was ended: the test modelled no restart"
        assert set(statuses) <= {200, 503}, f"answers during the restart: {dict(statuses)}"
        assert statuses[503] > 0, f"no request met the closed database: {dict(statuses)}"
        assert not any("Traceback" in body for body in bodies)

        # The same workers (no restart of the service) answer again, sessions intact.
        assert server.poll() is None
        for session in (norwegian, english) * 3:
            assert session.get(f"{base}/cases/", timeout=60).status_code == 200

        # What a user sees while the database is away: a page in the user's language.
        admin.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false')
        _end_connections(admin, name)
        page = norwegian.get(f"{base}/cases/", timeout=60)
        assert page.status_code == 503 and page.headers["Retry-After"].isdigit()
        assert '<html lang="nb">' in page.text and "Tjenesten er midlertidig utilgjengelig" in page.text
        page = english.get(f"{base}/cases/", timeout=60)
        assert page.status_code == 503
        assert '<html lang="en">' in page.text and "The service is briefly unavailable" in page.text
        assert requests.get(f"{base}/health/", timeout=60).json()["database"] == "error"
        api = requests.get(f"{base}/api/v1/cases/", timeout=60, headers={"Authorization": "Bearer not-a-token"})
        assert api.status_code == 503 and "midlertidig utilgjengelig" in api.json()["detail"]
        admin.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true')
        assert norwegian.get(f"{base}/cases/", timeout=60).status_code == 200
        assert requests.get(f"{base}/health/", timeout=60).status_code == 200
    finally:
        admin.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true')
        admin.close()
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    assert "Internal Server Error" not in log.read_text()


# --- a worker killed during a registry import ----------------------------------------

IMPORTER = """
import os, sys, time
from pathlib import Path

import django

django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.signals import post_save
from django.test import Client

from henvis.apps.accounts.models import User
from henvis.apps.statistics.models import RegistryImport
from henvis.stats.registry import KOM_SEED_DIR

marker = Path(sys.argv[1])
stall = sys.argv[2] == "stall"


def stall_after_first_file(sender, instance, created, **kwargs):
    # The first file's row is written inside the import's transaction; the process
    # waits here for its SIGKILL, as a worker the kernel or an operator kills would.
    if created and stall:
        marker.write_text(instance.filename)
        time.sleep(600)


post_save.connect(stall_after_first_file, sender=RegistryImport)
client = Client(HTTP_HOST="127.0.0.1")  # the host the deployment allows
client.force_login(User.objects.get(username="analytiker"))
files = [SimpleUploadedFile(p.name, p.read_bytes(), content_type="text/csv")
         for p in sorted(KOM_SEED_DIR.glob("*.csv"))]
answer = client.post("/statistics/imports/", {"kind": "registry", "registry-uploads": files})
assert answer.status_code == 302, answer.status_code
print(len(files))
"""


def _import_state(env: dict[str, str], workdir: Path) -> tuple[int, int]:
    """Registry imports and their audit entries in the database, read by a new process."""
    script = ("import django; django.setup()\n"
              "from henvis.apps.audit.models import AuditEntry\n"
              "from henvis.apps.statistics.models import RegistryImport\n"
              "print(RegistryImport.objects.count(), "
              "AuditEntry.objects.filter(action='statistics.registry_import').count())")
    imports, entries = _run([sys.executable, "-c", script], env, workdir).split()
    return int(imports), int(entries)


def test_a_worker_killed_during_a_registry_import_leaves_all_or_nothing(
        demo_database: tuple[dict[str, str], str, Path]) -> None:
    env, _database, workdir = demo_database
    before = _import_state(env, workdir)
    marker = workdir / "inside-the-import"
    marker.unlink(missing_ok=True)
    worker = subprocess.Popen([sys.executable, "-c", IMPORTER, str(marker), "stall"], env=env, cwd=workdir,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 300
        while not marker.exists():
            assert worker.poll() is None, worker.communicate()[1][-3000:]
            assert time.monotonic() < deadline, "the import never reached its first file"
            time.sleep(0.2)
        assert _import_state(env, workdir) == before  # not committed while it runs
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=60)
    assert worker.returncode == -signal.SIGKILL
    assert _import_state(env, workdir) == before, "a half import is left after the worker's death"

    # The same import again, not killed: all of it, in one go.
    files = int(_run([sys.executable, "-c", IMPORTER, str(marker), "run"], env, workdir).split()[-1])
    assert files >= 2
    assert _import_state(env, workdir) == (before[0] + files, before[1] + files)


# --- a full disk while the report is written -------------------------------------------

WRITER = """
import sys
from pathlib import Path

from henvis.atomic_files import write_all_atomic

out = Path(sys.argv[1])
write_all_atomic({out / "small.csv": lambda tmp: tmp.write_bytes(b"new,small\\n"),
                  out / "big.pdf": lambda tmp: tmp.write_bytes(b"%PDF" + b"x" * 200_000)})
"""


def _limited_to(size: int) -> Any:
    def limit() -> None:  # in the child, before it runs: files cannot grow past `size`
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def test_a_file_limit_in_the_middle_of_writing_leaves_the_old_files(tmp_path: Path) -> None:
    (tmp_path / "small.csv").write_bytes(b"old,small\n")
    (tmp_path / "big.pdf").write_bytes(b"%PDF old")
    result = subprocess.run([sys.executable, "-c", WRITER, str(tmp_path)], capture_output=True, text=True,
                            preexec_fn=_limited_to(100_000), timeout=120, check=False)  # noqa: PLW1509
    assert result.returncode != 0
    assert "File too large" in result.stderr  # the kernel refused the write (EFBIG)
    assert (tmp_path / "small.csv").read_bytes() == b"old,small\n"  # written, but never renamed in
    assert (tmp_path / "big.pdf").read_bytes() == b"%PDF old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.pdf", "small.csv"]


def test_a_full_disk_while_the_report_is_written_leaves_no_report_file(tmp_path: Path) -> None:
    out = tmp_path / "rapport"
    # the report's tables (< 1 kB each) and its HTML (about 220 kB) fit; its PDF does not
    result = subprocess.run([str(BIN / "henvis"), "report", "--year", "2020", "--out", str(out)],
                            capture_output=True, text=True, cwd=tmp_path, preexec_fn=_limited_to(500_000),  # noqa: PLW1509
                            env={**os.environ, "HENVIS_LANGUAGE": "en"},
                            timeout=900, check=False)
    assert result.returncode == 1, result.stderr[-3000:]
    assert "the report was not written (File too large)" in result.stderr
    assert "Traceback" not in result.stderr
    left = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) if out.exists() else []
    assert left == [], f"files left after the failed write: {left}"
