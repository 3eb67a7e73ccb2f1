"""A capture-history table from (person, list) memberships, e.g. linked extracts."""

from __future__ import annotations

import pandas as pd
import pytest

from henvis.stats.mse import CaptureTable, MSERefusal, capture_histories_from_memberships
from henvis.synthetic.capture import CaptureScenario, simulate_capture


def test_repeated_memberships_count_once_and_lists_keep_their_order() -> None:
    m = pd.DataFrame({"person_id": ["p1", "p1", "p1", "p2", "p3"],
                      "list": ["NAV", "ROSA", "NAV", "ROSA", "Politi"]})
    table = capture_histories_from_memberships(m, lists=["Politi", "ROSA", "NAV", "UDI"])
    assert list(table.columns) == ["Politi", "ROSA", "NAV", "UDI", "count"]
    rows = {tuple(r[:-1]): r[-1] for r in table.itertuples(index=False)}
    assert rows == {(1, 0, 0, 0): 1, (0, 1, 0, 0): 1, (0, 1, 1, 0): 1}


def test_unknown_list_is_refused() -> None:
    m = pd.DataFrame({"person_id": [1], "list": ["X"]})
    with pytest.raises(MSERefusal, match="X"):
        capture_histories_from_memberships(m, lists=["A", "B"])


def test_round_trip_through_memberships_of_a_simulated_population() -> None:
    sim = simulate_capture(CaptureScenario(800, (0.2, 0.3, 0.25, 0.1)), seed=5)
    table = capture_histories_from_memberships(sim.memberships(), lists=list(sim.scenario.lists))
    assert (CaptureTable.from_frame(table).counts == CaptureTable.from_frame(sim.table).counts).all()
