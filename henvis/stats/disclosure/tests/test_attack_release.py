"""Every release is attacked by an independent attacker (tests/attacker.py): it must not
recover any suppressed cell, by differencing or by integer programming, within a table
or across the linked tables of the release."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from henvis.stats.disclosure import DisclosureRule, protect, protect_release
from henvis.stats.disclosure.tests.attacker import Published, bounds, difference

SEXES = ["Kvinne", "Mann"]
FORMS = ["Prostitusjon", "Tvangsarbeid", "Tigging", "Kriminalitet"]
REGIONS = ["Afrika", "Asia", "Europa", "Norge"]


def crosstab(persons: pd.DataFrame, rows: str, cols: str | None) -> pd.DataFrame:
    if cols is None:
        counts = persons[rows].value_counts().reindex(sorted(persons[rows].unique()))
        frame = counts.to_frame("Antall")
        frame.loc["I alt"] = frame["Antall"].sum()
        frame.index.name = rows
        return frame
    table = pd.crosstab(persons[rows], persons[cols], margins=True, margins_name="I alt")
    table.index.name, table.columns.name = rows, cols
    return table


def release_of(persons: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Three tables of the same persons: they share the sex margin and the grand total."""
    return {
        "sex_form": crosstab(persons, "sex", "form"),
        "sex_region": crosstab(persons, "sex", "region"),
        "sex": crosstab(persons, "sex", None),
    }


def published(result: dict, *, linked: bool) -> Published:
    tables = {name: p.display() for name, p in result.items()}
    pub = Published(tables)
    if linked:
        pub.shared_margins = [
            ("sex_form", "rows", "sex_region", "rows"),
            ("sex_form", "rows", "sex", "rows"),
        ]
        pub.same_population = [("sex_form", "sex_region"), ("sex_form", "sex")]
    return pub


def assert_attack_fails(originals: dict[str, pd.DataFrame], result: dict, pub: Published, rule: DisclosureRule) -> None:
    assert difference(pub) == {}, "differencing recovered a suppressed cell"
    for (name, row, col), (lo, hi) in bounds(pub).items():
        true = int(originals[name].loc[row, col])
        assert lo <= true <= hi
        assert lo < hi, f"{name}[{row},{col}] is exactly {lo}"
        if rule.is_small(true):
            assert hi >= true + rule.protection and lo <= max(true - rule.protection, 0)
    for name, p in result.items():
        shown = p.values.to_numpy()
        real = originals[name].to_numpy()
        mask = ~p.suppressed.to_numpy()
        assert (shown[mask] == real[mask]).all(), "a published figure was changed"
        assert not any(rule.is_small(int(v)) for v in shown[mask]), "a small count was published"


persons_strategy = st.integers(min_value=1, max_value=60).flatmap(
    lambda n: st.tuples(
        st.lists(st.sampled_from(SEXES), min_size=n, max_size=n),
        st.lists(st.sampled_from(FORMS), min_size=n, max_size=n),
        st.lists(st.sampled_from(REGIONS), min_size=n, max_size=n),
    )
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(persons_strategy)
def test_linked_tables_of_the_same_persons_resist_differencing(columns: tuple) -> None:
    persons = pd.DataFrame({"sex": columns[0], "form": columns[1], "region": columns[2]})
    originals = release_of(persons)
    rule = DisclosureRule()
    result = protect_release(originals, rule)
    assert_attack_fails(originals, result, published(result, linked=True), rule)


two_way = st.tuples(st.integers(1, 6), st.integers(1, 5)).flatmap(
    lambda shape: st.lists(
        st.lists(st.sampled_from([0, 0, 1, 1, 2, 3, 4, 5, 8, 13, 40]), min_size=shape[1], max_size=shape[1]),
        min_size=shape[0], max_size=shape[0],
    )
)


def with_totals(cells: list[list[int]]) -> pd.DataFrame:
    inner = pd.DataFrame(cells, index=[f"r{i}" for i in range(len(cells))],
                         columns=[f"c{j}" for j in range(len(cells[0]))])
    inner["Total"] = inner.sum(axis=1)
    inner.loc["Total"] = inner.sum(axis=0)
    inner.index.name, inner.columns.name = "rows", "cols"
    return inner


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(two_way, st.integers(1, 2))
def test_random_two_way_tables_resist_differencing(cells: list[list[int]], protection: int) -> None:
    table = with_totals(cells)
    rule = DisclosureRule(protection=protection)
    result = {"t": protect(table, rule, name="t")}
    assert_attack_fails({"t": table}, result, published(result, linked=False), rule)


def test_the_attacker_does_recover_a_cell_when_only_small_counts_are_hidden() -> None:
    # Guard against a toothless attacker: hiding just the 1 lets differencing find it.
    table = with_totals([[7, 1], [5, 6]])
    naive = table.astype(str)
    naive.loc["r0", "c1"] = ":"
    assert difference(Published({"t": naive})) == {("t", "r0", "c1"): 1}


def test_the_attacker_uses_a_linked_table() -> None:
    # Each table protected on its own hides the men's total in one table but not in the
    # other tables of the same persons; the attacker copies it across the link. Protected
    # together, the release withstands the same attacker.
    persons = pd.DataFrame({
        "sex": ["Kvinne"] * 9 + ["Mann"] * 2,
        "form": ["Prostitusjon"] * 5 + ["Tvangsarbeid"] * 4 + ["Prostitusjon", "Tigging"],
        "region": ["Europa"] * 11,
    })
    originals = release_of(persons)
    alone = {n: protect(t, DisclosureRule(), name=n) for n, t in originals.items()}
    pub = published(alone, linked=True)
    leaked = difference(pub)
    ranges = bounds(pub)
    exact = {k for k, (lo, hi) in ranges.items() if lo == hi}
    assert leaked or exact, "tables protected one by one should leak through the link"
    together = protect_release(originals, DisclosureRule())
    assert_attack_fails(originals, together, published(together, linked=True), DisclosureRule())


def test_no_small_cells_means_nothing_is_suppressed() -> None:
    table = with_totals([[7, 3], [5, 6]])
    assert protect(table).suppressed_count == 0


def test_a_total_of_two_is_itself_hidden() -> None:
    table = with_totals([[2, 0], [5, 6]])
    out = protect(table)
    assert out.display().loc["r0", "Total"] == ":"
    assert out.values.isna().loc["r0", "Total"]
