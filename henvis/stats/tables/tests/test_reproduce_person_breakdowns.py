"""Chapter 7.3 of KOM's report for 2020: adults in housing and follow-up measures by
new/continuing, sex, exploitation form and region, for each group of measures and their
sum. With disclosure control off the rebuilt tables equal the published figures; with it
on, the small counts are suppressed."""

from __future__ import annotations

from henvis.stats.disclosure import DisclosureRule
from henvis.stats.registry import code_lists as v
from henvis.stats.registry import load_kom_seed
from henvis.stats.tables import build_release
from henvis.stats.tables.persons import MEASURE_DIMENSIONS
from henvis.stats.tables.tests.published import chapter_7_3

COLUMNS = {
    "botiltak": v.MEASURE_GROUPS["botiltak"],
    "andre": v.MEASURE_GROUPS["andre"],
    "alle": "Totalt (sum over tiltak)",
}


def _tables(rule: DisclosureRule) -> dict[str, object]:
    release = build_release(load_kom_seed(), 2020, rule=rule)
    return {dim: release.table(f"kap-7-3-bo-og-oppfolging-2020-{dim}") for dim in MEASURE_DIMENSIONS}


def test_chapter_7_3_equals_the_published_breakdowns_without_disclosure_control() -> None:
    published = chapter_7_3()
    tables = _tables(DisclosureRule.off())
    for dim in MEASURE_DIMENSIONS:
        table = tables[dim]
        vocab = v.BREAKDOWN_DIMENSIONS[dim]
        categories = {c for _, (_, b) in published.items() for c in b[dim]}
        assert list(table.row_labels[:-1]) == [vocab[c] for c in vocab if c in categories]  # type: ignore[attr-defined]
        for group, (persons, breakdown) in published.items():
            column = COLUMNS[group]
            assert table.cell("Totalt", column) == persons  # type: ignore[attr-defined]
            for code in categories:
                expected = breakdown[dim].get(code, 0)  # not mentioned = none in that group
                assert table.cell(vocab[code], column) == expected, (dim, group, code)  # type: ignore[attr-defined]
                assert table.shown(vocab[code], column) == str(expected)  # type: ignore[attr-defined]


def test_chapter_7_3_with_disclosure_control_suppresses_every_small_count() -> None:
    published = chapter_7_3()
    tables = _tables(DisclosureRule())
    small = 0
    for dim in MEASURE_DIMENSIONS:
        table = tables[dim]
        vocab = v.BREAKDOWN_DIMENSIONS[dim]
        for group, (_, breakdown) in published.items():
            for code, n in breakdown[dim].items():
                shown = table.shown(vocab[code], COLUMNS[group])  # type: ignore[attr-defined]
                if n in (1, 2):
                    small += 1
                    assert shown == ":", (dim, group, code, shown)
                elif shown != ":":
                    assert shown == str(n)
        # no released cell of a person table is 1 or 2
        assert not {"1", "2"} & {c for row in table.display for c in row}  # type: ignore[attr-defined]
        assert "under 3" in table.disclosure_note  # type: ignore[attr-defined]
    assert small >= 4  # 2 and 1 (forms, other measures), 1 (Middle East) twice
