"""The case list scales (issue 15 item 5): 100 rows a page, decrypting only the page
shown; sorted and filtered from the address; exported to CSV with an audit entry; never
another organisation's cases, never a name in a link."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from henvis.apps.audit.models import AuditEntry
from henvis.apps.cases.choices import CaseStatus
from henvis.apps.cases.crypto import EncryptedTextField
from henvis.apps.cases.tests.factories import make_case
from henvis.web.lists import PER_PAGE

pytestmark = pytest.mark.django_db

ROSA_CASES = PER_PAGE + 5


@pytest.fixture
def world(make_user: Any) -> dict[str, Any]:
    rosa = make_user("rosa", roles=["coordinator"], org="rosa")
    police = make_user("politi", roles=["first_line"], org="politi-oslo")
    start = date(2025, 1, 1)
    cases = [
        make_case(rosa, given="Ana", family={1: "Ionescu", 2: "Vasilescu"}.get(i, "Haddad"), opened=start + timedelta(days=i),
                  status="in_assistance" if i % 10 == 0 else "concern",
                  exploitation_forms=["labour"] if i % 7 == 0 else ["sexual"])
        for i in range(ROSA_CASES)
    ]
    foreign = [make_case(police, given="Zainab", family=f"Politi{i}", opened=start + timedelta(days=i)) for i in range(3)]
    return {"rosa": rosa, "police": police, "cases": cases, "foreign": foreign}


def _refs(response: Any) -> list[str]:
    return [c.reference for c in response.context["cases"]]


def test_the_list_pages_at_100_rows_and_decrypts_only_the_page(client: Client, world: dict[str, Any],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    decrypted: Counter[str] = Counter()
    real = EncryptedTextField.from_db_value

    def counted(self: Any, value: Any, expression: Any, conn: Any) -> Any:
        if value:
            decrypted[self.name] += 1
        return real(self, value, expression, conn)

    monkeypatch.setattr(EncryptedTextField, "from_db_value", counted)
    client.force_login(world["rosa"])
    first = client.get("/cases/")
    assert len(_refs(first)) == PER_PAGE
    # the names of the page's rows only, not of all 105
    assert decrypted["family_name"] == PER_PAGE, decrypted
    second = client.get("/cases/?page=2")
    assert len(_refs(second)) == ROSA_CASES - PER_PAGE
    assert set(_refs(first)).isdisjoint(_refs(second))
    assert set(_refs(first)) | set(_refs(second)) == {c.reference for c in world["cases"]}
    assert 'href="?page=2"' in first.content.decode()


def test_sort_and_filter_in_the_address_change_the_rows(client: Client, world: dict[str, Any]) -> None:
    client.force_login(world["rosa"])
    cases = world["cases"]
    newest_first = _refs(client.get("/cases/"))
    assert newest_first[0] == cases[-1].reference
    oldest_first = _refs(client.get("/cases/?sort=opened"))
    assert oldest_first[0] == cases[0].reference
    assert _refs(client.get("/cases/?sort=-opened")) == newest_first
    # an unknown key (or an encrypted column) is ignored: the default order
    assert _refs(client.get("/cases/?sort=person__family_name")) == newest_first
    assert _refs(client.get("/cases/?sort=-nonsense")) == newest_first

    in_assistance = _refs(client.get("/cases/?status=in_assistance"))
    assert in_assistance == [c.reference for c in reversed(cases) if c.status == "in_assistance"]
    labour = _refs(client.get("/cases/?form=labour&sort=opened"))
    assert labour == [c.reference for c in cases if "labour" in c.exploitation_forms]
    window = _refs(client.get("/cases/?opened_from=2025-01-03&opened_to=2025-01-05&sort=opened"))
    assert window == [c.reference for c in cases[2:5]]
    # the filter stays in the sort links and the pager
    html = client.get("/cases/?opened_from=2025-01-01").content.decode()
    assert 'href="?opened_from=2025-01-01&amp;page=2"' in html
    assert 'href="?opened_from=2025-01-01&amp;sort=opened"' in html


def test_another_organisations_cases_never_appear(client: Client, world: dict[str, Any]) -> None:
    client.force_login(world["rosa"])
    foreign = {c.reference for c in world["foreign"]}
    for query in ("", "?page=2", "?organisation=politi-oslo", "?whose=referred", "?sort=owner", "?sort=-owner"):
        response = client.get(f"/cases/{query}")
        assert foreign.isdisjoint(_refs(response)), query
        assert not any(ref in response.content.decode() for ref in foreign)
    export = client.get("/cases/?export=csv&organisation=politi-oslo").content.decode("utf-8-sig")
    assert not any(ref in export for ref in foreign)


def test_the_csv_export_holds_the_filtered_visible_rows_in_words_and_is_audited(client: Client,
                                                                                 world: dict[str, Any]) -> None:
    client.force_login(world["rosa"])
    response = client.get("/cases/?export=csv&status=in_assistance")
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())  # Excel reads UTF-8 with a BOM
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    expected = [c for c in world["cases"] if c.status == "in_assistance"]
    assert lines[0].split(";") == ["Sak", "Person", "Status", "Opprettet", "Eier"]
    assert len(lines) - 1 == len(expected)
    assert {line.split(";")[0] for line in lines[1:]} == {c.reference for c in expected}
    with translation.override("nb"):
        in_words = str(CaseStatus.IN_ASSISTANCE.label)
    assert all(line.split(";")[2] == in_words for line in lines[1:])  # words, not in_assistance
    assert "in_assistance" not in response.content.decode("utf-8-sig")
    assert all(line.split(";")[1] == "Ana Haddad" for line in lines[1:])
    entry = AuditEntry.objects.filter(action="case.export", actor="rosa").get()
    assert entry.detail == f"rows={len(expected)}"
    # every case of the list, not only a page
    everything = client.get("/cases/?export=csv").content.decode("utf-8-sig").strip().splitlines()
    assert len(everything) - 1 == ROSA_CASES


def _urls(html: str) -> list[str]:
    return re.findall(r'(?:href|action)="([^"]*)"', html)


def test_no_name_in_any_generated_address(client: Client, world: dict[str, Any]) -> None:
    client.force_login(world["rosa"])
    # a posted name search: the results, but the name only in the (posted) search field
    searched = client.post("/cases/?status=concern", {"q": "Ionescu"})
    assert _refs(searched) == [world["cases"][1].reference]
    # a crafted address with a name: not searched, not echoed into links
    crafted = client.get("/cases/?q=Ionescu&status=concern")
    assert len(_refs(crafted)) == sum(c.status == "concern" for c in world["cases"]) > 1
    for response in (searched, crafted, client.get("/cases/?page=2&sort=opened")):
        html = response.content.decode()
        urls = _urls(html)
        assert urls
        assert not [u for u in urls if "Ionescu" in u or "q=" in u], urls
    # the posted search keeps the filter by posting to the list's address
    assert 'action="?status=concern"' in searched.content.decode()
    export = client.post("/cases/?status=concern", {"q": "Vasilescu", "export": "csv"})
    assert export.content.decode("utf-8-sig").strip().splitlines()[1].startswith(world["cases"][2].reference)


def test_a_posted_name_search_pages_by_posting_again(client: Client, world: dict[str, Any]) -> None:
    client.force_login(world["rosa"])
    haddad = [c.reference for c in world["cases"] if c.person.family_name == "Haddad"]
    first = client.post("/cases/", {"q": "Haddad"})
    assert len(_refs(first)) == PER_PAGE
    html = first.content.decode()
    assert 'form="case-search" name="page" value="2"' in html  # a button, not a link with the name
    second = client.post("/cases/", {"q": "Haddad", "page": "2"})
    assert set(_refs(first)) | set(_refs(second)) == set(haddad)
    assert len(_refs(second)) == len(haddad) - PER_PAGE
