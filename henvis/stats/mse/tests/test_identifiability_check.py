"""The linear-programming test of existence and the rank test of identifiability."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import pandas as pd

from henvis.stats.mse.identifiability import _lp_optimum, check_model
from henvis.stats.mse.loglinear import build_design
from henvis.stats.mse.table import CaptureTable


def _table(rows: Sequence[tuple[int, ...]]) -> CaptureTable:
    return CaptureTable.from_frame(pd.DataFrame(rows, columns=["A", "B", "C", "count"]))


SPARSE = [(1, 0, 0, 9), (0, 1, 0, 8), (0, 0, 1, 7), (1, 0, 1, 2), (0, 1, 1, 3)]


def test_main_effects_exist_with_overlaps() -> None:
    assert check_model(_table(SPARSE), []).ok


def test_model_with_an_empty_pair_fitted_by_exclusion_exists() -> None:
    # A:B has no overlap: its parameter is minus infinity (cells AB, ABC drop out).
    result = check_model(_table(SPARSE), [(0, 1)])
    assert result.exists and result.identifiable


def test_boundary_sufficient_statistics_mean_no_mle() -> None:
    result = check_model(_table(SPARSE), [(0, 2), (1, 2)])
    assert not result.exists
    assert result.identifiable


def test_too_many_terms_for_the_cells_is_not_identifiable() -> None:
    result = check_model(_table(SPARSE), [(0, 1), (0, 2), (1, 2)])
    assert not result.identifiable


def test_complete_table_supports_every_two_list_model() -> None:
    rows = [(*h, 5) for h in itertools.product((0, 1), repeat=3) if any(h)]
    table = _table(rows)
    for k in range(4):
        for pairs in itertools.combinations([(0, 1), (0, 2), (1, 2)], k):
            assert check_model(table, list(pairs)).ok, pairs


def test_cached_answer_on_the_pattern_of_empty_cells_equals_lp_on_the_counts() -> None:
    # The check is cached on which cells are non-zero; the LP on the actual counts must
    # give the same verdict (existence depends on the support only).
    table = _table(SPARSE)
    for k in range(4):
        for pairs in itertools.combinations([(0, 1), (0, 2), (1, 2)], k):
            design = build_design(table, list(pairs))
            on_counts = _lp_optimum(design.matrix, design.response) > 1e-7
            assert check_model(table, list(pairs)).exists == on_counts, pairs
