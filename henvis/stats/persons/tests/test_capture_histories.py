"""Capture-history tables for multiple systems estimation, per year, from the linkage."""

from __future__ import annotations

import pandas as pd

from henvis.stats.persons import unique_persons


def test_capture_history_equals_the_true_lists_per_person(synthetic: tuple) -> None:
    regs, extract, clusters = synthetic
    stats = unique_persons(extract, clusters, samples=0)
    year = int(regs.year.mode()[0])
    table = stats.capture_histories(year)[0]
    in_year = regs[regs.year == year]
    expected = pd.crosstab(in_year.person_id, in_year.organisation_kind).clip(upper=1)
    expected = expected.groupby(list(expected.columns)).size().rename("count").reset_index()
    lists = [c for c in table.columns if c != "count"]
    assert sorted(lists) == sorted(in_year.organisation_kind.unique())
    got = table.sort_values(lists).reset_index(drop=True)
    want = expected[lists + ["count"]].sort_values(lists).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)


def test_one_capture_table_per_linkage_sample(synthetic: tuple) -> None:
    regs, extract, clusters = synthetic
    stats = unique_persons(extract, clusters.assign(match_probability=0.7), samples=5, seed=1)
    year = int(regs.year.mode()[0])
    tables = stats.capture_histories(year, by="source", samples=True)
    assert len(tables) == 6
    persons = [int(t["count"].sum()) for t in tables]
    assert persons[0] == regs[regs.year == year].person_id.nunique()
    assert max(persons[1:]) > persons[0]  # split-off records are extra persons
    assert all(set(t.columns) - {"count"} == set(regs[regs.year == year].source) for t in tables)
