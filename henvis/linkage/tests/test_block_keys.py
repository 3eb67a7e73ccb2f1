"""Capped block keys: no block above the cap, small blocks kept whole, big blocks split
by the refining column, and records meet only when they share the rule's values."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from henvis.linkage.block import BlockKey, capped_key, prediction_rules, year_apart_keys
from henvis.linkage.schema import EncodingParams

KEY = BlockKey("k", (("a", "b"), ("a", "b", "y")))
SWAPPED = BlockKey("s", (("a", "b"), ("a", "b", "y")), unordered=True)

values = st.one_of(st.none(), st.integers(0, 3))
rows = st.lists(st.tuples(values, values, values), min_size=1, max_size=60)


def frame(data: Sequence[tuple[int | None, int | None, int | None]]) -> pd.DataFrame:
    return pd.DataFrame(data, columns=["a", "b", "y"]).astype("Int64")


@settings(max_examples=150, deadline=None)
@given(rows, st.integers(1, 8))
def test_no_block_exceeds_the_cap(data: list[tuple[int | None, int | None, int | None]], cap: int) -> None:
    key = capped_key(frame(data), KEY, cap)
    assert key.dropna().value_counts().max(skipna=True) <= cap if key.notna().any() else True


@settings(max_examples=150, deadline=None)
@given(rows, st.integers(1, 8))
def test_equal_keys_mean_equal_names_and_small_blocks_stay_whole(
    data: list[tuple[int | None, int | None, int | None]], cap: int
) -> None:
    df = frame(data)
    key = capped_key(df, KEY, cap)
    complete = df[["a", "b"]].notna().all(axis=1)
    sizes = df[complete].groupby(["a", "b"]).size()
    for (a, b), size in sizes.items():
        members = df.index[complete & (df["a"] == a) & (df["b"] == b)]
        if size <= cap:
            # a block within the cap is kept whole, with one key
            assert key[members].notna().all() and key[members].nunique() == 1
        else:
            # an oversized block is split by the refining column: equal keys, equal year
            for _, group in df.loc[members][key[members].notna()].groupby(key[members].dropna()):
                assert group["y"].nunique() == 1
    for _, group in df[key.notna()].groupby(key.dropna()):
        assert len(group[["a", "b"]].drop_duplicates()) == 1


def test_records_without_the_refining_value_leave_an_oversized_block() -> None:
    df = frame([(1, 2, 1990)] * 3 + [(1, 2, None)] * 2 + [(5, 6, None)] * 2)
    key = capped_key(df, KEY, cap=3)
    assert key[:3].nunique() == 1 and key[:3].notna().all()  # refined: 3 share the year
    assert key[3:5].isna().all()  # common name and no year: out of this rule
    assert key[5:].nunique() == 1 and key[5:].notna().all()  # small block: the name suffices


def test_swapped_names_share_the_unordered_key() -> None:
    df = frame([(1, 2, 1990), (2, 1, 1991), (1, 3, 1990)])
    key = capped_key(df, SWAPPED, cap=5)
    assert key[0] == key[1] and key[0] != key[2]


def test_every_prediction_rule_is_an_equi_join_on_one_column() -> None:
    """One column on each side (the year-apart rules pair a record's whole name + year
    with the other's whole name + year before: two columns, still one equi-join)."""
    for params in (EncodingParams(), EncodingParams(year_salt=False)):
        for rule in prediction_rules(params, {"nid"}):
            left, right = rule.split(" = ")
            assert left.startswith("l.") and right.startswith("r.") and " AND " not in rule and " OR " not in rule
            if left[2:4] == "by":
                assert {left[2:5], right[2:5]} == {"bya", "byb"} and left[5:] == right[5:]
            else:
                assert right == "r." + left[2:]


def test_year_apart_keys_pair_records_one_year_apart_and_leave_common_names_out() -> None:
    rows = [(1, 2, 1990, 1989), (1, 2, 1991, 1990), (1, 2, 1993, 1992), (5, 6, 1990, 1989)]
    df = pd.DataFrame(rows, columns=["mhn1", "mhn2", "dy", "dyp"]).assign(mhn3=1, mhn4=2).astype("Int64")
    keys = year_apart_keys(df, cap=3)
    assert keys["bya1"][0] == keys["byb1"][1]  # 1990 and 1991
    assert keys["bya1"][1] != keys["byb1"][2]  # 1991 and 1993: two years apart
    assert keys["bya1"][3] != keys["byb1"][1]  # another name
    common = pd.concat([df.iloc[[0]]] * 4 + [df.iloc[[1]]], ignore_index=True)
    capped = year_apart_keys(common, cap=3)
    assert capped["bya1"][:4].isna().all() and pd.isna(capped["byb1"][4])
