"""Every table is written as one CSV: a header row, one row per category, totals last."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from henvis.stats.disclosure import DisclosureRule
from henvis.stats.registry import load_kom_seed
from henvis.stats.tables import build_release, write_tables_csv


def _number(cell: str) -> int:
    """'18 (hvorav 3 grove)' -> 18; '-' and '' -> 0."""
    m = re.match(r"^(\d+)", cell)
    return int(m.group(1)) if m else 0


def test_one_csv_per_table_with_header_categories_and_totals_last(tmp_path: Path) -> None:
    release = build_release(load_kom_seed(), 2020, rule=DisclosureRule.off())
    paths = write_tables_csv(release.tables, tmp_path)
    assert sorted(p.name for p in tmp_path.glob("*.csv")) == sorted(f"{t.key}.csv" for t in release.tables)
    assert not list(tmp_path.glob(".tmp-*"))
    for table, path in zip(release.tables, paths, strict=True):
        rows = list(csv.reader(path.open(encoding="utf-8")))
        # tidy: one number per cell; a police cell's aggravated part is its own column
        counts = [j for j, h in enumerate(rows[0]) if j and not h.endswith(", hvorav grove")]
        assert [rows[0][j] for j in counts] == list(table.column_labels)
        assert all(re.fullmatch(r"\d+|:", c) for r in rows[1:] for c in r[1:]), table.key
        assert [r[0] for r in rows[1:]] == list(table.row_labels)
        assert all(len(r) == len(rows[0]) for r in rows)
        body, total = rows[1:-1], rows[-1]
        assert re.match(r"^(Totalt|Totalsum|Innvilget)", total[0]), table.key
        for j in range(1, len(total)):
            assert _number(total[j]) == sum(_number(r[j]) for r in body), (table.key, rows[0][j])
        if table.has_total_column:
            for r in rows[1:]:
                assert _number(r[counts[-1]]) == sum(_number(r[j]) for j in counts[:-1]), (table.key, r[0])


def test_suppressed_cells_are_written_as_colon(tmp_path: Path) -> None:
    release = build_release(load_kom_seed(), 2020, rule=DisclosureRule())
    write_tables_csv(release.tables, tmp_path)
    region = list(csv.reader((tmp_path / "kap-7-3-bo-og-oppfolging-2020-region.csv").open(encoding="utf-8")))
    middle_east = next(r for r in region if r[0] == "Midtøsten")
    assert middle_east[1] == ":"  # 1 person
    persons = [t for t in release.tables if t.is_persons]
    assert persons and any(not t.is_persons for t in release.tables)
    for table in persons:
        path = tmp_path / f"{table.key}.csv"
        cells = [c for r in list(csv.reader(path.open(encoding="utf-8")))[1:] for c in r[1:]]
        assert "1" not in cells and "2" not in cells, path.name


def test_a_police_cell_with_aggravated_reports_becomes_two_numbers(tmp_path: Path) -> None:
    """"39 (hvorav 3 grove)" in the report is 39 and 3 in two columns of the CSV."""
    release = build_release(load_kom_seed(), 2020, rule=DisclosureRule.off())
    table = next(t for t in release.tables if t.key.startswith("tabell-2"))
    assert table.subtotals is not None
    write_tables_csv([table], tmp_path)
    rows = list(csv.reader((tmp_path / f"{table.key}.csv").open(encoding="utf-8")))
    total_label = table.column_labels[-1]
    j = rows[0].index(total_label)
    assert rows[0][j + 1] == f"{total_label}, hvorav grove"
    assert rows[-1][j] == str(table.values[-1][-1]) and rows[-1][j + 1] == str(table.subtotals[-1][-1])
    assert "hvorav" in table.display[-1][-1] and not any("hvorav" in c for r in rows[1:] for c in r)
