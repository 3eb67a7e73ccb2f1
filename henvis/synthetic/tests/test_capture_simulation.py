"""Synthetic capture-history tables from a population of known size."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from henvis.synthetic.capture import CaptureScenario, coverage_scenario, simulate_capture


def test_same_seed_same_table_other_seed_other_table() -> None:
    scenario = coverage_scenario()
    a, b = simulate_capture(scenario, 11), simulate_capture(scenario, 11)
    c = simulate_capture(scenario, 12)
    assert a.table.equals(b.table)
    assert not a.table.equals(c.table)


def test_table_layout_matches_the_published_csvs() -> None:
    sim = simulate_capture(coverage_scenario(), 3)
    assert list(sim.table.columns) == ["A", "B", "C", "D", "E", "count"]
    assert (sim.table["count"] > 0).all()
    assert (sim.table[["A", "B", "C", "D", "E"]].sum(axis=1) > 0).all()
    assert sim.observed == sim.table["count"].sum()
    assert sim.unseen == sim.population - sim.observed > 0


def test_independent_lists_capture_with_their_probabilities() -> None:
    probabilities = (0.1, 0.3, 0.5)
    sim = simulate_capture(CaptureScenario(200_000, probabilities), seed=1)
    for name, p in zip("ABC", probabilities, strict=True):
        share = sim.table.loc[sim.table[name] == 1, "count"].sum() / sim.population
        assert share == pytest.approx(p, abs=0.005)
    # independence: P(A and B) = P(A) P(B)
    both = sim.table.loc[(sim.table.A == 1) & (sim.table.B == 1), "count"].sum()
    assert both / sim.population == pytest.approx(0.03, abs=0.003)


def _odds_ratio(sim_table: object, a: str, b: str, population: int) -> float:
    import pandas as pd

    t = sim_table
    assert isinstance(t, pd.DataFrame)
    n11 = t.loc[(t[a] == 1) & (t[b] == 1), "count"].sum()
    n10 = t.loc[(t[a] == 1) & (t[b] == 0), "count"].sum()
    n01 = t.loc[(t[a] == 0) & (t[b] == 1), "count"].sum()
    n00 = population - n11 - n10 - n01  # includes the unseen, known here
    return float(n11 * n00 / (n10 * n01))


def test_direct_dependence_raises_the_odds_of_being_on_both_lists() -> None:
    scenario = CaptureScenario(300_000, (0.1, 0.2, 0.15), dependence={(0, 1): 1.0})
    sim = simulate_capture(scenario, seed=2)
    assert np.log(_odds_ratio(sim.table, "A", "B", sim.population)) == pytest.approx(1.0, abs=0.05)
    assert np.log(_odds_ratio(sim.table, "A", "C", sim.population)) == pytest.approx(0.0, abs=0.05)


def test_heterogeneity_makes_every_pair_positively_dependent() -> None:
    scenario = CaptureScenario(100_000, (0.1, 0.2, 0.15), heterogeneity=1.0)
    sim = simulate_capture(scenario, seed=4)
    for a, b in itertools.combinations("ABC", 2):
        assert _odds_ratio(sim.table, a, b, sim.population) > 1.3


@pytest.mark.parametrize(
    "kwargs",
    [
        {"population": 10, "capture_probabilities": (0.1,)},
        {"population": 10, "capture_probabilities": (0.1, 1.0)},
        {"population": -1, "capture_probabilities": (0.1, 0.2)},
        {"population": 10, "capture_probabilities": (0.1, 0.2), "dependence": {(0, 2): 1.0}},
        {"population": 10, "capture_probabilities": (0.1, 0.2), "heterogeneity": -1.0},
    ],
)
def test_impossible_scenarios_are_rejected(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        CaptureScenario(**kwargs)  # type: ignore[arg-type]
