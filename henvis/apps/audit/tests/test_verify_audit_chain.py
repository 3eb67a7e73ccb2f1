"""The sealed HMAC chain shows every change, deletion and reordering of entries, a
chain recomputed without the key, and (through the checkpoints kept outside the
database) a chain recomputed with it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.db import connection

from henvis.apps.audit.chain import GENESIS, audit_keys, checkpoint, entry_mac, key_id, seal
from henvis.apps.audit.log import record, verify
from henvis.apps.audit.models import AuditEntry, AuditPending, AuditSeal

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _checkpoints(settings: Any, tmp_path: Path) -> Path:
    settings.HENVIS_AUDIT_CHECKPOINT_DIR = str(tmp_path / "checkpoints")
    return tmp_path / "checkpoints"


def _write(n: int) -> None:
    for i in range(n):
        record("case.read", object_type="case", object_id=i)


def _raw(sql: str, params: list[Any]) -> None:
    """Tamper as a database owner would: bypassing the append-only triggers."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_append_only")
            cur.execute("ALTER TABLE audit_auditseal DISABLE TRIGGER audit_seal_append_only")
            cur.execute("ALTER TABLE audit_auditanchor DISABLE TRIGGER audit_anchor_append_only")
        cur.execute(sql, params)
        if connection.vendor == "postgresql":
            cur.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_entry_append_only")
            cur.execute("ALTER TABLE audit_auditseal ENABLE TRIGGER audit_seal_append_only")
            cur.execute("ALTER TABLE audit_auditanchor ENABLE TRIGGER audit_anchor_append_only")


def _rechain(key: bytes) -> None:
    """What somebody with write access to the database would do after deleting entries:
    renumber the seals and recompute every mac with ``key``."""
    _raw("DELETE FROM audit_auditseal", [])
    prev = GENESIS
    for position, entry in enumerate(AuditEntry.objects.order_by("seq"), start=1):
        prev = entry_mac(key, prev, position, entry)
        _raw("INSERT INTO audit_auditseal (position, entry_id, key_id, mac, sealed_at) VALUES (%s, %s, %s, %s, %s)",
             [position, entry.seq, key_id(key), prev, entry.at])


def test_untouched_chain_verifies() -> None:
    _write(5)
    result = verify()
    assert result.ok, result.problems
    assert result.checked == 5 and result.sealed_now == 5
    assert not AuditPending.objects.exists()


def test_changed_entry_is_detected() -> None:
    _write(5)
    seal()
    third = AuditEntry.objects.order_by("seq")[2]
    _raw("UPDATE audit_auditentry SET object_id = %s WHERE seq = %s", ["999", third.seq])
    result = verify()
    assert not result.ok
    assert any(f"entry #{third.seq} was changed" in p for p in result.problems)


def test_deleted_entry_is_detected() -> None:
    _write(5)
    seal()
    second = AuditEntry.objects.order_by("seq")[1]
    _raw("DELETE FROM audit_auditentry WHERE seq = %s", [second.seq])
    assert any("was deleted" in p for p in verify().problems)


def test_deleted_entry_and_its_seal_leave_a_gap() -> None:
    _write(5)
    seal()
    _raw("DELETE FROM audit_auditentry WHERE seq = (SELECT entry_id FROM audit_auditseal WHERE position = 3)", [])
    _raw("DELETE FROM audit_auditseal WHERE position = 3", [])
    assert any("seals #3-#3 are missing" in p for p in verify().problems)


def test_reordered_entries_are_detected() -> None:
    _write(5)
    seal()
    a, b = AuditSeal.objects.get(position=2), AuditSeal.objects.get(position=3)
    # Swap which entry each seal points at, keeping each seal's own mac.
    _raw("UPDATE audit_auditseal SET entry_id = -1 WHERE position = 2", [])
    _raw("UPDATE audit_auditseal SET entry_id = %s WHERE position = 3", [a.entry_id])
    _raw("UPDATE audit_auditseal SET entry_id = %s WHERE position = 2", [b.entry_id])
    assert not verify().ok


def test_an_organisations_entries_deleted_and_rechained_without_the_key_is_detected() -> None:
    for org in (1, 2, 1, 2, 1):
        record("case.read", object_type="case", object_id=org, detail=f"org{org}")
    seal()
    _raw("DELETE FROM audit_auditentry WHERE detail = %s", ["org2"])
    _rechain(b"a key guessed or taken from the database")
    result = verify()
    assert not result.ok
    assert any("key that is not in HENVIS_AUDIT_KEYS" in p for p in result.problems)


def test_rechained_with_the_real_key_is_caught_by_the_checkpoint(settings: Any, _checkpoints: Path) -> None:
    for org in (1, 2, 1, 2, 1):
        record("case.read", object_type="case", object_id=org, detail=f"org{org}")
    seal()
    assert checkpoint() is not None
    assert list(_checkpoints.glob("audit-checkpoints-*.jsonl"))
    _raw("DELETE FROM audit_auditentry WHERE detail = %s", ["org2"])
    _rechain(settings.HENVIS_AUDIT_KEYS[0].encode())
    result = verify()
    assert not result.ok
    # The chain itself is consistent again; only the published head shows the rewrite.
    assert all("checkpoint" in p for p in result.problems)
    assert any("entries at the end were deleted" in p for p in result.problems)


def test_rechained_and_extended_with_the_real_key_is_caught_by_the_checkpoint(settings: Any) -> None:
    _write(4)
    seal()
    checkpoint()
    _raw("DELETE FROM audit_auditentry WHERE seq = (SELECT MIN(seq) FROM audit_auditentry)", [])
    _write(3)  # later entries make the chain long enough again
    _rechain(settings.HENVIS_AUDIT_KEYS[0].encode())
    _raw("DELETE FROM audit_auditpending", [])
    problems = verify().problems
    assert any("differs from what was published" in p for p in problems), problems


def test_a_forged_checkpoint_is_reported(_checkpoints: Path) -> None:
    _write(2)
    seal()
    checkpoint()
    path = next(_checkpoints.glob("*.jsonl"))
    path.write_text(path.read_text().replace('"position": 2', '"position": 1'))
    assert any("signature does not match" in p for p in verify().problems)


def test_an_entry_kept_from_the_seal_is_reported() -> None:
    _write(3)
    entry = AuditEntry.objects.order_by("seq").last()
    assert entry is not None
    _raw("DELETE FROM audit_auditpending WHERE entry_id = %s", [entry.seq])
    assert any(f"entry #{entry.seq} is in no seal" in p for p in verify().problems)


def test_rotated_key_keeps_old_seals_verifiable(settings: Any) -> None:
    _write(2)
    seal()
    old = settings.HENVIS_AUDIT_KEYS[0]
    settings.HENVIS_AUDIT_KEYS = ["a-new-audit-key-a-new-audit-key-000", old]
    _write(2)
    assert verify().ok
    assert AuditSeal.objects.values("key_id").distinct().count() == 2
    settings.HENVIS_AUDIT_KEYS = ["a-new-audit-key-a-new-audit-key-000"]  # old key dropped
    assert any("not in HENVIS_AUDIT_KEYS" in p for p in verify().problems)


def test_application_cannot_update_or_delete_entries_or_seals() -> None:
    _write(1)
    seal()
    entry = AuditEntry.objects.get()
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    link = AuditSeal.objects.get()
    with pytest.raises(PermissionError):
        link.save()
    with pytest.raises(PermissionError):
        link.delete()


def test_cli_audit_verify_reports_tampering() -> None:
    from henvis.cli.audit import audit

    _write(3)
    runner = CliRunner()
    ok = runner.invoke(audit, ["verify"], env={"HENVIS_LANGUAGE": "en"})
    assert ok.exit_code == 0 and "3 entries verified" in ok.output
    ok = runner.invoke(audit, ["verify"], env={"HENVIS_LANGUAGE": "nb"})
    assert ok.exit_code == 0 and "loggen er intakt" in ok.output
    first = AuditEntry.objects.order_by("seq").first()
    assert first is not None
    _raw("UPDATE audit_auditentry SET action = %s WHERE seq = %s", ["login", first.seq])
    result = runner.invoke(audit, ["verify"], env={"HENVIS_LANGUAGE": "en"})
    assert result.exit_code == 1
    assert f"entry #{first.seq} was changed" in result.output
    result = runner.invoke(audit, ["verify"], env={"HENVIS_LANGUAGE": "nb"})  # one language at a time
    assert result.exit_code == 1
    assert f"oppføring #{first.seq} er endret" in result.output and "was changed" not in result.output


def test_cli_checkpoint_writes_a_signed_line(_checkpoints: Path) -> None:
    from henvis.cli.audit import audit

    _write(2)
    result = CliRunner().invoke(audit, ["checkpoint"], env={"HENVIS_LANGUAGE": "en"})
    assert result.exit_code == 0 and "seal #2" in result.output
    assert '"position": 2' in next(_checkpoints.glob("*.jsonl")).read_text()


# --- pruning entries past their retention up to a signed anchor ---------------------

def _age(seqs: list[int], days: int) -> None:
    """Back-date entries (as if written ``days`` ago) and reseal the chain over them, as
    it would have been sealed then; only the test needs to write history."""
    from datetime import timedelta

    from django.utils import timezone

    when = timezone.now() - timedelta(days=days)
    for seq in seqs:
        _raw("UPDATE audit_auditentry SET at = %s WHERE seq = %s", [when, seq])
    _rechain(audit_keys()[0])


def _old_and_new(old: int = 4, new: int = 3) -> tuple[list[int], list[int]]:
    _write(old)
    seal()
    old_seqs = list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True))
    _age(old_seqs, days=400)
    _write(new)
    seal()
    new_seqs = list(AuditEntry.objects.exclude(seq__in=old_seqs).order_by("seq").values_list("seq", flat=True))
    return old_seqs, new_seqs


def _cutoff(days: int = 100) -> Any:
    from datetime import timedelta

    from django.utils import timezone

    return timezone.now() - timedelta(days=days)


def test_pruning_old_entries_leaves_a_verifiable_chain(_checkpoints: Path) -> None:
    from henvis.apps.audit.chain import prune
    from henvis.apps.audit.models import AuditAnchor

    old, new = _old_and_new()
    checkpoint()  # published before the pruning: its seal goes, but it stays valid
    assert prune(_cutoff(), dry_run=True).entries == len(old)
    assert AuditEntry.objects.count() == len(old) + len(new)  # a dry run deletes nothing
    result = prune(_cutoff())
    assert result.entries == len(old) and result.position == len(old)
    assert list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True)) == new
    assert not AuditSeal.objects.filter(position__lte=len(old)).exists()
    assert AuditAnchor.objects.get().position == len(old)
    after = verify()
    assert after.ok, after.problems
    assert after.checked == len(new)
    assert any('"anchor": true' in p.read_text() for p in _checkpoints.glob("*.jsonl"))
    assert prune(_cutoff()).entries == 0  # nothing more is due


def test_after_pruning_a_changed_or_deleted_entry_is_still_detected() -> None:
    from henvis.apps.audit.chain import prune

    _old, new = _old_and_new()
    prune(_cutoff())
    _raw("UPDATE audit_auditentry SET object_id = %s WHERE seq = %s", ["999", new[1]])
    assert any(f"entry #{new[1]} was changed" in p for p in verify().problems)
    _raw("DELETE FROM audit_auditentry WHERE seq = %s", [new[0]])
    _raw("DELETE FROM audit_auditseal WHERE entry_id = %s", [new[0]])
    assert any("are missing: entries were deleted" in p for p in verify().problems)


def test_a_moved_or_removed_anchor_is_detected() -> None:
    from henvis.apps.audit.chain import prune
    from henvis.apps.audit.models import AuditAnchor

    _old, new = _old_and_new()
    prune(_cutoff())
    anchor = AuditAnchor.objects.get()
    # Deleting the first kept entry too and moving the anchor past it, without the key.
    _raw("DELETE FROM audit_auditentry WHERE seq = %s", [new[0]])
    _raw("DELETE FROM audit_auditseal WHERE entry_id = %s", [new[0]])
    _raw("UPDATE audit_auditanchor SET position = position + 1 WHERE position = %s", [anchor.position])
    problems = verify().problems
    assert any("anchor at seal" in p and "signature does not match" in p for p in problems), problems
    # Removing the anchor altogether: the chain then starts with a gap.
    _raw("DELETE FROM audit_auditanchor", [])
    assert any("are missing: entries were deleted" in p for p in verify().problems)


def test_pruning_is_refused_when_the_chain_is_broken() -> None:
    from henvis.apps.audit.chain import PruneRefused, prune

    old, _new = _old_and_new()
    _raw("UPDATE audit_auditentry SET object_id = %s WHERE seq = %s", ["999", old[1]])
    with pytest.raises(PruneRefused):
        prune(_cutoff())
    assert AuditEntry.objects.filter(seq=old[1]).exists()  # the evidence stays


def test_only_a_run_from_the_start_is_pruned() -> None:
    """An old entry after a recent one stays: a gap in the middle would read as a deletion."""
    from henvis.apps.audit.chain import prune

    _write(2)
    seal()
    first, second = AuditEntry.objects.order_by("seq").values_list("seq", flat=True)
    _raw("UPDATE audit_auditentry SET at = %s WHERE seq = %s", [_cutoff(400), second])
    _rechain(audit_keys()[0])
    assert prune(_cutoff()).entries == 0
    assert AuditEntry.objects.filter(seq=first).exists()


def test_entries_written_after_pruning_everything_go_on_from_the_anchor() -> None:
    from henvis.apps.audit.chain import prune

    old, _new = _old_and_new(old=3, new=0)
    assert prune(_cutoff()).entries == len(old)
    assert not AuditSeal.objects.exists()
    _write(2)
    result = verify()
    assert result.ok, result.problems
    assert result.checked == 2 and result.anchor == len(old)
    assert sorted(AuditSeal.objects.values_list("position", flat=True)) == [len(old) + 1, len(old) + 2]


def test_a_seal_put_before_the_anchor_is_reported() -> None:
    from henvis.apps.audit.chain import prune

    _old, new = _old_and_new()
    prune(_cutoff())
    seal_row = AuditSeal.objects.get(entry_id=new[0])
    _raw("INSERT INTO audit_auditseal (position, entry_id, key_id, mac, sealed_at) VALUES (%s, %s, %s, %s, %s)",
         [1, -5, seal_row.key_id, seal_row.mac, seal_row.sealed_at])
    assert any("lies at or before the anchor" in p for p in verify().problems)
