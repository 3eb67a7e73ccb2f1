"""Does the maximum-likelihood estimate of a model exist, and is it identifiable?

The test of Chan, Silverman and Vincent (2021), after Fienberg and Rinaldo (2012), as in
SparseMSE ``checkident``: with design matrix X (non-overlapping pairs in the model already
handled, see :mod:`henvis.stats.mse.model`) and sufficient statistics t = X'y, solve the
linear programme

    maximise s  subject to  X'x = t,  x_c >= s for every cell c,  x >= 0.

The (extended) MLE exists if and only if t lies in the relative interior of the cone
spanned by the rows of X, i.e. if the optimum s is positive. The estimate is identifiable
if X has full column rank. The linear programme is scipy's ``linprog`` (HiGHS).

Both answers depend on the table only through which cells are non-zero, so they are
cached on that pattern: the bootstrap asks the same question thousands of times.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.optimize import linprog

from henvis.stats.mse.model import Pair, build_design
from henvis.stats.mse.table import CaptureTable

# HiGHS returns exactly 0 on these small problems when the MLE does not exist; anything
# above this is a strictly positive optimum (counts are integers, so s is >= O(1/cells)).
_LP_TOLERANCE = 1e-7


@dataclass(frozen=True)
class Identifiability:
    """Result of the check. ``ok`` when the estimate both exists and is identifiable."""

    exists: bool
    identifiable: bool
    lp_optimum: float

    @property
    def ok(self) -> bool:
        return self.exists and self.identifiable


def check_model(table: CaptureTable, pairs: Sequence[Pair]) -> Identifiability:
    """Check the model with main effects and the two-list terms ``pairs`` on ``table``.

    >>> import pandas as pd
    >>> t = CaptureTable.from_frame(pd.DataFrame(
    ...     {"A": [1, 0, 0, 1], "B": [0, 1, 0, 1], "C": [0, 0, 1, 0], "count": [9, 8, 7, 2]}))
    >>> check_model(t, []).ok
    True
    >>> check_model(t, [(0, 1)]).exists   # A:B then fits the only overlap exactly
    False
    """
    support = (table.counts > 0).tobytes()
    key = tuple(sorted((int(i), int(j)) for i, j in pairs))
    return _check_cached(len(table.lists), support, key)


@lru_cache(maxsize=200_000)
def _check_cached(n_lists: int, support: bytes, pairs: tuple[Pair, ...]) -> Identifiability:
    counts = np.frombuffer(support, dtype=bool).astype(np.int64)
    table = CaptureTable(tuple(f"L{i}" for i in range(n_lists)), counts)
    design = build_design(table, pairs)
    x = design.matrix
    rank_deficiency = x.shape[1] - int(np.linalg.matrix_rank(x))
    optimum = _lp_optimum(x, design.response)
    return Identifiability(
        exists=optimum > _LP_TOLERANCE,
        identifiable=rank_deficiency == 0,
        lp_optimum=optimum,
    )


def _lp_optimum(x: np.ndarray, y: np.ndarray) -> float:
    n_cells, n_params = x.shape
    # Variables: x_1..x_n (cell weights) and s; maximise s  <=>  minimise -s.
    objective = np.zeros(n_cells + 1)
    objective[-1] = -1.0
    a_eq = np.hstack([x.T, np.zeros((n_params, 1))])
    b_eq = x.T @ y
    a_ub = np.hstack([-np.eye(n_cells), np.ones((n_cells, 1))])  # s - x_c <= 0
    b_ub = np.zeros(n_cells)
    result = linprog(objective, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, method="highs")
    if result.status != 0:
        return 0.0
    return float(-result.fun)
