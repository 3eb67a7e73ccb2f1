"""Controlled rounding: every cell a multiple of the base, totals still add up, and no
cell moved by a whole base or more."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from henvis.stats.disclosure import DisclosureRule, controlled_round, protect_release

cells = st.tuples(st.integers(1, 6), st.integers(1, 5)).flatmap(
    lambda s: st.lists(st.lists(st.integers(0, 30), min_size=s[1], max_size=s[1]), min_size=s[0], max_size=s[0])
)


def with_totals(rows: list[list[int]]) -> pd.DataFrame:
    t = pd.DataFrame(rows, columns=[f"c{j}" for j in range(len(rows[0]))])
    t["Total"] = t.sum(axis=1)
    t.loc["Total"] = t.sum(axis=0)
    return t


@settings(max_examples=80, deadline=None)
@given(cells, st.sampled_from([3, 5]))
def test_rounded_tables_add_up_and_stay_within_one_base(rows: list[list[int]], base: int) -> None:
    table = with_totals(rows)
    rounded = controlled_round(table, base)
    v, r = table.to_numpy(), rounded.to_numpy()
    assert (r % base == 0).all()
    assert (abs(r - v) < base).all()
    assert (r[:-1, :-1].sum(axis=1) == r[:-1, -1]).all()
    assert (r[:-1, :].sum(axis=0) == r[-1, :]).all()


def test_multiples_of_the_base_are_kept() -> None:
    table = with_totals([[3, 6], [9, 0]])
    assert controlled_round(table, 3).equals(table.astype("int64").set_axis(
        [str(i) for i in table.index]).set_axis([str(c) for c in table.columns], axis=1))


def test_a_rounding_rule_releases_no_one_or_two() -> None:
    table = with_totals([[1, 2], [4, 7]])
    out = protect_release({"t": table}, DisclosureRule.rounding(3))["t"]
    assert out.suppressed_count == 0
    assert not set(out.values.to_numpy().ravel().tolist()) & {1, 2}
    assert (out.status == "rounded").all().all()
