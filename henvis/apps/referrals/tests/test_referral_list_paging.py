"""The referral list scales (issue 15 item 5): 100 rows a page, sorted and filtered from
the address, exported to CSV with an audit entry; only the organisation's own referrals,
and no person's name anywhere in the list or its links."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone, translation

from henvis.apps.audit.models import AuditEntry
from henvis.apps.cases.tests.factories import make_case
from henvis.apps.referrals.models import Referral, ReferralStatus
from henvis.web.lists import PER_PAGE

pytestmark = pytest.mark.django_db

RECEIVED = PER_PAGE + 5


@pytest.fixture
def world(make_user: Any, organisations: Any) -> dict[str, Any]:
    rosa = make_user("rosa", roles=["coordinator"], org="rosa")
    police = make_user("politi", roles=["first_line"], org="politi-oslo")
    udi = organisations.get(slug="udi")
    now = timezone.now()
    case = make_case(police, given="Zainab", family="Ionescu")

    def refer(case: Any, sender: Any, to: Any, days_ago: int, **fields: Any) -> Referral:
        return Referral.objects.create(case=case, from_organisation=sender.organisation, to_organisation=to,
                                       legal_basis="duty_to_avert", sent_by=sender,
                                       sent=now - timedelta(days=days_ago, minutes=1), **fields)

    received = [
        refer(case, police, rosa.organisation, days_ago=i, purpose="health" if i % 2 else "housing",
              status="accepted" if i % 10 == 0 else "sent")
        for i in range(RECEIVED)
    ]
    own_case = make_case(rosa, given="Zainab", family="Ionescu")
    sent = [refer(own_case, rosa, udi, days_ago=300 + i, purpose="legal_aid") for i in range(2)]
    foreign = refer(case, police, udi, days_ago=1, purpose="housing")
    return {"rosa": rosa, "received": received, "sent": sent, "foreign": foreign}


def _pks(response: Any) -> list[int]:
    return [r.pk for r in response.context["rows"]]


def test_the_list_pages_at_100_rows(client: Client, world: dict[str, Any]) -> None:
    client.force_login(world["rosa"])
    first, second = client.get("/referrals/"), client.get("/referrals/?page=2")
    assert len(_pks(first)) == PER_PAGE
    assert len(_pks(second)) == RECEIVED + 2 - PER_PAGE
    assert set(_pks(first)) | set(_pks(second)) == {r.pk for r in world["received"] + world["sent"]}
    assert 'href="?page=2"' in first.content.decode()


def test_sort_and_filter_in_the_address_change_the_rows(client: Client, world: dict[str, Any]) -> None:
    client.force_login(world["rosa"])
    received, sent = world["received"], world["sent"]
    newest_first = _pks(client.get("/referrals/"))
    assert newest_first[0] == received[0].pk
    assert _pks(client.get("/referrals/?sort=sent"))[0] == sent[-1].pk
    assert _pks(client.get("/referrals/?sort=message")) == newest_first  # unknown: ignored
    assert _pks(client.get("/referrals/?direction=sent")) == [r.pk for r in sent]
    assert _pks(client.get("/referrals/?organisation=udi")) == [r.pk for r in sent]
    accepted = [r.pk for r in received if r.status == "accepted"]
    assert _pks(client.get("/referrals/?status=accepted")) == accepted
    health = _pks(client.get("/referrals/?purpose=health&direction=received&sort=-sent"))
    assert health == [r.pk for r in received if r.purpose == "health"]
    day = timezone.localdate(received[3].sent).isoformat()
    assert _pks(client.get(f"/referrals/?sent_from={day}&sent_to={day}")) == [received[3].pk]


def test_another_organisations_referrals_never_appear(client: Client, world: dict[str, Any]) -> None:
    client.force_login(world["rosa"])
    foreign = world["foreign"]
    for query in ("", "?page=2", "?organisation=udi", "?organisation=politi-oslo", "?sort=to", "?direction=sent"):
        response = client.get(f"/referrals/{query}")
        assert foreign.pk not in _pks(response), query
        assert f"/referrals/{foreign.pk}/" not in response.content.decode()
    lines = client.get("/referrals/?export=csv").content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) - 1 == RECEIVED + 2


def test_the_csv_export_holds_the_filtered_rows_in_words_and_is_audited(client: Client, world: dict[str, Any]) -> None:
    client.force_login(world["rosa"])
    response = client.get("/referrals/?export=csv&status=accepted")
    assert response.content.startswith("\ufeff".encode())
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    accepted = [r for r in world["received"] if r.status == "accepted"]
    assert len(lines) - 1 == len(accepted)
    with translation.override("nb"):
        in_words = str(ReferralStatus.ACCEPTED.label)
    assert all(line.split(";")[5] == in_words for line in lines[1:])
    assert all(line.split(";")[1] == accepted[0].case.reference for line in lines[1:])
    assert AuditEntry.objects.get(action="referral.export", actor="rosa").detail == f"rows={len(accepted)}"


def test_no_name_in_the_list_or_its_addresses(client: Client, world: dict[str, Any]) -> None:
    client.force_login(world["rosa"])
    for query in ("", "?page=2&sort=case", "?q=Ionescu&status=sent"):
        html = client.get(f"/referrals/{query}").content.decode()
        assert "Ionescu" not in "".join(re.findall(r'(?:href|action)="([^"]*)"', html))
        assert "Ionescu" not in html[html.index("<main"):]  # the list names cases, not persons
