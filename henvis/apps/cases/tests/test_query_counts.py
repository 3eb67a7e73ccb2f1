"""The hot pages do their work once: the case page looks up the organisations sharing
records with the reader once per request (not once per kind of record), and the case
list decrypts only the fields it shows (name and date of birth), not every encrypted
field of every row. Counted in queries and decryptions, never in time."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from henvis.apps.cases import access, timeline
from henvis.apps.cases.crypto import EncryptedJSONField, EncryptedTextField
from henvis.apps.cases.demo import load
from henvis.apps.cases.models import Case
from henvis.apps.referrals.models import Referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def rosa(make_user: Any) -> Any:
    user = make_user("rosa-koordinator", roles=["coordinator"], org="rosa")
    load(persons=80, seed=3)
    return user


def test_case_page_reads_sharing_organisations_once(client: Client, rosa: Any,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # a case referred to ROSA: its records come from the sender too
    referral = Referral.objects.filter(to_organisation=rosa.organisation, status__in=["sent", "accepted"]).first()
    assert referral is not None
    lookups: list[int] = []
    real = access.sharing_organisations

    def counted(case: Any, org_id: int) -> set[int]:
        lookups.append(case.pk)
        return real(case, org_id)

    monkeypatch.setattr(timeline, "sharing_organisations", counted)
    monkeypatch.setattr(access, "sharing_organisations", counted)
    client.force_login(rosa)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/cases/{referral.case_id}/").status_code == 200
    assert lookups == [referral.case_id]
    # the lookup's own query on transfers, plus the timeline's list of transfers
    transfers = [q for q in queries.captured_queries if 'FROM "referrals_ownershiptransfer"' in q["sql"]]
    assert len(transfers) <= 2, [q["sql"] for q in transfers]


def test_case_list_decrypts_only_the_shown_fields(client: Client, rosa: Any,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    decrypted: Counter[str] = Counter()
    for field_class in (EncryptedTextField, EncryptedJSONField):
        real = field_class.from_db_value

        def counted(self: Any, value: Any, expression: Any, conn: Any, real: Any = real) -> Any:
            if value:
                decrypted[self.name] += 1
            return real(self, value, expression, conn)

        monkeypatch.setattr(field_class, "from_db_value", counted)
    client.force_login(rosa)
    response = client.get("/cases/")
    assert response.status_code == 200
    rows = len(response.context["cases"])
    assert rows > 10
    assert set(decrypted) <= {"given_names", "family_name", "birth"}, decrypted
    assert decrypted["given_names"] + decrypted["family_name"] > 0  # the names shown are read
    assert sum(decrypted.values()) <= 3 * rows
    # and the rows shown are the ones the reader may see, with their names
    html = response.content.decode()
    first = Case.objects.filter(pk=response.context["cases"][0].pk).select_related("person").get()
    assert first.person.display_name in html


# The most queries each page may make for one request, counted with everything a request
# does (session, user, audit entry and its sealing, the menu). A change that adds a query
# to these pages fails here: cut it, or raise the figure with a reason in the commit.
# docs/performance.md gives the figures before and after the cuts of issue #19 item 5.
CASE_PAGE_QUERIES = {"sqlite": 25, "postgresql": 19}
CASE_LIST_QUERIES = {"sqlite": 18, "postgresql": 12}


def _count(client: Client, path: str) -> tuple[int, list[str]]:
    client.get(path)  # the first request of a session may renew it
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries.captured_queries), [q["sql"][:100] for q in queries.captured_queries]


def test_case_page_stays_within_its_queries(client: Client, rosa: Any) -> None:
    # a case referred to ROSA, so that records of two organisations are read
    referral = Referral.objects.filter(to_organisation=rosa.organisation, status__in=["sent", "accepted"]).first()
    assert referral is not None
    client.force_login(rosa)
    count, sql = _count(client, f"/cases/{referral.case_id}/")
    assert count <= CASE_PAGE_QUERIES[connection.vendor], sql


def test_case_list_stays_within_its_queries(client: Client, rosa: Any) -> None:
    client.force_login(rosa)
    count, sql = _count(client, "/cases/")
    assert count <= CASE_LIST_QUERIES[connection.vendor], sql
