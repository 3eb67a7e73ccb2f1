"""The AIC/BIC sensitivity table shows how the estimate depends on the model."""

from __future__ import annotations

import pandas as pd

from henvis.stats.mse import estimate_population


def test_table_holds_main_effects_path_and_criterion_choices(uk_five: pd.DataFrame) -> None:
    result = estimate_population(uk_five, bootstrap=0)
    rows = result.sensitivity
    labels = [label for row in rows for label in row.labels]
    for needed in ("main effects", "chosen (stepwise)", "best AIC (forward)", "best BIC (forward)"):
        assert needed in labels
    chosen = next(r for r in rows if "chosen (stepwise)" in r.labels)
    assert chosen.interactions == result.interactions
    assert chosen.estimate == result.estimate
    assert [r.aic for r in rows] == sorted(r.aic for r in rows)
    best_aic = next(r for r in rows if "best AIC (forward)" in r.labels)
    assert best_aic.aic == min(r.aic for r in rows)
    best_bic = next(r for r in rows if "best BIC (forward)" in r.labels)
    assert best_bic.bic <= min(r.bic for r in rows) + 1e-9


def test_criteria_penalise_parameters(uk_five: pd.DataFrame) -> None:
    rows = estimate_population(uk_five, bootstrap=0).sensitivity
    for row in rows:
        # Same likelihood, so AIC - BIC depends on the parameter count alone.
        import math

        assert row.bic - row.aic == pytest_approx(row.n_parameters * (math.log(2744) - 2))


def pytest_approx(value: float) -> object:
    import pytest

    return pytest.approx(value, rel=1e-9)
