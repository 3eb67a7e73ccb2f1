"""BCa bootstrap interval: seeded, re-chooses the model, brackets the estimate."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from henvis.stats.mse import MSEResult, estimate_population
from henvis.stats.mse.bootstrap import bca_interval


@pytest.fixture(scope="module")
def uk_boot() -> MSEResult:
    from henvis.stats.mse.tests.conftest import published

    return estimate_population(
        published("uk_2013_five_lists"), bootstrap=40, seed=7, sensitivity=False, progress=False
    )


def test_interval_brackets_the_point_estimate(uk_boot: MSEResult) -> None:
    r = uk_boot
    assert r.ci95_low is not None and r.ci95_high is not None
    assert r.ci95_low < r.estimate < r.ci95_high
    assert r.interval_method == "bca_bootstrap"
    assert len(r.bootstrap_estimates) == 40


def test_replicates_rechoose_the_model(uk_boot: MSEResult, uk_five: pd.DataFrame) -> None:
    # Same seed, same resamples; with the model fixed to the chosen one the replicates
    # vary far less: the stepwise replicates carry the uncertainty of the model choice.
    fixed = estimate_population(
        uk_five, bootstrap=40, seed=7, model=uk_boot.interactions, sensitivity=False,
        progress=False,
    )
    assert np.all(np.isfinite(uk_boot.bootstrap_estimates))
    assert np.std(uk_boot.bootstrap_estimates) > 2 * np.std(fixed.bootstrap_estimates)


def test_same_seed_same_interval(uk_five: pd.DataFrame) -> None:
    a = estimate_population(uk_five, bootstrap=10, seed=3, sensitivity=False, progress=False)
    b = estimate_population(uk_five, bootstrap=10, seed=3, sensitivity=False, progress=False)
    c = estimate_population(uk_five, bootstrap=10, seed=4, sensitivity=False, progress=False)
    assert (a.ci95_low, a.ci95_high) == (b.ci95_low, b.ci95_high)
    assert not np.array_equal(a.bootstrap_estimates, c.bootstrap_estimates)


def test_bca_without_bias_or_acceleration_is_the_percentile_interval() -> None:
    reps = np.random.default_rng(0).normal(100.0, 10.0, size=4001)
    interval = bca_interval(reps, float(np.median(reps)), 0.0)
    assert interval.low == pytest.approx(np.quantile(reps, 0.025), rel=1e-3)
    assert interval.high == pytest.approx(np.quantile(reps, 0.975), rel=1e-3)


def test_bca_shifts_with_bias_and_acceleration() -> None:
    reps = np.random.default_rng(1).lognormal(0.0, 0.5, size=4000)
    plain = bca_interval(reps, float(np.median(reps)), 0.0)
    biased = bca_interval(reps, float(np.quantile(reps, 0.7)), 0.0)
    accelerated = bca_interval(reps, float(np.median(reps)), 0.1)
    assert biased.low > plain.low and biased.high > plain.high  # type: ignore[operator]
    assert accelerated.high > plain.high  # type: ignore[operator]


def test_unbounded_replicates_give_no_finite_upper_limit() -> None:
    reps = np.concatenate([np.linspace(90, 110, 900), np.full(100, np.inf)])
    interval = bca_interval(reps, 100.0, 0.0)
    assert interval.low is not None and interval.high is None
