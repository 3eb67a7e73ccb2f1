"""Entries deleted from the end of the chain, with their seals, leave a chain that is
whole up to where it now ends: nothing in the database shows the cut. Only a chain
head published outside the database does, so the head must be published often enough
that a deletion a minute after the reads is still caught (issue 16 item 4; the probe of
2026-12-08 deleted the last twenty entries of the demo, within the hour the checkpoints
then left open, and `henvis audit verify` said "intact"). Over real HTTP: the reads are
a user's page views on a live server."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from henvis.apps.accounts.tests.http import HttpClient
from henvis.apps.audit import chain
from henvis.apps.audit.log import verify
from henvis.apps.audit.models import AuditEntry
from henvis.apps.audit.tests.test_verify_audit_chain import _raw
from henvis.apps.cases.tests.factories import make_case
from henvis.conftest import TEST_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def _minutes_pass(directory: Path, seconds: int) -> None:
    """As if ``seconds`` had passed since the newest checkpoint: its file is made that
    much older, and the process may look again."""
    for path in directory.glob("audit-checkpoints-*.jsonl"):
        stat = path.stat()
        os.utime(path, (stat.st_atime - seconds, stat.st_mtime - seconds))
    chain._next_checkpoint[0] = 0.0


def test_reads_deleted_from_the_end_of_the_chain_a_minute_later_are_detected(
        live_server: Any, make_user: Any, settings: Any, tmp_path: Path) -> None:
    settings.HENVIS_AUDIT_CHECKPOINT_DIR = str(tmp_path)
    chain._next_checkpoint[0] = 0.0
    rosa = make_user("rosa", roles=["coordinator"], org="rosa")
    case = make_case(rosa)
    client = HttpClient(live_server.url)
    assert client.login("rosa", TEST_PASSWORD) == 302  # audited: the first checkpoint
    assert client.get(f"/cases/{case.pk}/")[0] == 200
    _minutes_pass(tmp_path, 61)
    assert client.get(f"/cases/{case.pk}/")[0] == 200
    reads = list(AuditEntry.objects.filter(action="case.read").order_by("seq").values_list("seq", flat=True))
    assert len(reads) == 2
    assert verify().ok
    # Somebody who can write the database (not the key, not the checkpoint files) removes
    # rosa's reads and their seals from the end of the chain.
    _raw("DELETE FROM audit_auditseal WHERE entry_id >= %s", [reads[0]])
    _raw("DELETE FROM audit_auditentry WHERE seq >= %s", [reads[0]])
    result = verify()
    assert not result.ok
    assert any("checkpoint" in problem for problem in result.problems), result.problems
