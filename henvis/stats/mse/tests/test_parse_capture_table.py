"""Reading capture-history tables: completion, aggregation, errors naming row and column."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from henvis.stats.mse import CaptureTable, MSERefusal, RefusalReason
from henvis.stats.mse.table import remove_noninformative_lists


def test_missing_histories_count_zero_and_repeats_add_up() -> None:
    frame = pd.DataFrame({"A": [1, 0, 1], "B": [0, 1, 0], "count": [3, 4, 2]})
    table = CaptureTable.from_frame(frame)
    assert table.lists == ("A", "B")
    as_dict = {tuple(h): int(c) for h, c in zip(table.histories, table.counts, strict=True)}
    assert as_dict == {(1, 0): 5, (0, 1): 4, (1, 1): 0}


@pytest.mark.parametrize(
    ("column", "value", "row", "field"),
    [("A", "2", 2, "A"), ("B", "x", 1, "B"), ("count", "-1", 3, "count"), ("count", "1.5", 2, "count")],
)
def test_bad_value_names_row_and_column(column: str, value: str, row: int, field: str) -> None:
    frame = pd.DataFrame({"A": ["1", "0", "1"], "B": ["0", "1", "1"], "count": ["3", "4", "2"]})
    frame.loc[row - 1, column] = value
    with pytest.raises(MSERefusal) as caught:
        CaptureTable.from_frame(frame)
    err = caught.value
    assert err.reason is RefusalReason.INVALID_TABLE
    assert f"Rad {row}" in err.message_nb and f"Row {row}" in err.message_en
    assert field in err.message_en


def test_persons_on_no_list_are_rejected() -> None:
    frame = pd.DataFrame({"A": [1, 0], "B": [0, 0], "count": [3, 4]})
    with pytest.raises(MSERefusal, match="Row 2"):
        CaptureTable.from_frame(frame)


def test_missing_count_column_is_named() -> None:
    with pytest.raises(MSERefusal, match="count"):
        CaptureTable.from_frame(pd.DataFrame({"A": [1], "B": [1]}))


def test_unreadable_file_is_a_refusal(tmp_path: object) -> None:
    with pytest.raises(MSERefusal):
        CaptureTable.from_csv("/nonexistent/table.csv")


histories = st.lists(
    st.tuples(st.lists(st.integers(0, 1), min_size=4, max_size=4), st.integers(0, 50)),
    min_size=1,
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(histories)
def test_round_trip_keeps_every_person(rows: list[tuple[list[int], int]]) -> None:
    rows = [(h, n) for h, n in rows if any(h)]
    frame = pd.DataFrame([[*h, n] for h, n in rows], columns=["A", "B", "C", "D", "count"])
    if frame.empty:
        frame = pd.DataFrame({"A": [], "B": [], "C": [], "D": [], "count": []})
    table = CaptureTable.from_frame(frame)
    assert table.observed == sum(n for _, n in rows)
    again = CaptureTable.from_frame(table.to_frame())
    assert np.array_equal(again.counts, table.counts)
    for i, name in enumerate(table.lists):
        assert table.list_totals[name] == sum(n for h, n in rows if h[i])


@settings(max_examples=60, deadline=None)
@given(histories)
def test_removing_noninformative_lists_keeps_persons_and_informative_lists(
    rows: list[tuple[list[int], int]],
) -> None:
    rows = [(h, n) for h, n in rows if any(h) and n > 0]
    if not rows:
        return
    frame = pd.DataFrame([[*h, n] for h, n in rows], columns=["A", "B", "C", "D", "count"])
    table = CaptureTable.from_frame(frame)
    tidy, removed = remove_noninformative_lists(table)
    assert len(tidy.lists) + len(removed) == 4
    totals = tidy.list_totals
    assert all(0 < totals[name] < tidy.observed for name in tidy.lists)
    columns = {tidy.histories[tidy.counts > 0, i].tobytes() for i in range(len(tidy.lists))}
    assert len(columns) == len(tidy.lists)  # no two kept lists are duplicates
    if tidy.lists:
        # persons who stay are those on at least one kept list
        kept = [table.lists.index(n) for n in tidy.lists]
        on_kept = table.counts[table.histories[:, kept].sum(axis=1) > 0].sum()
        assert tidy.observed == on_kept
