"""Model choice by stepwise addition of two-list terms (Chan, Silverman and Vincent 2021).

Start from main effects. In each step, for every two-list term not yet in the model,
compare the number of persons on both lists, n*, with its Poisson distribution under the
current model (mean = fitted count of the histories containing both lists); the p-value
is the smaller tail, min(P(X <= n*), P(X >= n*)). Add the term with the smallest p-value
if it is below the threshold (default 0.02) and the model with it passes the existence
and identifiability check; stop otherwise. Ties go to the first pair in list order. This
is SparseMSE ``stepwisefit``; the result fixes ``estimatepopulation.0``'s estimate.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from scipy.special import pdtr, pdtrc

from henvis.stats.mse.identifiability import check_model
from henvis.stats.mse.loglinear import ModelFit, Pair, all_pairs, fit_model
from henvis.stats.mse.table import CaptureTable

DEFAULT_PTHRESH = 0.02

# Warm starts keyed by the model's terms (a sorted tuple of pairs) -> coefficients.
WarmStarts = Mapping[tuple[Pair, ...], dict[str, float]]


def stepwise_fit(
    table: CaptureTable,
    pthresh: float = DEFAULT_PTHRESH,
    *,
    warm_starts: WarmStarts | None = None,
    standard_error: bool = True,
) -> list[ModelFit]:
    """The models along the stepwise path, main effects first; the last is the choice.

    ``warm_starts`` gives starting coefficients per model (the bootstrap passes the
    path fitted on the original data); without one, a model starts from the previous
    model's coefficients with the new term at zero. ``standard_error=False`` skips the
    intercept's standard error (the bootstrap needs only the point estimates).

    >>> import pandas as pd
    >>> t = CaptureTable.from_frame(pd.DataFrame({"A": [1, 0, 0, 1, 1, 0], "B": [0, 1, 0, 1, 0, 1],
    ...     "C": [0, 0, 1, 0, 1, 1], "count": [50, 60, 70, 30, 5, 6]}))
    >>> [fit.interactions for fit in stepwise_fit(t)]
    [[], ['A:B']]
    """
    h = table.histories
    candidates = all_pairs(len(table.lists))
    # both[c, k]: history c contains both lists of candidate pair k.
    both = np.column_stack([h[:, i] * h[:, j] for i, j in candidates]).astype(float)
    observed_overlap = table.counts @ both
    starts = warm_starts or {}
    fit = fit_model(table, [], start=starts.get(()), standard_error=standard_error)
    path = [fit]
    chosen: list[Pair] = []
    while len(chosen) < len(candidates):
        open_terms = [k for k, pair in enumerate(candidates) if pair not in chosen]
        expected = fit.fitted @ both[fit.design.rows][:, open_terms]
        n_star = observed_overlap[open_terms]
        # Poisson tails straight from scipy.special (what scipy.stats.poisson calls
        # underneath, without its per-call overhead): P(X <= n*) and P(X >= n*).
        lower = pdtr(n_star, expected)
        upper = np.where(n_star > 0, pdtrc(np.maximum(n_star - 1, 0), expected), 1.0)
        pvalues = np.minimum(lower, upper)
        # Smallest p-value first, ties by list order; the first that passes the check is
        # exactly the term SparseMSE picks (it sets failing terms' p-values to 1).
        best: Pair | None = None
        for position in np.lexsort((np.array(open_terms), pvalues)):
            if pvalues[position] >= pthresh:
                break
            pair = candidates[open_terms[position]]
            if check_model(table, [*chosen, pair]).ok:
                best = pair
                break
        if best is None:
            break
        chosen.append(best)
        key = tuple(sorted(chosen))
        start = starts.get(key) or fit.params_by_name()
        fit = fit_model(table, chosen, start=start, standard_error=standard_error)
        path.append(fit)
    return path
