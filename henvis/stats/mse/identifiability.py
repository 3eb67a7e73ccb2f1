"""Does the maximum-likelihood estimate of a model exist, and is it identifiable?

The test of Chan, Silverman and Vincent (2021), after Fienberg and Rinaldo (2012), as in
SparseMSE ``checkident``: with design matrix X (non-overlapping pairs in the model already
handled, see :mod:`henvis.stats.mse.loglinear`) and sufficient statistics t = X'y, solve the
linear programme

    maximise s  subject to  X'x = t,  x_c >= s for every cell c,  s >= 0.

The (extended) MLE exists if and only if t lies in the relative interior of the cone
spanned by the rows of X, i.e. if the optimum s is positive. The estimate is identifiable
if X has full column rank. The linear programme is scipy's ``linprog`` (HiGHS).

Both answers depend on the table only through which cells are non-zero, and existence
is monotone in that pattern (see ``_Memo``), so answers are remembered: the bootstrap
asks the same question thousands of times.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.optimize import linprog

from henvis.stats.mse.loglinear import Pair, build_design
from henvis.stats.mse.table import CaptureTable, all_histories

# HiGHS returns exactly 0 on these small problems when the MLE does not exist; anything
# above this is a strictly positive optimum (counts are integers, so s is >= O(1/cells)).
_LP_TOLERANCE = 1e-7


@dataclass(frozen=True)
class Identifiability:
    """Result of the check. ``ok`` when the estimate both exists and is identifiable."""

    exists: bool
    identifiable: bool

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
    n_lists = len(table.lists)
    support = _bits(table.counts > 0)
    model = tuple(sorted((int(i), int(j)) for i, j in pairs))
    masks = _pair_masks(n_lists)
    empty = tuple(p for p in model if support & masks[p] == 0)
    memo = _MEMO.get((n_lists, model, empty))
    if memo is None:
        if len(_MEMO) > _MEMO_LIMIT:
            _MEMO.clear()
        memo = _MEMO[(n_lists, model, empty)] = _Memo(_identifiable(n_lists, model, support))
    return Identifiability(
        exists=memo.exists(support, lambda: _exists(n_lists, model, support)),
        identifiable=memo.identifiable,
    )


_MEMO_LIMIT = 50_000


class _Memo:
    """What is known about one design (model + its non-overlapping pairs).

    With the design fixed, existence is monotone in the set of non-empty cells: adding a
    positive cell adds an element of the cone to t, and the interior of a convex cone
    plus any of its elements stays in the interior. So a support that contains one
    known to give an MLE gives one too, and a support inside one known to give none
    gives none. Only supports that neither rule decides reach the linear programme.
    """

    __slots__ = ("identifiable", "with_mle", "without_mle")

    def __init__(self, identifiable: bool) -> None:
        self.identifiable = identifiable
        self.with_mle: list[int] = []
        self.without_mle: list[int] = []

    def exists(self, support: int, solve: Callable[[], bool]) -> bool:
        if any(support & known == known for known in self.with_mle):
            return True
        if any(support & ~known == 0 for known in self.without_mle):
            return False
        answer = solve()
        (self.with_mle if answer else self.without_mle).append(support)
        return answer


_MEMO: dict[tuple[int, tuple[Pair, ...], tuple[Pair, ...]], _Memo] = {}


def _bits(flags: np.ndarray) -> int:
    return int.from_bytes(np.packbits(flags, bitorder="little").tobytes(), "little")


@lru_cache(maxsize=32)
def _pair_masks(n_lists: int) -> dict[Pair, int]:
    h = all_histories(n_lists)
    return {
        (i, j): _bits((h[:, i] * h[:, j]).astype(bool))
        for i in range(n_lists) for j in range(i + 1, n_lists)
    }


def _support_table(n_lists: int, support: int) -> CaptureTable:
    cells = 2**n_lists - 1
    counts = np.array([(support >> c) & 1 for c in range(cells)], dtype=np.int64)
    return CaptureTable(tuple(f"L{i}" for i in range(n_lists)), counts)


def _identifiable(n_lists: int, model: tuple[Pair, ...], support: int) -> bool:
    x = build_design(_support_table(n_lists, support), model).matrix
    return int(np.linalg.matrix_rank(x)) == x.shape[1]


def _exists(n_lists: int, model: tuple[Pair, ...], support: int) -> bool:
    design = build_design(_support_table(n_lists, support), model)
    return _lp_optimum(design.matrix, design.response) > _LP_TOLERANCE


def _lp_optimum(x: np.ndarray, y: np.ndarray) -> float:
    n_cells, n_params = x.shape
    # Write each cell weight as x_c = s + z_c with z_c >= 0: the constraints x_c >= s
    # become bounds, leaving only the n_params equalities X'z + s X'1 = X'y.
    # Variables: z_1..z_n, s; maximise s  <=>  minimise -s.
    objective = np.zeros(n_cells + 1)
    objective[-1] = -1.0
    a_eq = np.hstack([x.T, x.sum(axis=0)[:, None]])
    b_eq = x.T @ y
    result = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    if result.status != 0:
        return 0.0
    return float(-result.fun)
