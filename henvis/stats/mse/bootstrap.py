"""Bootstrap confidence intervals with BCa correction (SparseMSE ``estimatepopulation``).

Each replicate draws the observed persons again from the observed cells (multinomial with
the observed total and the observed cell proportions: the nonparametric bootstrap of the
reference, not a parametric one from the fitted model) and re-runs the whole procedure,
model choice included, so that the interval carries the uncertainty of the choice. The
bias correction z0 is the normal quantile of the share of replicates below the point
estimate; the acceleration comes from a jackknife that removes one person at a time
(DiCiccio and Efron 1996). Quantiles are Hyndman-Fan type 8 (numpy "median_unbiased"),
as R's ``quantile(type = 8)`` in the reference.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.stats import norm
from tqdm import tqdm

from henvis.stats.mse.identifiability import check_model
from henvis.stats.mse.loglinear import fit_model
from henvis.stats.mse.stepwise import WarmStarts, stepwise_fit
from henvis.stats.mse.table import CaptureTable, remove_noninformative_lists

Estimator = Callable[[CaptureTable], float]


def replicate_estimate(
    table: CaptureTable,
    pthresh: float,
    warm_starts: WarmStarts | None = None,
    fixed_model: Sequence[tuple[str, str]] | None = None,
) -> float:
    """The point estimate of one resampled table: ``inf`` when the main-effects MLE does
    not exist (the dark figure is unbounded), ``nan`` when fewer than two informative
    lists are left. Non-informative lists are removed first, which gives the same
    extended-MLE answer as keeping them (see ``remove_noninformative_lists``).
    ``fixed_model`` (pairs of list names) replaces the stepwise choice by that model;
    terms on a removed list drop out."""
    tidy, removed = remove_noninformative_lists(table)
    if len(tidy.lists) < 2:
        return float("nan")
    if not check_model(tidy, []).ok:
        return float("inf")
    starts = warm_starts if not removed else None
    if fixed_model is not None:
        position = {name: i for i, name in enumerate(tidy.lists)}
        pairs = [
            (position[a], position[b]) for a, b in fixed_model if a in position and b in position
        ]
        if not check_model(tidy, pairs).ok:
            return float("inf")
        start = (starts or {}).get(tuple(sorted(pairs)))
        return fit_model(tidy, pairs, start=start, standard_error=False).estimate
    return stepwise_fit(tidy, pthresh, warm_starts=starts, standard_error=False)[-1].estimate


def bootstrap_replicates(
    table: CaptureTable,
    estimator: Estimator,
    replicates: int,
    rng: np.random.Generator,
    *,
    progress: bool | None = None,
) -> np.ndarray:
    """``replicates`` estimates from multinomial resamples of the observed cells."""
    probabilities = table.counts / table.observed
    draws = rng.multinomial(table.observed, probabilities, size=replicates)
    out = np.empty(replicates)
    # disable=None lets tqdm show the bar only on a terminal; the CLI forces it on.
    for b in tqdm(
        range(replicates), desc="bootstrap", unit="rep", file=sys.stderr,
        disable=None if progress is None else not progress, leave=False,
    ):
        out[b] = estimator(table.with_counts(draws[b]))
    return out


def jackknife_acceleration(table: CaptureTable, estimator: Estimator) -> float:
    """BCa acceleration from the delete-one-person jackknife: each non-empty cell is
    left one person short once, and its value counts as often as the cell has persons."""
    cells = np.flatnonzero(table.counts > 0)
    weights = table.counts[cells].astype(float)
    values = np.empty(len(cells))
    for k, cell in enumerate(cells):
        counts = table.counts.copy()
        counts[cell] -= 1
        values[k] = estimator(table.with_counts(counts))
    if not np.all(np.isfinite(values)):
        return 0.0
    residuals = np.sum(weights * values) / np.sum(weights) - values
    denominator = 6.0 * np.sum(weights * residuals**2) ** 1.5
    if denominator == 0:
        return 0.0
    return float(np.sum(weights * residuals**3) / denominator)


@dataclass(frozen=True)
class BCaInterval:
    low: float | None  # None: the bound is not finite (too many unbounded replicates)
    high: float | None
    bias_correction: float  # z0
    acceleration: float  # a
    clipped: bool  # the point estimate lay outside the replicates; z0 was bounded


def bca_interval(
    replicates: np.ndarray, estimate: float, acceleration: float, level: float = 0.95
) -> BCaInterval:
    """BCa limits (SparseMSE ``bcaconfvalues``) from finite or +inf replicates.

    >>> reps = np.arange(1, 1000, dtype=float)
    >>> i = bca_interval(reps, 500.0, 0.0)
    >>> round(i.low), round(i.high)
    (25, 975)
    """
    reps = replicates[~np.isnan(replicates)]
    share_below = float(np.mean(reps < estimate))
    bound = 0.5 / len(reps)
    clipped = not bound <= share_below <= 1 - bound
    z0 = float(norm.ppf(np.clip(share_below, bound, 1 - bound)))
    alpha = np.array([(1 - level) / 2, (1 + level) / 2])
    za = norm.ppf(alpha) + z0
    adjusted = norm.cdf(z0 + za / (1 - acceleration * za))
    finite_max = float(np.max(reps[np.isfinite(reps)])) if np.any(np.isfinite(reps)) else 0.0
    # An unbounded replicate sorts above every finite one; a limit that lands among
    # them is reported as not finite rather than interpolated towards a sentinel.
    sentinel = np.where(np.isinf(reps), 1e300, reps)
    limits = np.quantile(sentinel, adjusted, method="median_unbiased")
    low, high = (float(v) if v <= finite_max else None for v in limits)
    return BCaInterval(low, high, z0, acceleration, clipped)
