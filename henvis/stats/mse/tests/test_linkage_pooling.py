"""Pooling over linkage samples carries the linkage variation into the interval."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from henvis.stats.mse import MSERefusal, estimate_over_linkage_samples, estimate_population


def _perturbed(table: pd.DataFrame, shift: int) -> pd.DataFrame:
    # A linkage sample that splits `shift` persons of the largest overlap cell into two
    # singletons (missed links): a plausible alternative table.
    out = table.copy()
    lists = [c for c in out.columns if c != "count"]
    multi = out[out[lists].sum(axis=1) >= 2]
    row = multi["count"].idxmax()
    out.loc[row, "count"] -= shift
    for name in lists:
        if out.loc[row, name]:
            single = (out[lists].sum(axis=1) == 1) & (out[name] == 1)
            out.loc[single, "count"] += shift
    return out


def test_pooled_interval_spans_the_linkage_samples(uk_five: pd.DataFrame) -> None:
    samples = [_perturbed(uk_five, s) for s in (0, 15, 30)]
    pooled = estimate_over_linkage_samples(samples, bootstrap=12, seed=0, progress=False)
    assert len(pooled.samples) == 3
    estimates = [s.estimate for s in pooled.samples]
    assert len(set(estimates)) == 3
    assert pooled.estimate == pytest.approx(float(np.median(estimates)))
    assert pooled.between_sd == pytest.approx(float(np.std(estimates, ddof=1)))
    assert pooled.ci95_low is not None and pooled.ci95_high is not None
    assert pooled.ci95_low < min(estimates) and max(estimates) < pooled.ci95_high
    assert pooled.observed_min < pooled.observed_max
    assert pooled.to_dict()["linkage_samples"] == 3


def test_identical_samples_pool_to_the_single_estimate(uk_five: pd.DataFrame) -> None:
    pooled = estimate_over_linkage_samples([uk_five] * 2, bootstrap=5, seed=1, progress=False)
    assert pooled.estimate == pytest.approx(estimate_population(uk_five, bootstrap=0).estimate)
    assert pooled.between_sd == 0
    assert pooled.models == {" + ".join(pooled.samples[0].interactions): 2}


def test_mostly_refused_samples_raise_the_refusal(uk_five: pd.DataFrame) -> None:
    bad = pd.DataFrame({"A": [1, 0], "B": [0, 1], "count": [3, 4]})
    with pytest.raises(MSERefusal):
        estimate_over_linkage_samples([bad, bad, uk_five], bootstrap=5, progress=False)


def test_a_few_refused_samples_are_warned_about(uk_five: pd.DataFrame) -> None:
    bad = pd.DataFrame({"A": [1, 0], "B": [0, 1], "count": [3, 4]})
    pooled = estimate_over_linkage_samples([uk_five, uk_five, bad], bootstrap=5, progress=False)
    assert pooled.refused == 1
    assert any(w.code == "linkage_samples_refused" for w in pooled.warnings)
