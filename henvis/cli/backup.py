"""Backup and restore of the database, with what is needed to read it.

``henvis backup create --out DIR`` writes the database (``pg_dump`` custom format on
PostgreSQL, SQLite's online backup otherwise) and ``manifest.json``: the dump's SHA-256,
the migrations applied, the audit chain's head, and *fingerprints* of the keys the data
needs (field keys, blind-index key, audit keys). Never a key: the keys live in the
environment and are backed up apart (docs/architecture.md, "Backup and restore").

``henvis backup restore DIR`` restores into the empty database that ``DATABASE_URL``
names, after checking the dump against the manifest and that every key the manifest
names is in the environment; then it verifies the audit chain (and that it still holds
the head the manifest recorded) and decrypts a stored person as a check.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import click

from henvis.cli.django_setup import setup_django
from henvis.cli.errors import EXIT_FAILED, Stop, failed
from henvis.cli.language import say, text_of

MANIFEST = "manifest.json"


def fingerprint(purpose: str, key: str | bytes) -> str:
    """Names a key without revealing it (a salted SHA-256, 16 hex digits)."""
    raw = key.encode() if isinstance(key, str) else key
    return hashlib.sha256(f"henvis-{purpose}-key-id:".encode() + raw).hexdigest()[:16]


def key_fingerprints() -> dict[str, list[str]]:
    from django.conf import settings

    from henvis.apps.audit.chain import audit_keys, key_id
    from henvis.apps.cases.blind_index import _index_key

    return {
        "field": [fingerprint("field", k) for k in settings.HENVIS_FIELD_KEYS],
        "blind_index": [fingerprint("blind-index", _index_key())],
        "audit": [key_id(k) for k in audit_keys()],
    }


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _pg_env_and_args(db: dict[str, Any]) -> tuple[dict[str, str], list[str]]:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = ["-U", str(db.get("USER") or "postgres"), "-d", str(db["NAME"])]
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    return env, args


@click.group(help=say("Sikkerhetskopier og gjenopprett databasen med fingeravtrykkene til nøklene som leser den.",
                      "Back up and restore the database with the fingerprints of the keys to read it."))
def backup() -> None:
    pass


@backup.command(help=say("Skriv databasen og manifestet (uten nøkler) til OUT.",
                         "Write the database and its manifest (no keys) to OUT."))
@click.option("--out", "out", type=click.Path(path_type=Path), required=True,
              help=say("En ny, tom mappe.", "A new, empty directory."))
def create(out: Path) -> None:
    setup_django()
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder
    from django.utils import timezone

    from henvis.apps.audit.chain import _head, seal

    seal()  # the backup's chain ends with everything appended so far
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        raise failed(f"{out} er ikke tom", f"{out} is not empty")
    if connection.vendor == "postgresql":
        dump = out / "henvis.pgdump"
        env, args = _pg_env_and_args(connection.settings_dict)
        subprocess.run(["pg_dump", "-Fc", "--no-owner", "--no-privileges", "-f", str(dump), *args],
                       env=env, check=True)
    elif connection.vendor == "sqlite":
        dump = out / "henvis.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(dump)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        raise failed(f"ingen sikkerhetskopi for {connection.vendor}", f"no backup for {connection.vendor}")
    position, mac = _head()
    applied = MigrationRecorder.Migration.objects.order_by("app", "name").values_list("app", "name")
    latest: dict[str, str] = {}
    for app, name in applied:
        latest[app] = max(latest.get(app, ""), name)
    manifest = {
        "format": 1,
        "created": timezone.now().isoformat(timespec="seconds"),
        "vendor": connection.vendor,
        "dump": dump.name,
        "dump_sha256": _sha256(dump),
        "migrations": latest,
        "audit_head": {"position": position, "mac": mac},
        "key_fingerprints": key_fingerprints(),
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    dump.chmod(0o600)
    click.echo(say(f"sikkerhetskopien er skrevet til {out}: {dump.name} og {MANIFEST} (loggkjeden ved forsegling "
                   f"#{position}); ta vare på nøklene (HENVIS_FIELD_KEYS, HENVIS_AUDIT_KEYS, "
                   "HENVIS_BLIND_INDEX_KEY) et annet sted",
                   f"backup written to {out}: {dump.name} and {MANIFEST} (audit chain at seal #{position}); "
                   "back up the keys (HENVIS_FIELD_KEYS, HENVIS_AUDIT_KEYS, HENVIS_BLIND_INDEX_KEY) apart"))


@backup.command(help=say("Gjenopprett DIRECTORY i den tomme databasen DATABASE_URL peker på, og kontroller den så.",
                         "Restore DIRECTORY into the empty database DATABASE_URL names, then check it."))
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
def restore(directory: Path) -> None:
    setup_django()
    from django.db import connection

    manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    dump = directory / manifest["dump"]
    if _sha256(dump) != manifest["dump_sha256"]:
        raise failed(f"{dump.name} stemmer ikke med manifestet: skadet eller endret",
                     f"{dump.name} does not match the manifest: damaged or changed")
    if manifest["vendor"] != connection.vendor:
        raise failed(f"sikkerhetskopien er av {manifest['vendor']}, DATABASE_URL peker på {connection.vendor}",
                     f"the backup is of {manifest['vendor']}, DATABASE_URL names {connection.vendor}")
    have = key_fingerprints()
    missing = {kind: sorted(set(fps) - set(have.get(kind, []))) for kind, fps in manifest["key_fingerprints"].items()}
    missing = {k: v for k, v in missing.items() if v}
    if missing:
        names = {"field": "HENVIS_FIELD_KEYS",
                 "blind_index": say("HENVIS_BLIND_INDEX_KEY (eller feltnøkkelen den avledes av)",
                                    "HENVIS_BLIND_INDEX_KEY (or the field key it derives from)"),
                 "audit": "HENVIS_AUDIT_KEYS"}
        lacking = "; ".join(f"{names.get(kind, kind)} lacks {', '.join(fps)}" for kind, fps in missing.items())
        raise failed(f"nøklene som trengs for å lese sikkerhetskopien, er ikke i miljøet ({lacking})",
                     f"the keys to read this backup are not in the environment: {lacking}")
    with connection.cursor() as cur:
        if connection.introspection.table_names(cur):
            raise failed("måldatabasen er ikke tom; gjenopprett til en ny database",
                         "the target database is not empty; restore into a new database")
    if connection.vendor == "postgresql":
        env, args = _pg_env_and_args(connection.settings_dict)
        connection.close()
        subprocess.run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *args, str(dump)],
                       env=env, check=True)
    else:
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    click.echo(say(f"gjenopprettet {dump.name} ({manifest['created']})", f"restored {dump.name} ({manifest['created']})"))
    if _check_restored(manifest):
        raise Stop(EXIT_FAILED)


def _check_restored(manifest: dict[str, Any]) -> int:
    from henvis.apps.audit.chain import verify
    from henvis.apps.audit.models import AuditSeal
    from henvis.apps.cases.models import Person

    # Checkpoints published after the backup name entries the backup cannot hold; the
    # manifest's head is the checkpoint that counts here.
    result = verify(seal_first=False, checkpoints=False)
    problems: list[str] = [text_of(problem) for problem in result.problems]
    head = manifest["audit_head"]
    if head["position"]:
        at = AuditSeal.objects.filter(position=head["position"]).values_list("mac", flat=True).first()
        if at != head["mac"]:
            problems.append(say(f"kjeden har ikke forsegling #{head['position']} slik manifestet registrerte den",
                                f"the chain does not hold seal #{head['position']} as the manifest recorded it"))
    if problems:
        click.echo(say(f"loggen er BRUTT etter gjenoppretting: {len(problems)} problem(er)",
                       f"audit log BROKEN after restore: {len(problems)} problem(s)"))
        for problem in problems:
            click.echo(f"  - {problem}")
        return 1
    click.echo(say(f"loggen er intakt: {result.checked} oppføringer kontrollert, hode #{head['position']} som i manifestet",
                   f"audit log intact: {result.checked} entries verified, head #{head['position']} as in the manifest"))
    # Loading a person decrypts its fields (a missing key raises): the keys in the
    # environment read the restored data.
    person = Person.objects.order_by("pk").first()
    if person is not None:
        click.echo(say(f"dekrypterte person #{person.pk} med nøklene i miljøet",
                       f"decrypted person #{person.pk} with the keys in the environment"))
    return 0
