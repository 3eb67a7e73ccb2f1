"""A backup restores into an empty database where the audit chain verifies and a case's
person decrypts; the backup holds key fingerprints and never a key, and a restore
without the keys, or from a changed dump, is refused before anything is written.

The restore runs as an operator would: ``henvis backup restore`` in its own process,
with ``DATABASE_URL`` naming the new database (a new PostgreSQL database, or a new
SQLite file)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.conf import settings as django_settings
from django.db import connection

from henvis.apps.audit.log import record, seal
from henvis.apps.cases.tests.factories import make_case
from henvis.cli.backup import backup

pytestmark = pytest.mark.django_db(transaction=True)

HENVIS = str(Path(sys.executable).with_name("henvis"))


@pytest.fixture
def empty_database(tmp_path: Path) -> Iterator[str]:
    """The URL of a new, empty database of the kind the tests run on."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    db = connection.settings_dict
    name = f"{db['NAME']}_restored"
    admin = f"host={db['HOST'] or '127.0.0.1'} port={db['PORT'] or 5432} user={db['USER']} dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run(args: list[str], database_url: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "HENVIS_TESTING": "1", "HENVIS_LANGUAGE": "en",
                               "DATABASE_URL": database_url, **env})


def _backed_up(tmp_path: Path, make_user: Any) -> tuple[Path, int]:
    user = make_user("rosa", roles=["coordinator"], org="rosa")
    case = make_case(user, given="Ioana", family="Dumitrescu")
    for action in ("case.create", "case.read"):
        record(action, user=user, object_type="case", object_id=case.pk)
    seal()
    out = tmp_path / "backup"
    result = CliRunner().invoke(backup, ["create", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, case.pk


def test_restore_into_an_empty_database_verifies_the_chain_and_decrypts_a_case(
        tmp_path: Path, make_user: Any, empty_database: str) -> None:
    out, case_pk = _backed_up(tmp_path, make_user)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["audit_head"]["position"] >= 2
    assert manifest["key_fingerprints"]["field"] and manifest["key_fingerprints"]["audit"]
    # Fingerprints only: no key in any file of the backup.
    everything = b"".join(p.read_bytes() for p in out.iterdir())
    for key in [*django_settings.HENVIS_FIELD_KEYS, *django_settings.HENVIS_AUDIT_KEYS]:
        assert key.encode() not in everything

    restored = _run([HENVIS, "backup", "restore", str(out)], empty_database)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "audit log intact" in restored.stdout and "decrypted person" in restored.stdout
    # The case reads back in the restored database, with the same keys from the environment.
    read = _run([sys.executable, "-c", (
        "from henvis.cli.django_setup import setup_django; setup_django();"
        "from henvis.apps.cases.models import Case;"
        f"c = Case.objects.select_related('person').get(pk={case_pk});"
        "print(c.person.given_names, c.person.family_name)")], empty_database)
    assert read.stdout.strip() == "Ioana Dumitrescu", read.stderr
    verified = _run([HENVIS, "audit", "verify"], empty_database)
    assert verified.returncode == 0 and "intact" in verified.stdout


def test_restore_without_the_keys_is_refused(tmp_path: Path, make_user: Any, empty_database: str) -> None:
    from cryptography.fernet import Fernet

    out, _ = _backed_up(tmp_path, make_user)
    refused = _run([HENVIS, "backup", "restore", str(out)], empty_database,
                   HENVIS_FIELD_KEYS=Fernet.generate_key().decode())
    assert refused.returncode != 0
    assert "HENVIS_FIELD_KEYS lacks" in refused.stderr
    # Nothing was written: the same database takes the restore once the keys are right.
    assert _run([HENVIS, "backup", "restore", str(out)], empty_database).returncode == 0


def test_a_changed_dump_is_refused(tmp_path: Path, make_user: Any, empty_database: str) -> None:
    out, _ = _backed_up(tmp_path, make_user)
    dump = next(p for p in out.iterdir() if p.name != "manifest.json")
    dump.chmod(0o600)
    with dump.open("ab") as f:
        f.write(b"\0")
    refused = _run([HENVIS, "backup", "restore", str(out)], empty_database)
    assert refused.returncode != 0 and "does not match the manifest" in refused.stderr
