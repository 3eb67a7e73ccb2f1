"""The yearly report is written as report.html and report.pdf with charts, and the
tables as CSV files, by `henvis report`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from henvis.cli.report import report


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("rapport")
    result = CliRunner().invoke(report, ["--year", "2020", "--source", "kom-seed", "--out", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def test_pdf_is_written_and_contains_a_chart(out: Path) -> None:
    pdf = (out / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert pdf.count(b"/Subtype /Image") >= 1
    assert b"%%EOF" in pdf[-64:]


def test_html_page_has_tables_charts_text_and_method_note(out: Path) -> None:
    page = (out / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'lang="nb"' in page
    assert len(re.findall(r'<img src="data:image/png;base64,', page)) >= 3
    assert "I 2020 ble det registrert 39 anmeldelser om menneskehandel, 3 av dem for grov menneskehandel." in page
    assert "Tabell 2: Anmeldelser i 2020 fordelt etter politidistrikt og utnyttingsform" in page
    assert "Metode og konfidensialitet" in page and "Antall under 3 personer" in page
    assert "Mørketall" in page
    assert "<script" not in page


def test_tables_folder_has_one_csv_per_table(out: Path) -> None:
    names = sorted(p.name for p in (out / "tables").glob("*.csv"))
    assert "tabell-2-anmeldelser-2020-distrikt-form.csv" in names
    assert any(n.startswith("kap-7-3-") for n in names)
    page = (out / "report.html").read_text(encoding="utf-8")
    for name in names:
        assert f'id="{name.removesuffix(".csv")}"' in page  # every CSV table is in the report


def test_unknown_year_and_missing_database_source_fail_clearly(tmp_path: Path) -> None:
    runner = CliRunner()
    # 1999 is in the years figures can be about, 1900 is not: both have no figures and
    # are refused in both languages (1900 used to get click's English range message)
    for year in ("1999", "1900"):
        args = ["--year", year, "--source", "kom-seed", "--out", str(tmp_path)]
        result = runner.invoke(report, args, env={"HENVIS_LANGUAGE": "nb"})
        assert result.exit_code == 1, result.output
        assert f"ingen tall for {year}" in result.output and "ingen rapport er skrevet" in result.output
        assert "no report" not in result.output
        result = runner.invoke(report, args, env={"HENVIS_LANGUAGE": "en"})
        assert result.exit_code == 1, result.output
        assert f"no figures for {year}" in result.output and "no report was written" in result.output
        assert not (tmp_path / "report.pdf").exists()


def test_a_bad_registry_file_stops_the_run_and_writes_nothing(tmp_path: Path) -> None:
    registry = tmp_path / "registry"
    registry.mkdir()
    (registry / "police_reports.csv").write_text(
        "year,breakdown,police_district,exploitation_form,grov,reports,source\n"
        "2021,distrikt-form,oslo,arbeid,ja,mange,s\n",
        encoding="utf-8")
    out = tmp_path / "out"
    args = ["--year", "2020", "--source", "kom-seed", "--out", str(out), "--registry", str(registry)]
    result = CliRunner().invoke(report, args, env={"HENVIS_LANGUAGE": "nb"})
    assert result.exit_code == 2  # refused input: errors.EXIT_REFUSED
    assert "Rad 2, kolonne reports" in result.output and "Row 2" not in result.output
    result = CliRunner().invoke(report, args, env={"HENVIS_LANGUAGE": "en"})
    assert result.exit_code == 2  # refused input: errors.EXIT_REFUSED
    assert "Row 2, column reports" in result.output and "Rad 2" not in result.output
    assert not out.exists()
