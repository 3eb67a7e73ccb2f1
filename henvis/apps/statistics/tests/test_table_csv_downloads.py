"""Every table of the figures page can be downloaded as a tidy CSV: the very cells the
page shows (one release, one disclosure control), one number per cell, labels in words,
each download audited."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from henvis.apps.audit.models import AuditEntry
from henvis.apps.statistics.figures import page_figures

pytestmark = pytest.mark.django_db


def _rows(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8"))))


def test_every_table_on_the_page_has_a_csv_with_the_page_s_cells(
        client_for: Callable[[list[str]], Client], stored_extract: Any) -> None:
    client = client_for(["analyst"])
    client.post("/i18n/setlang/", {"language": "en"})
    year = max(stored_extract.years)
    page = client.get(f"/statistics/?year={year}").content.decode()
    figures = page_figures(stored_extract, year)
    names = ["persons-per-year", *(t["name"] for t in figures["tables"])]
    for name in names:
        assert f"/statistics/table/{name}.csv?year={year}" in page, name
    before = AuditEntry.objects.filter(action="statistics.download").count()
    for table in figures["tables"]:
        response = client.get(f"/statistics/table/{table['name']}.csv?year={year}")
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        rows = _rows(response.content)
        assert len(rows) == len(table["rows"]) + 1 and len(rows[0]) == len(table["header"])
        for mine, shown in zip(rows[1:], table["rows"], strict=True):
            assert all(re.fullmatch(r"\d+|:", c) for c in mine[1:]), (table["name"], mine)
            # the page's cells, suppression included: nothing the page hides is in the file
            assert mine[1:] == [str(c).replace("\u00a0", "").replace(" ", "") for c in shown[1:]], table["name"]
    sex = _rows(client.get(f"/statistics/table/sex-child.csv?year={year}").content)
    labels = {r[0] for r in sex[1:]}
    assert "Women" in labels and "F" not in labels  # words in the reader's language, not codes
    assert AuditEntry.objects.filter(action="statistics.download").count() == before + len(figures["tables"]) + 1


def test_the_summary_csv_gives_each_interval_as_two_numbers(
        client_for: Callable[[list[str]], Client], stored_extract: Any) -> None:
    client = client_for(["analyst"])
    year = max(stored_extract.years)
    rows = _rows(client.get(f"/statistics/table/persons-per-year.csv?year={year}").content)
    assert len(rows[0]) == 14  # year, sum over organisations, and four figures with low and high
    assert [int(r[0]) for r in rows[1:]] == sorted(int(y) for y in stored_extract.years)
    assert all(re.fullmatch(r"\d+|:", c) for r in rows[1:] for c in r)
    assert "Rad" not in rows[0][0] and rows[0][0] == "År"  # the page's language: Bokmål by default


def test_an_unknown_table_is_404_and_others_are_refused(
        client_for: Callable[[list[str]], Client], stored_extract: Any) -> None:
    year = max(stored_extract.years)
    assert client_for(["analyst"]).get(f"/statistics/table/nothing.csv?year={year}").status_code == 404
    assert client_for(["coordinator"]).get(f"/statistics/table/region.csv?year={year}").status_code in (302, 403)
