from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner
from django.db import connection

from henvis.apps.audit.log import record, verify
from henvis.apps.audit.models import AuditEntry

pytestmark = pytest.mark.django_db(transaction=True)


def _write(n: int) -> None:
    for i in range(n):
        record("case.read", object_type="case", object_id=i)


def _raw(sql: str, params: list[Any]) -> None:
    """Tamper as a database owner would: bypassing the append-only trigger."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_append_only")
        cur.execute(sql, params)
        if connection.vendor == "postgresql":
            cur.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_entry_append_only")


def test_untouched_chain_verifies() -> None:
    _write(5)
    result = verify()
    assert result.ok and result.checked == 5


def test_changed_entry_is_detected() -> None:
    _write(5)
    _raw("UPDATE audit_auditentry SET object_id = %s WHERE seq = 3", ["999"])
    result = verify()
    assert not result.ok
    assert any("#3" in p and "changed" in p for p in result.problems)


def test_deleted_entry_is_detected() -> None:
    _write(5)
    _raw("DELETE FROM audit_auditentry WHERE seq = %s", [2])
    assert not verify().ok


def test_deleted_last_entry_is_detected() -> None:
    _write(5)
    _raw("DELETE FROM audit_auditentry WHERE seq = %s", [5])
    assert not verify().ok


def test_reordered_entries_are_detected() -> None:
    _write(5)
    a = AuditEntry.objects.get(seq=2)
    b = AuditEntry.objects.get(seq=3)
    # Swap the content of two rows, keeping each row's own hashes consistent with its content.
    for src, dst in ((a, b.pk), (b, a.pk)):
        _raw(
            "UPDATE audit_auditentry SET seq = %s, object_id = %s, prev_hash = %s, entry_hash = %s WHERE id = %s",
            [src.seq + 1000, src.object_id, src.prev_hash, src.entry_hash, dst],
        )
    _raw("UPDATE audit_auditentry SET seq = seq - 1000 WHERE seq > 1000", [])
    assert not verify().ok


def test_application_cannot_update_or_delete_entries() -> None:
    _write(1)
    entry = AuditEntry.objects.get()
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


def test_cli_audit_verify_reports_tampering() -> None:
    from henvis.cli.audit import audit

    _write(3)
    runner = CliRunner()
    assert runner.invoke(audit, ["verify"]).exit_code == 0
    _raw("UPDATE audit_auditentry SET action = %s WHERE seq = 1", ["login"])
    result = runner.invoke(audit, ["verify"])
    assert result.exit_code == 1
    assert "#1" in result.output
