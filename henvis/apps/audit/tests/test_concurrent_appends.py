"""Audited requests do not queue behind each other: an append takes no lock on the
chain, so one request's open transaction does not hold up another's entry, and many
threads appending and sealing at once lose no entry and leave an intact chain."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections, transaction

from henvis.apps.audit.chain import seal
from henvis.apps.audit.log import record, verify
from henvis.apps.audit.models import AuditEntry, AuditPending, AuditSeal

pytestmark = pytest.mark.django_db(transaction=True)

THREADS, EACH = 8, 25


def _append_and_seal(worker: int) -> int:
    try:
        for i in range(EACH):
            with transaction.atomic():
                record("case.read", object_type="case", object_id=f"{worker}-{i}")
            if i % 5 == 4:
                seal()  # as the end of a request does, racing the other threads' sealing
        return EACH
    finally:
        connections.close_all()


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="threads writing at once need PostgreSQL")
def test_threads_appending_and_sealing_lose_nothing() -> None:
    with ThreadPoolExecutor(THREADS) as pool:
        written = sum(pool.map(_append_and_seal, range(THREADS)))
    result = verify()
    assert result.ok, result.problems
    assert written == THREADS * EACH == AuditEntry.objects.count() == AuditSeal.objects.count() == result.checked
    assert not AuditPending.objects.exists()
    # Every entry is in the chain exactly once, at gap-free positions.
    positions = sorted(AuditSeal.objects.values_list("position", flat=True))
    assert positions == list(range(1, THREADS * EACH + 1))
    assert set(AuditSeal.objects.values_list("entry_id", flat=True)) == set(
        AuditEntry.objects.values_list("seq", flat=True))


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="SQLite locks the whole database for a writer")
def test_an_open_transaction_does_not_hold_up_another_append() -> None:
    appended, release = threading.Event(), threading.Event()

    def long_request() -> None:
        try:
            with transaction.atomic():
                record("case.read", object_type="case", object_id="slow")
                appended.set()
                release.wait(30)
        finally:
            connections.close_all()

    slow = threading.Thread(target=long_request)
    slow.start()
    try:
        assert appended.wait(10)
        done = threading.Event()

        def other_request() -> None:
            try:
                record("case.read", object_type="case", object_id="fast")
                seal()
                done.set()
            finally:
                connections.close_all()

        fast = threading.Thread(target=other_request)
        fast.start()
        # With a lock on the chain head this would wait for the slow request's commit.
        assert done.wait(10), "an append waited for another request's open transaction"
        fast.join()
    finally:
        release.set()
        slow.join()
    result = verify()
    assert result.ok and result.checked == 2, result.problems
    assert connection.vendor == "postgresql"
