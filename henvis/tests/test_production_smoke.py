"""The README's production path, walked as an operator would: a fresh PostgreSQL
database, Redis as the shared cache, `henvis setup` and the demo data loaded twice (the
second run must change nothing), `collectstatic`, gunicorn with several workers; then a
log-in, a case page with its stylesheet, the screening API and /health/, and a clean
shut-down. Runs in scripts/test when DATABASE_URL is PostgreSQL and Redis answers
(.ci/run starts both)."""

from __future__ import annotations

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
REDIS_URL = os.environ.get("HENVIS_SMOKE_REDIS_URL", "redis://127.0.0.1:6379/7")


def _postgres_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("the production smoke test needs DATABASE_URL=postgres://... (.ci/run sets it)")
    return url


def _redis_answers() -> bool:
    parts = urlsplit(REDIS_URL)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=2) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def database() -> Iterator[str]:
    """A new, empty database next to the test database (as on a fresh machine)."""
    import psycopg

    url = _postgres_url()
    if not _redis_answers():
        pytest.skip(f"Redis does not answer at {REDIS_URL} (.ci/run starts redis-server)")
    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'henvis'}_smoke"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def environment(database: str, tmp_path: Path) -> dict[str, str]:
    """Production settings: none of the test suite's switches, real secrets."""
    from cryptography.fernet import Fernet

    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("HENVIS_", "DJANGO_", "PYTEST")) and k != "DATABASE_URL"}
    env.update({
        "DATABASE_URL": database, "HENVIS_SECRET_KEY": secrets.token_urlsafe(48),
        "HENVIS_FIELD_KEYS": Fernet.generate_key().decode(), "HENVIS_REDIS_URL": REDIS_URL,
        "HENVIS_VAR_DIR": str(tmp_path / "var"), "HENVIS_ALLOWED_HOSTS": "127.0.0.1",
        # the demo's persons carry test-registry numbers, which production refuses
        "HENVIS_ACCEPT_SYNTHETIC_IDS": "1",
    })
    return env


def _run(args: list[str], env: dict[str, str], cwd: Path) -> str:
    result = subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 0, f"{args}: {result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    return result.stdout


def _fingerprint(database: str) -> dict[str, str]:
    """Every table's row count and content digest: equal fingerprints, equal data."""
    import psycopg

    out: dict[str, str] = {}
    with psycopg.connect(database) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")]
        for table in tables:
            digest = ("SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "  # noqa: S608
                      f'FROM "{table}" t')  # table names from pg_tables, not from input
            row = conn.execute(digest).fetchone()
            assert row is not None
            out[table] = f"{row[0]}:{row[1]}"
    return out


@pytest.fixture
def server(environment: dict[str, str], database: str, tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[str], Path]]:
    henvis = str(BIN / "henvis")
    _run([henvis, "setup"], environment, tmp_path)
    _run([henvis, "demo", "--no-serve", "--persons", "40"], environment, tmp_path)
    first = _fingerprint(database)
    _run([henvis, "setup"], environment, tmp_path)
    again = _run([henvis, "demo", "--no-serve", "--persons", "40"], environment, tmp_path)
    assert "allerede lastet inn" in again  # the command line speaks Bokmål unless told otherwise
    second = _fingerprint(database)
    changed = sorted(t for t in first if first[t] != second.get(t)) + sorted(set(second) - set(first))
    assert not changed, f"a second setup + demo changed {changed}"
    _run([henvis, "manage", "collectstatic", "--noinput"], environment, tmp_path)
    port = _free_port()
    log = tmp_path / "gunicorn.log"
    with log.open("w") as out:
        process = subprocess.Popen(  # as the README says, with several workers
            [str(BIN / "gunicorn"), "henvis.web.wsgi", "--workers", "3", "--bind", f"127.0.0.1:{port}"],
            env=environment, cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT, text=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(base, process, log)
        yield base, process, log
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=60)


def _wait_until_healthy(base: str, process: subprocess.Popen[str], log: Path) -> None:
    import requests

    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert process.poll() is None, f"gunicorn stopped: {log.read_text()[-3000:]}"
        try:
            if requests.get(f"{base}/health/", timeout=60).status_code == 200:
                return
        except requests.RequestException:  # not listening yet, or a worker still starting
            pass
        time.sleep(0.5)
    pytest.fail(f"gunicorn did not become healthy: {log.read_text()[-3000:]}")


def test_readme_production_path(server: tuple[str, subprocess.Popen[str], Path]) -> None:
    import requests

    base, process, log = server
    health = requests.get(f"{base}/health/", timeout=60)
    assert health.json() == {"status": "ok", "database": "ok", "cache": "ok", "figures_cache": "ok"}

    session = requests.Session()
    assert session.get(f"{base}/accounts/login/", timeout=60).status_code == 200
    login = session.post(f"{base}/accounts/login/", timeout=60, allow_redirects=False, data={
        "username": "rosa", "password": "henvis-demo-2026", "csrfmiddlewaretoken": session.cookies["csrftoken"],
    })
    assert login.status_code == 302, login.text[-2000:]

    cases = session.get(f"{base}/cases/", timeout=60)
    assert cases.status_code == 200
    case_url = re.search(r'href="(/cases/\d+/)"', cases.text)
    assert case_url, "the case list shows no case"
    page = session.get(base + case_url.group(1), timeout=60)
    assert page.status_code == 200 and "HV-" in page.text
    stylesheets = re.findall(r'<link rel="stylesheet"[^>]*href="([^"]+\.css)"', page.text)
    assert stylesheets
    for href in stylesheets:
        assert re.search(r"\.[0-9a-f]{12}\.css$", href), f"{href}: not the collected, hashed file"
        css = requests.get(base + href, timeout=60)
        assert css.status_code == 200 and css.headers["Content-Type"].startswith("text/css")
        assert len(css.content) > 100 and b"{" in css.content
        assert "max-age" in css.headers.get("Cache-Control", "")

    screening = requests.post(f"{base}/api/v1/screening", timeout=60, json={
        "reporter_kind": "ngo", "age": 34, "sex": "male", "needs_safe_place": True,
        "forms": ["forced_labour"], "arenas": ["construction"], "indicators": ["fl-02", "ct-15"],
    })
    assert screening.status_code == 200, screening.text[-2000:]
    assert screening.json()["acute_contacts"]

    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 0
    text = log.read_text()
    assert "Traceback" not in text and "Shutting down: Master" in text, text[-3000:]
