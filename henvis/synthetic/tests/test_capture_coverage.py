"""A small coverage check of the MSE interval on synthetic populations of known size.

The full study (200 repetitions) is bench/mse_bench.py; this is the smoke version that
fails if the interval stops covering the truth in a model the method can fit.
"""

from __future__ import annotations

import pytest

from henvis.stats.mse import estimate_population
from henvis.synthetic.capture import coverage_scenario, simulate_capture


@pytest.mark.slow
def test_interval_covers_the_true_size_in_most_repetitions() -> None:
    scenario = coverage_scenario(1500)
    covered = 0
    reps = 6
    for rep in range(reps):
        sim = simulate_capture(scenario, seed=1000 + rep)
        result = estimate_population(
            sim.table, bootstrap=25, seed=rep, sensitivity=False, progress=False
        )
        high = result.ci95_high if result.ci95_high is not None else float("inf")
        assert result.ci95_low is not None
        covered += result.ci95_low <= sim.population <= high
    # Seeded, so deterministic; at 95 % nominal coverage fewer than 5 of 6 would happen
    # with probability about 3 %, and a broken interval (e.g. model-based only, or
    # centred on a biased estimate) misses most of the time.
    assert covered >= 5
