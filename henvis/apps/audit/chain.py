"""The audit chain: sealing pending entries in order, checkpoints outside the database,
and verification (docs/architecture.md, "Audit log").

Seal ``n`` holds ``HMAC(key, mac(n-1) | n | entry)`` for the entry it seals, with the
key's short fingerprint. The key lives in the environment (``HENVIS_AUDIT_KEYS``, newest
first), never in the database, so someone who can only write the database cannot
recompute the chain after deleting or changing entries. Someone who also has the key
could; the checkpoints (the newest position and mac, signed, appended to files in
``HENVIS_AUDIT_CHECKPOINT_DIR`` and written to the log) then still show the rewrite,
as long as they are kept where that person cannot change them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from henvis.apps.audit.models import AuditAnchor, AuditEntry, AuditPending, AuditSeal

logger = logging.getLogger("henvis.audit")

GENESIS = "0" * 64
HASHED_FIELDS = (
    "seq", "at", "actor_id", "actor", "organisation_id", "action", "object_type", "object_id", "ip", "detail",
)
BATCH = 2000
# Any constant: the advisory lock that lets one sealer run at a time on PostgreSQL.
_PG_LOCK = 72_640_219


def audit_keys() -> list[bytes]:
    """The HMAC keys, newest first. Without ``HENVIS_AUDIT_KEYS`` one key is derived
    from ``HENVIS_SECRET_KEY`` (also outside the database); production sets its own
    (README, "Environment")."""
    keys = [k.encode() for k in settings.HENVIS_AUDIT_KEYS]
    if not keys:
        keys = [hmac.new(settings.SECRET_KEY.encode(), b"henvis-audit-chain", hashlib.sha256).hexdigest().encode()]
    return keys


def key_id(key: bytes) -> str:
    """A fingerprint that names a key without revealing it."""
    return hashlib.sha256(b"henvis-audit-key-id:" + key).hexdigest()[:16]


def _payload(entry: AuditEntry) -> bytes:
    fields: dict[str, Any] = {k: getattr(entry, k) for k in HASHED_FIELDS}
    fields["at"] = entry.at.astimezone(UTC).isoformat()
    # Hashed only when set, so that entries sealed before the field existed keep their macs.
    if entry.roles:
        fields["roles"] = entry.roles
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def entry_mac(key: bytes, prev_mac: str, position: int, entry: AuditEntry) -> str:
    message = prev_mac.encode() + b"|" + str(position).encode() + b"|" + _payload(entry)
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _head() -> tuple[int, str]:
    """The newest seal; after a pruning that left no seal, the anchor (the chain goes on
    from where the pruned part ended, not from the genesis)."""
    last = AuditSeal.objects.order_by("-position").first()
    anchor = AuditAnchor.objects.order_by("-position").first()
    if anchor is not None and (last is None or last.position <= anchor.position):
        return anchor.position, anchor.mac
    return (last.position, last.mac) if last is not None else (0, GENESIS)


def _seal_batch() -> int | None:
    """Seal up to ``BATCH`` pending entries; the number sealed, or None when another
    sealer holds the chain (it, or the next one, seals these entries)."""
    key = audit_keys()[0]
    kid = key_id(key)
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cur:
                    # The seal's commit does not wait for the disk (the entry's own commit
                    # did): a seal lost in a crash leaves its entries pending, and they are
                    # sealed again. checkpoint() flushes before it publishes a head.
                    cur.execute("SELECT pg_try_advisory_xact_lock(%s), "
                                "set_config('synchronous_commit', 'off', true)", [_PG_LOCK])
                    if not cur.fetchone()[0]:
                        return None
                pending, entries, (position, prev) = _pending_postgresql()
            else:
                pending = list(AuditPending.objects.order_by("entry_id").values_list("entry_id", flat=True)[:BATCH])
                if not pending:
                    return 0
                entries = AuditEntry.objects.in_bulk(pending)
                position, prev = _head()
            if not pending:
                return 0
            now = timezone.now()
            seals = []
            for entry_id in pending:
                entry = entries.get(entry_id)
                if entry is None:
                    # Marked pending but gone before it was sealed: nothing to seal, and
                    # the missing entry cannot be told from one never written.
                    logger.warning("audit entry #%s was pending but is missing", entry_id)
                    continue
                position += 1
                prev = entry_mac(key, prev, position, entry)
                seals.append(AuditSeal(position=position, entry_id=entry_id, key_id=kid, mac=prev, sealed_at=now))
            # A concurrent sealer (SQLite, or a second process) that took the same
            # positions makes this insert fail: the whole batch is then left to it.
            if connection.vendor == "postgresql":
                _store_postgresql(seals, pending)
            else:
                AuditSeal.objects.bulk_create(seals)
                AuditPending.objects.filter(entry_id__in=pending).delete()
            return len(seals)
    except (IntegrityError, DatabaseError) as exc:
        logger.info("audit sealing left to another sealer (%s)", type(exc).__name__)
        return None


_ENTRY_COLUMNS = ("seq", "at", "actor_id", "actor", "organisation_id", "action", "object_type", "object_id", "ip",
                  "detail", "roles")


def _pending_postgresql() -> tuple[list[int], dict[int, AuditEntry], tuple[int, str]]:
    """The pending ids in order, their entries and the chain head, in one query (read
    after the sealing lock was taken, so all three are of one moment)."""
    entry_table, seal_table = AuditEntry._meta.db_table, AuditSeal._meta.db_table
    anchor_table, pending_table = AuditAnchor._meta.db_table, AuditPending._meta.db_table
    columns = ", ".join(f"e.{name}" for name in _ENTRY_COLUMNS)  # the fields' own names are the columns
    sql = (
        f"SELECT p.entry_id, {columns}, "  # noqa: S608 - names from the models; values are parameters
        f"(SELECT position FROM {seal_table} ORDER BY position DESC LIMIT 1), "
        f"(SELECT mac FROM {seal_table} ORDER BY position DESC LIMIT 1), "
        f"(SELECT position FROM {anchor_table} ORDER BY position DESC LIMIT 1), "
        f"(SELECT mac FROM {anchor_table} ORDER BY position DESC LIMIT 1) "
        f"FROM {pending_table} p LEFT JOIN {entry_table} e ON e.seq = p.entry_id ORDER BY p.entry_id LIMIT %s"
    )
    with connection.cursor() as cur:
        cur.execute(sql, [BATCH])
        rows = cur.fetchall()
    pending: list[int] = []
    entries: dict[int, AuditEntry] = {}
    head: tuple[int, str] = (0, GENESIS)
    for row in rows:
        pending.append(row[0])
        values = row[1:1 + len(_ENTRY_COLUMNS)]
        if values[0] is not None:
            entry = AuditEntry(**dict(zip(_ENTRY_COLUMNS, values, strict=True)))
            entry._state.adding = False
            entries[row[0]] = entry
        seal_position, seal_mac, anchor_position, anchor_mac = row[1 + len(_ENTRY_COLUMNS):]
        # As _head(): after a pruning that left no seal, the chain goes on from the anchor.
        if anchor_position is not None and (seal_position is None or seal_position <= anchor_position):
            head = (anchor_position, anchor_mac)
        elif seal_position is not None:
            head = (seal_position, seal_mac)
    return pending, entries, head


def _store_postgresql(seals: list[AuditSeal], pending: list[int]) -> None:
    """The new seals and the removal of their pending marks, in one statement."""
    seal_table, pending_table = AuditSeal._meta.db_table, AuditPending._meta.db_table
    values: list[Any] = []
    for s in seals:
        values += [s.position, s.entry_id, s.key_id, s.mac, s.sealed_at]
    rows = ", ".join(["(%s, %s, %s, %s, %s)"] * len(seals))
    insert = (f"WITH s AS (INSERT INTO {seal_table} (position, entry_id, key_id, mac, sealed_at) "  # noqa: S608
              f"VALUES {rows}) " if seals else "")
    with connection.cursor() as cur:
        cur.execute(f"{insert}DELETE FROM {pending_table} WHERE entry_id = ANY(%s)",  # noqa: S608
                    [*values, pending])


def seal() -> int:
    """Seal every pending entry (in batches); the number sealed by this call."""
    total = 0
    while True:
        done = _seal_batch()
        total += done or 0
        # A batch short of BATCH emptied the pending list: asking again would cost every
        # audited request a second transaction (on SQLite the database's write lock) to
        # find nothing. Entries appended meanwhile are sealed by their own request's call.
        if done is None or done < BATCH:
            return total


# --- checkpoints -------------------------------------------------------------------

def checkpoint_dir() -> Path | None:
    configured = settings.HENVIS_AUDIT_CHECKPOINT_DIR
    return Path(configured) if configured else None


def _sign(key: bytes, record: dict[str, Any]) -> str:
    body = json.dumps({k: record[k] for k in ("at", "position", "mac", "key_id")}, sort_keys=True).encode()
    return hmac.new(key, b"checkpoint|" + body, hashlib.sha256).hexdigest()


def _flushed_head() -> tuple[int, str]:
    """The chain head, once it is on disk. Seals commit without waiting for the disk
    (``_seal_batch``); a transaction that writes and commits synchronously flushes the
    log up to its commit, and so every seal read before it: a head published outside
    the database is never one that a crash could take back."""
    if connection.vendor != "postgresql":
        return _head()
    with transaction.atomic():
        head = _head()
        with connection.cursor() as cur:
            cur.execute("SELECT set_config('synchronous_commit', 'on', true), txid_current()")
    return head


def checkpoint(directory: Path | None = None) -> dict[str, Any] | None:
    """Publish the chain head: one signed line appended to the day's file in the
    checkpoint directory and one log line. None when nothing is sealed yet."""
    directory = directory or checkpoint_dir()
    position, mac = _flushed_head()
    if position == 0:
        return None
    key = audit_keys()[0]
    line: dict[str, Any] = {
        "at": timezone.now().astimezone(UTC).isoformat(timespec="seconds"), "position": position, "mac": mac,
        "key_id": key_id(key),
    }
    line["signature"] = _sign(key, line)
    if directory is not None:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"audit-checkpoints-{line['at'][:10]}.jsonl"
        with path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(line, sort_keys=True) + "\n")
    logger.info("audit checkpoint position=%d mac=%s key=%s signature=%s",
                position, mac, line["key_id"], line["signature"])
    return line


_next_checkpoint = [0.0]


def maybe_checkpoint() -> None:
    """A checkpoint when the last one in the directory is older than
    ``HENVIS_AUDIT_CHECKPOINT_MINUTES`` (checked at most once a minute per process)."""
    directory = checkpoint_dir()
    now = time.time()
    if directory is None or now < _next_checkpoint[0]:
        return
    interval = settings.HENVIS_AUDIT_CHECKPOINT_MINUTES * 60
    files = sorted(directory.glob("audit-checkpoints-*.jsonl")) if directory.exists() else []
    newest = files[-1].stat().st_mtime if files else 0.0
    if now - newest >= interval:
        checkpoint(directory)
        newest = now
    _next_checkpoint[0] = min(newest + interval, now + 60)


def read_checkpoints(directory: Path) -> list[tuple[str, dict[str, Any] | None]]:
    """Every line of every checkpoint file as (where, parsed or None when unreadable)."""
    lines: list[tuple[str, dict[str, Any] | None]] = []
    for path in sorted(directory.glob("audit-checkpoints-*.jsonl")):
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not text.strip():
                continue
            try:
                lines.append((f"{path.name}:{n}", json.loads(text)))
            except json.JSONDecodeError:
                lines.append((f"{path.name}:{n}", None))
    return lines


# --- pruning up to a signed anchor ------------------------------------------------

def _sign_anchor(key: bytes, anchor: dict[str, Any]) -> str:
    body = json.dumps({k: anchor[k] for k in ("at", "position", "mac", "key_id", "entries_pruned",
                                              "written_before")}, sort_keys=True).encode()
    return hmac.new(key, b"anchor|" + body, hashlib.sha256).hexdigest()


def anchor_valid(anchor: AuditAnchor, keys: dict[str, bytes]) -> bool:
    key = keys.get(anchor.key_id)
    fields = {"at": anchor.at, "position": anchor.position, "mac": anchor.mac, "key_id": anchor.key_id,
              "entries_pruned": anchor.entries_pruned, "written_before": anchor.written_before}
    return key is not None and hmac.compare_digest(_sign_anchor(key, fields), anchor.signature)


def current_anchor() -> AuditAnchor | None:
    return AuditAnchor.objects.order_by("-position").first()


@dataclass(frozen=True)
class PruneResult:
    entries: int  # pruned (or, in a dry run, that would be)
    position: int  # the new anchor's position (0: nothing pruned)


class PruneRefused(Exception):
    """The chain does not verify: pruning would destroy the evidence."""


def prunable(before: datetime) -> tuple[int, int]:
    """(last position, number of entries) of the longest run of sealed entries from
    the chain's start that were all written before ``before``. Only a prefix can go: a
    gap in the middle would look like a deletion."""
    anchor = current_anchor()
    start = anchor.position if anchor is not None else 0
    newer = AuditSeal.objects.filter(position__gt=start,
                                     entry_id__in=AuditEntry.objects.filter(at__gte=before).values("seq"))
    first_kept = newer.order_by("position").values_list("position", flat=True).first()
    last = first_kept - 1 if first_kept is not None else _head()[0]
    return last, max(0, AuditSeal.objects.filter(position__gt=start, position__lte=last).count())


def prune(before: datetime, dry_run: bool = False, directory: Path | None = None) -> PruneResult:
    """Delete the oldest sealed entries written before ``before`` (their retention ended)
    and their seals, leaving a signed anchor at the last pruned seal. Verification then
    starts from the anchor: the rest of the chain stays checkable, and deleting or
    changing anything after it is still found. Refused when the chain does not verify
    now, so that pruning never removes the evidence of a break."""
    seal()
    last, count = prunable(before)
    if dry_run or count == 0:
        return PruneResult(entries=count, position=last if count else 0)
    result = verify(directory=directory, seal_first=False)
    if not result.ok:
        raise PruneRefused("; ".join(result.problems[:5]))
    key = audit_keys()[0]
    with transaction.atomic():
        mac = AuditSeal.objects.get(position=last).mac
        fields: dict[str, Any] = {
            "at": timezone.now().astimezone(UTC).isoformat(timespec="seconds"), "position": last, "mac": mac,
            "key_id": key_id(key), "entries_pruned": count,
            "written_before": before.astimezone(UTC).isoformat(timespec="seconds"),
        }
        AuditAnchor.objects.create(signature=_sign_anchor(key, fields), **fields)
        with connection.cursor() as cur:
            if connection.vendor == "postgresql":
                # The append-only triggers let this transaction alone delete
                # (migration 0004); the anchor above is what makes the deletion checkable.
                cur.execute("SET LOCAL henvis.audit_prune = 'on'")
        AuditEntry.objects.filter(seq__in=AuditSeal.objects.filter(position__lte=last).values("entry_id")).delete()
        AuditSeal.objects.filter(position__lte=last).delete()
    # Published like a checkpoint, so a copy of the anchor lives outside the database.
    directory = directory or checkpoint_dir()
    if directory is not None:
        directory.mkdir(parents=True, exist_ok=True)
        line = {"at": fields["at"], "position": last, "mac": mac, "key_id": fields["key_id"]}
        line["signature"] = _sign(key, line)
        with (directory / f"audit-checkpoints-{line['at'][:10]}.jsonl").open("a", encoding="utf-8") as f:
            f.write(json.dumps({**line, "anchor": True, "entries_pruned": count}, sort_keys=True) + "\n")
    logger.info("audit log pruned: %d entries up to seal #%d (written before %s)", count, last,
                fields["written_before"])
    return PruneResult(entries=count, position=last)


# --- verification ------------------------------------------------------------------

class Problem(str):
    """A problem verification found: the English text (what logs and tests read), with the
    Bokmål beside it for the command line (``henvis.cli.language.text_of``)."""

    en: str
    nb: str

    def __new__(cls, en: str, nb: str) -> Problem:
        problem = super().__new__(cls, en)
        problem.en, problem.nb = en, nb
        return problem


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    problems: list[Problem]
    checkpoints: int = 0
    sealed_now: int = 0
    anchor: int = 0  # the position the walk started after (entries up to it were pruned)


def verify(directory: Path | None = None, seal_first: bool = True, checkpoints: bool = True) -> VerifyResult:
    """Seal what is pending, then walk the chain from its start and report every break:
    a changed entry, a deleted entry or seal (a gap in the positions), a chain
    recomputed without the key, an entry that is in no seal, and a chain that no longer
    holds what a checkpoint published."""
    sealed_now = seal() if seal_first else 0
    keys = {key_id(k): k for k in audit_keys()}
    problems: list[Problem] = []
    directory = directory or checkpoint_dir()
    published = (read_checkpoints(directory)
                 if checkpoints and directory is not None and directory.exists() else [])
    wanted = {int(c["position"]) for _, c in published if c is not None and isinstance(c.get("position"), int)}
    macs_at: dict[int, str] = {}

    prev, expected, checked, after = GENESIS, 1, 0, 0
    anchor = current_anchor()
    if anchor is not None:
        if anchor_valid(anchor, keys):
            prev, expected, after = anchor.mac, anchor.position + 1, anchor.position
            macs_at[anchor.position] = anchor.mac
        else:
            problems.append(Problem(
                f"anchor at seal #{anchor.position}: signature does not match (forged, or its key is missing)",
                f"ankeret ved forsegling #{anchor.position}: signaturen stemmer ikke (forfalsket, eller nøkkelen "
                "mangler)"))
            anchor = None
    while True:
        seals = list(AuditSeal.objects.filter(position__gt=after).order_by("position")[:BATCH])
        if not seals:
            break
        entries = AuditEntry.objects.in_bulk([s.entry_id for s in seals])
        for s in seals:
            checked += 1
            if s.position != expected:
                problems.append(Problem(
                    f"seals #{expected}-#{s.position - 1} are missing: entries were deleted",
                    f"forseglingene #{expected}–#{s.position - 1} mangler: oppføringer er slettet"))
            key = keys.get(s.key_id)
            entry = entries.get(s.entry_id)
            if key is None:
                problems.append(Problem(
                    f"seal #{s.position}: made with a key that is not in HENVIS_AUDIT_KEYS ({s.key_id})",
                    f"forsegling #{s.position}: laget med en nøkkel som ikke er i HENVIS_AUDIT_KEYS ({s.key_id})"))
            elif entry is None:
                problems.append(Problem(f"seal #{s.position}: entry #{s.entry_id} was deleted",
                                        f"forsegling #{s.position}: oppføring #{s.entry_id} er slettet"))
            elif entry_mac(key, prev, s.position, entry) != s.mac:
                problems.append(Problem(
                    f"seal #{s.position}: entry #{s.entry_id} was changed, or the chain was rewritten before it",
                    f"forsegling #{s.position}: oppføring #{s.entry_id} er endret, eller kjeden er skrevet om før den"))
            if s.position in wanted:
                macs_at[s.position] = s.mac
            prev, expected, after = s.mac, s.position + 1, s.position
    last_position = expected - 1
    if anchor is not None:
        # Seals at or before the anchor should have gone with the pruning: one there now was
        # added afterwards, outside the chain that is walked.
        for position in AuditSeal.objects.filter(position__lte=anchor.position).values_list("position", flat=True)[:20]:
            problems.append(Problem(
                f"seal #{position} lies at or before the anchor at seal #{anchor.position}: "
                "it is outside the verified chain",
                f"forsegling #{position} ligger ved eller før ankeret ved forsegling #{anchor.position}: "
                "den er utenfor den kontrollerte kjeden"))

    # Entries that are neither sealed nor waiting for it: their pending mark was removed
    # so that they could be deleted without a trace later.
    loose = AuditEntry.objects.exclude(seq__in=AuditSeal.objects.values("entry_id")).exclude(
        seq__in=AuditPending.objects.values("entry_id"))
    for seq in loose.values_list("seq", flat=True)[:20]:
        problems.append(Problem(f"entry #{seq} is in no seal and not waiting for one",
                                f"oppføring #{seq} er ikke forseglet og venter ikke på forsegling"))

    for where, c in published:
        if c is None or not {"at", "position", "mac", "key_id", "signature"} <= set(c):
            problems.append(Problem(f"checkpoint {where}: unreadable", f"kontrollpunkt {where}: kan ikke leses"))
            continue
        key = keys.get(c["key_id"])
        if key is None or not hmac.compare_digest(_sign(key, c), str(c["signature"])):
            problems.append(Problem(
                f"checkpoint {where}: signature does not match (forged, or its key is missing)",
                f"kontrollpunkt {where}: signaturen stemmer ikke (forfalsket, eller nøkkelen mangler)"))
        elif c["position"] > last_position:
            problems.append(Problem(
                f"checkpoint {where} ({c['at']}) published seal #{c['position']}, but the chain ends at "
                f"#{last_position}: entries at the end were deleted",
                f"kontrollpunkt {where} ({c['at']}) publiserte forsegling #{c['position']}, men kjeden slutter "
                f"ved #{last_position}: oppføringer på slutten er slettet"))
        elif anchor is not None and c["position"] < anchor.position and c["position"] not in macs_at:
            continue  # published before the entries up to it were pruned: nothing left to compare
        elif macs_at.get(c["position"]) != c["mac"]:
            problems.append(Problem(
                f"checkpoint {where} ({c['at']}): seal #{c['position']} differs from what was published: "
                "the chain was rewritten",
                f"kontrollpunkt {where} ({c['at']}): forsegling #{c['position']} er ikke den som ble publisert: "
                "kjeden er skrevet om"))
    return VerifyResult(ok=not problems, checked=checked, problems=problems, checkpoints=len(published),
                        sealed_now=sealed_now, anchor=anchor.position if anchor is not None else 0)


