"""The audit append is cheap and stays whole: on PostgreSQL an entry and its pending mark
are one statement (one round trip), both or neither are stored, and sealing afterwards
gives a chain that verifies with nothing left pending."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from henvis.apps.audit.chain import seal, verify
from henvis.apps.audit.log import record
from henvis.apps.audit.models import AuditEntry, AuditPending, AuditSeal

pytestmark = pytest.mark.django_db


def test_an_append_is_one_statement_on_postgresql(make_user: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite appends in a transaction of two inserts")
    kari = make_user("kari", roles=["coordinator"], org="rosa")
    kari.role_slugs()  # as a request's user has them (henvis/apps/accounts/backends.py)
    with CaptureQueriesContext(connection) as queries:
        entry = record("case.read", user=kari, object_type="case", object_id=17)
    assert len(queries.captured_queries) == 1, [q["sql"] for q in queries.captured_queries]
    stored = AuditEntry.objects.get(seq=entry.seq)
    assert (stored.actor, stored.action, stored.object_id, stored.roles) == ("kari", "case.read", "17", "coordinator")
    assert AuditPending.objects.filter(entry_id=entry.seq).exists()


def test_an_append_in_a_transaction_that_fails_leaves_neither_entry_nor_mark(make_user: Any) -> None:
    kari = make_user("kari", roles=["coordinator"], org="rosa")
    before = (AuditEntry.objects.count(), AuditPending.objects.count())
    with pytest.raises(RuntimeError), transaction.atomic():
        record("case.update", user=kari, object_type="case", object_id=17)
        raise RuntimeError("the write failed")
    assert (AuditEntry.objects.count(), AuditPending.objects.count()) == before


def test_appended_entries_are_sealed_into_a_chain_that_verifies(make_user: Any) -> None:
    kari = make_user("kari", roles=["coordinator"], org="rosa")
    entries = [record("case.read", user=kari, object_type="case", object_id=n) for n in range(5)]
    record("login.failed", claimed_actor="someone", detail="wrong password")
    seal()
    assert not AuditPending.objects.exists()
    sealed = set(AuditSeal.objects.values_list("entry_id", flat=True))
    assert {e.seq for e in entries} <= sealed
    result = verify(checkpoints=False)
    assert result.ok, result.problems
    assert result.checked == AuditEntry.objects.count()
