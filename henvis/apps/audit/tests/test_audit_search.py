"""The audit log page (issue 15 item 5): filtered and sorted by the address (GET, so a
search is bookmarkable), at most one page of rows, exportable to CSV, and the export is
itself audited. An organisation's auditor sees only its own users' entries."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from henvis.apps.audit.log import record
from henvis.apps.audit.models import AuditEntry
from henvis.apps.cases.tests.factories import make_case

pytestmark = pytest.mark.django_db


def _rows(html: str) -> list[str]:
    """The action code of every row shown."""
    return re.findall(r'<tr data-action="([^"]+)"', html)


def _seqs(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<tr data-action="[^"]+"><td>(\d+)</td>', html)]


@pytest.fixture
def people(make_user: Any) -> dict[str, Any]:
    return {
        "politi": make_user("politi", roles=["first_line"], org="politi-oslo"),
        "rosa": make_user("rosa", roles=["coordinator"], org="rosa"),
        "kom_auditor": make_user("revisor", roles=["auditor"], org="kom"),
        "rosa_auditor": make_user("rosa-revisor", roles=["auditor"], org="rosa"),
    }


def test_filter_by_action_group_and_exact_action(client: Client, people: dict[str, Any]) -> None:
    record("case.read", user=people["politi"], object_type="case", object_id="1")
    record("case.update", user=people["politi"], object_type="case", object_id="1")
    record("measure.create", user=people["politi"], object_type="measure", object_id="3", detail="case=1")
    client.force_login(people["kom_auditor"])
    assert set(_rows(client.get("/audit/", {"action": "case"}).content.decode())) == {"case.read", "case.update"}
    assert _rows(client.get("/audit/", {"action": "case.update"}).content.decode()) == ["case.update"]


def test_filter_by_date_range(client: Client, people: dict[str, Any]) -> None:
    entry = record("case.read", user=people["politi"], object_type="case", object_id="1")
    today = timezone.localdate()
    client.force_login(people["kom_auditor"])
    html = client.get("/audit/", {"date_from": today.isoformat(), "date_to": today.isoformat()}).content.decode()
    assert entry.seq in _seqs(html)
    html = client.get("/audit/", {"date_to": (today - timedelta(days=1)).isoformat()}).content.decode()
    assert entry.seq not in _seqs(html)
    # An end before the start is an error shown on the page, not a silent empty list.
    html = client.get("/audit/", {"date_from": today.isoformat(),
                                  "date_to": (today - timedelta(days=2)).isoformat()}).content.decode()
    assert "Sluttdatoen er før startdatoen" in html


def test_organisation_filter_for_the_coordination_units_auditor_only(client: Client, people: dict[str, Any]) -> None:
    police_entry = record("case.read", user=people["politi"], object_type="case", object_id="1")
    rosa_entry = record("case.read", user=people["rosa"], object_type="case", object_id="2")
    client.force_login(people["kom_auditor"])
    seqs = _seqs(client.get("/audit/", {"organisation": "rosa"}).content.decode())
    assert rosa_entry.seq in seqs and police_entry.seq not in seqs
    # ROSA's auditor has no such field, and asking for another organisation does not widen the scope.
    client.force_login(people["rosa_auditor"])
    html = client.get("/audit/", {"organisation": "politi-oslo"}).content.decode()
    assert 'name="organisation"' not in html
    assert police_entry.seq not in _seqs(html) and rosa_entry.seq in _seqs(html)


def test_filter_by_case_number_finds_the_case_and_its_records(client: Client, people: dict[str, Any]) -> None:
    case = make_case(people["politi"])
    other = make_case(people["politi"])
    about = record("case.read", user=people["politi"], object_type="case", object_id=case.pk)
    record_in_it = record("measure.create", user=people["politi"], object_type="measure", object_id="5",
                          detail=f"case={case.pk}")
    elsewhere = record("case.read", user=people["politi"], object_type="case", object_id=other.pk)
    client.force_login(people["kom_auditor"])
    seqs = _seqs(client.get("/audit/", {"case": case.reference.lower()}).content.decode())
    assert about.seq in seqs and record_in_it.seq in seqs and elsewhere.seq not in seqs
    wrong_year = f"HV-{case.opened.year - 1}-{case.pk:06d}"
    assert _seqs(client.get("/audit/", {"case": wrong_year}).content.decode()) == []
    html = client.get("/audit/", {"case": "813"}).content.decode()
    assert "HV-år-nummer" in html and _seqs(html) == []


def test_sorted_by_column_and_paged_with_the_filter_in_the_links(client: Client, people: dict[str, Any]) -> None:
    for _ in range(55):
        record("user.read", user=people["kom_auditor"], object_type="user", object_id="1")
    record("case.read", user=people["politi"], object_type="case", object_id="1")
    client.force_login(people["kom_auditor"])
    html = client.get("/audit/", {"actor": "politi", "sort": "time"}).content.decode()
    assert _rows(html) == ["case.read"]
    html = client.get("/audit/", {"action": "user", "sort": "time"}).content.decode()
    seqs = _seqs(html)
    assert len(seqs) == 50 and seqs == sorted(seqs)  # oldest first, one page of 50
    assert 'href="?action=user&amp;sort=time&amp;page=2"' in html
    page2 = _seqs(client.get("/audit/", {"action": "user", "sort": "time", "page": "2"}).content.decode())
    assert len(page2) >= 5 and min(page2) > max(seqs)
    # The newest first by default; the header link turns it round and keeps the filter.
    default = _seqs(client.get("/audit/", {"action": "user"}).content.decode())
    assert default == sorted(default, reverse=True)
    assert 'href="?action=user&amp;sort=time"' in client.get("/audit/", {"action": "user"}).content.decode()


def test_csv_export_has_the_filtered_rows_in_words_and_is_audited(client: Client, people: dict[str, Any]) -> None:
    case = make_case(people["politi"])
    record("case.read", user=people["politi"], object_type="case", object_id=case.pk)
    record("user.read", user=people["kom_auditor"], object_type="user", object_id="1")
    client.force_login(people["kom_auditor"])
    html = client.get("/audit/", {"action": "case.read"}).content.decode()
    assert 'href="?action=case.read&amp;export=csv"' in html
    response = client.get("/audit/", {"action": "case.read", "export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["#", "Tidspunkt", "Bruker", "Handling"]
    assert [r[3] for r in rows[1:]] == ["Sak: lest"]
    assert rows[1][4] == f"Sak {case.reference}"
    export = AuditEntry.objects.filter(action="audit.export").get()
    assert export.detail == "rows=1 action" and export.actor == "revisor"


def test_an_organisations_auditor_exports_only_its_own_entries(client: Client, people: dict[str, Any]) -> None:
    record("case.read", user=people["politi"], object_type="case", object_id="1")
    record("case.read", user=people["rosa"], object_type="case", object_id="2")
    client.force_login(people["rosa_auditor"])
    body = client.get("/audit/", {"export": "csv"}).content.decode("utf-8-sig")
    assert "rosa" in body and "politi" not in body
