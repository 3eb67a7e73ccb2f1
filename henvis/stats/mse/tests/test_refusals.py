"""No estimate when the data cannot support one: a typed, bilingual refusal."""

from __future__ import annotations

import pandas as pd
import pytest

from henvis.stats.mse import MSERefusal, RefusalReason, estimate_population


def _table(rows: list[tuple[int, ...]], lists: str = "ABC") -> pd.DataFrame:
    return pd.DataFrame(rows, columns=[*lists, "count"])


def _refusal(table: pd.DataFrame) -> MSERefusal:
    with pytest.raises(MSERefusal) as caught:
        estimate_population(table, bootstrap=0)
    return caught.value


def test_two_lists_are_refused() -> None:
    err = _refusal(_table([(1, 0, 30), (0, 1, 20), (1, 1, 5)], lists="AB"))
    assert err.reason is RefusalReason.TOO_FEW_LISTS
    assert "minst 3 lister" in err.message_nb and "at least 3" in err.message_en


def test_lists_without_information_do_not_count_towards_three() -> None:
    # C is empty and D repeats A: two informative lists remain.
    table = pd.DataFrame(
        [(1, 0, 0, 1, 30), (0, 1, 0, 0, 20), (1, 1, 0, 1, 5)], columns=["A", "B", "C", "D", "count"]
    )
    err = _refusal(table)
    assert err.reason is RefusalReason.TOO_FEW_LISTS
    assert "C" in err.message_en and "D" in err.message_en


def test_no_overlaps_are_refused() -> None:
    err = _refusal(_table([(1, 0, 0, 30), (0, 1, 0, 20), (0, 0, 1, 10)]))
    assert err.reason is RefusalReason.NO_OVERLAPS
    assert "overlapp" in err.message_nb and "overlap" in err.message_en


def test_given_model_without_mle_is_refused() -> None:
    # A and B never overlap. With A:C and B:C in the model, the counts of A, B, C, AC
    # and BC are matched only by pushing the dark figure to infinity.
    table = _table([(1, 0, 0, 9), (0, 1, 0, 8), (0, 0, 1, 7), (1, 0, 1, 2), (0, 1, 1, 3)])
    with pytest.raises(MSERefusal) as caught:
        estimate_population(table, bootstrap=0, model=["A:C", "B:C"])
    assert caught.value.reason is RefusalReason.MLE_DOES_NOT_EXIST
    assert "finnes ikke" in caught.value.message_nb
    assert "does not exist" in caught.value.message_en


def test_given_model_that_is_not_identifiable_is_refused() -> None:
    # With A:B empty the cells AB and ABC drop out: 5 cells for 7 parameters.
    table = _table([(1, 0, 0, 9), (0, 1, 0, 8), (0, 0, 1, 7), (1, 0, 1, 2), (0, 1, 1, 3)])
    with pytest.raises(MSERefusal) as caught:
        estimate_population(table, bootstrap=0, model=["A:B", "A:C", "B:C"])
    assert caught.value.reason is RefusalReason.NOT_IDENTIFIABLE


def test_model_naming_an_unknown_list_is_refused() -> None:
    table = _table([(1, 0, 0, 9), (0, 1, 0, 8), (0, 0, 1, 7), (1, 0, 1, 2), (0, 1, 1, 3)])
    with pytest.raises(MSERefusal) as caught:
        estimate_population(table, bootstrap=0, model=["A:Q"])
    assert caught.value.reason is RefusalReason.INVALID_MODEL
    assert "Q" in caught.value.message_en


def test_refusal_is_a_value_error_with_both_languages() -> None:
    err = _refusal(_table([(1, 0, 0, 30), (0, 1, 0, 20), (0, 0, 1, 10)]))
    assert isinstance(err, ValueError)
    assert str(err) == f"{err.message_nb} / {err.message_en}"
    assert err.to_dict()["code"] == "no_overlaps"


def test_empty_table_is_refused() -> None:
    err = _refusal(_table([(1, 0, 0, 0), (0, 1, 1, 0)]))
    assert err.reason is RefusalReason.INVALID_TABLE
