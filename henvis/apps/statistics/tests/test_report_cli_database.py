"""`henvis report --source database` end to end: registrations (a pseudonymised extract
with its linkage) and registry imports in the test database, the command run as a user
runs it, and the files it writes checked against the CSV contract and the disclosure
rule."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

YEAR = 2020


def _count(cell: str) -> int | None:
    """The count printed in a cell ("-" is zero; ":" suppressed; "35 (hvorav 4 grove)" 35)."""
    text = cell.strip().replace("\u00a0", "").replace(" ", "")
    if text in {"-", ""}:
        return 0
    match = re.match(r"\d+", text)
    return int(match.group()) if match else None


@pytest.fixture
def database(stored_extract: Any) -> Any:
    """The synthetic extract of the statistics app's fixtures and the registry figures
    transcribed from KOM's report, imported as the demo data loader imports them."""
    from henvis.apps.statistics.models import RegistryImport
    from henvis.stats.registry import KOM_SEED_DIR

    for path in sorted(KOM_SEED_DIR.glob("*.csv")):
        text = path.read_text(encoding="utf-8")
        RegistryImport.objects.create(filename=path.name, content=text, rows=max(text.count("\n") - 1, 0))
    assert YEAR in stored_extract.years
    return stored_extract


def _release(year: int) -> Any:
    """The release the command builds from the same database (for the tables' kinds)."""
    from henvis.apps.statistics.sources import load_database_source
    from henvis.stats.disclosure import DisclosureRule
    from henvis.stats.tables import build_release
    from henvis.stats.tables.unique_persons import unique_person_tables

    inputs = load_database_source(year)
    assert inputs.person_frames is not None  # the extract has persons in the year
    return build_release(inputs.dataset, year, rule=DisclosureRule(),
                         person_tables=unique_person_tables(inputs.person_frames, year))


@pytest.mark.slow
def test_report_from_the_database_writes_html_pdf_and_tables(database: Any, tmp_path: Path) -> None:
    from henvis.cli.report import report

    out = tmp_path / "rapport"
    result = CliRunner().invoke(report, ["--year", str(YEAR), "--source", "database", "--out", str(out),
                                         "--bootstrap", "50"])
    assert result.exit_code == 0, result.output

    page = (out / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Henvis (database)" in page
    assert "Metode og konfidensialitet" in page
    pdf = (out / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"%%EOF" in pdf[-64:]

    release = _release(YEAR)
    written = {p.name for p in (out / "tables").glob("*.csv")}
    assert written == {f"{t.key}.csv" for t in release.tables}
    persons = [t for t in release.tables if t.is_persons]
    assert any(t.key.startswith(f"unike-personer-{YEAR}-") for t in persons)  # from the linked extract
    assert any(t.key.startswith("tabell-2") for t in release.tables if not t.is_persons)  # from the imports
    for table in release.tables:
        with (out / "tables" / f"{table.key}.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        header, body = rows[0], rows[1:]
        # tidy: a police cell's aggravated part is its own column beside the count
        assert [h for h in header[1:] if not h.endswith(", hvorav grove")] == list(table.column_labels), table.key
        assert [r[0] for r in body] == list(table.row_labels), table.key  # one row per category
        assert len(body) >= 2, table.key
        # totals last: the table's own totals row (its label may name it, e.g. "Totalt
        # 2012–2020" or "Innvilget reintegreringsstøtte"), at least every row above it
        totals = [_count(c) for c in body[-1][1:]]
        for row in body[:-1]:
            for value, total in zip((_count(c) for c in row[1:]), totals, strict=True):
                assert value is None or total is None or value <= total, (table.key, row)
        assert all(len(r) == len(header) for r in body), table.key
        if table.is_persons:
            cells = [c.strip() for r in body for c in r[1:]]
            assert not {"1", "2"} & set(cells), f"{table.key}: a released count of 1 or 2"
