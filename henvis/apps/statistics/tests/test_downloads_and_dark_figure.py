"""Analysts download the returns, the HTCDS export and the report, and see the
dark-figure estimate (or the reason there is none)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import openpyxl
import pandas as pd
import pytest
from django.test import Client


@pytest.mark.django_db
def test_returns_spreadsheet_and_htcds_export(client_for: Callable[[list[str]], Client], stored_extract: Any) -> None:
    client = client_for(["analyst"])
    year = max(stored_extract.years)
    xlsx = client.get(f"/statistics/download/returns.xlsx?year={year}")
    assert xlsx.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert "eurostat-victims-sex-age" in book.sheetnames
    csv = client.get(f"/statistics/download/htcds.csv?year={year}")
    frame = pd.read_csv(io.StringIO(csv.content.decode()), dtype=str)
    assert "vic_TypeOfExploitation" in frame.columns
    qis = ["hnv_YearOfRegistration", "prs_Gender", "hnv_AgeBroad", "hnv_MajorityStatus", "prs_Citizenship"]
    assert frame.empty or frame.groupby(qis, dropna=False).size().min() >= 11


@pytest.mark.django_db
def test_report_html_from_the_database(client_for: Callable[[list[str]], Client], stored_extract: Any) -> None:
    year = max(stored_extract.years)
    response = client_for(["analyst"]).get(f"/statistics/download/report.html?year={year}")
    assert response.status_code == 200
    assert b"<html" in response.content.lower()


@pytest.mark.django_db
def test_dark_figure_page_shows_estimate_or_refusal(client_for: Callable[[list[str]], Client], stored_extract: Any) -> None:
    year = max(stored_extract.years)
    html = client_for(["analyst"]).get(f"/statistics/dark-figure/?year={year}").content.decode()
    assert ('id="estimate"' in html) != ("No estimate" in html or "Det kan ikke lages" in html)
    assert "Chan" in html  # the method note names the method


@pytest.mark.django_db
def test_unknown_download_is_404(client_for: Callable[[list[str]], Client], stored_extract: Any) -> None:
    assert client_for(["analyst"]).get("/statistics/download/secrets.txt").status_code == 404


@pytest.mark.django_db
def test_dark_figure_is_pooled_over_linkage_samples(client_for: Callable[[list[str]], Client], stored_extract: Any) -> None:
    from henvis.stats.report.darkfigure import LINKAGE_SAMPLES

    year = max(stored_extract.years)
    client = client_for(["analyst"])
    html = client.get(f"/statistics/dark-figure/?year={year}").content.decode()
    if 'id="estimate"' not in html:
        pytest.skip("the fixture's table does not support an estimate")
    note = html[html.index('id="linkage-uncertainty"'):]
    note = note[:note.index("</p>")]
    assert 'class="ds-alert"' not in note  # not the single-table fallback (a warning box)
    assert f": {LINKAGE_SAMPLES})" in note  # "number of samples: 20" / "antall utvalg: 20"
    report = client.get(f"/statistics/download/report.html?year={year}").content.decode()
    assert f"{LINKAGE_SAMPLES} koblingsutvalg" in report
