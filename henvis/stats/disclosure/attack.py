"""The attacker: how precisely can a suppressed cell be recovered from what is published?

For every suppressed cell the attacker solves two integer programs over all the
relations of the release (row and column sums, linked margins, grand totals, cell <=
total) with every published figure fixed and every count >= 0: the smallest and the
largest value the cell can take. If the two are equal, differencing has recovered the
cell. ``protect_release`` runs this attacker on its own output, and the tests run an
independent one.

>>> import numpy as np, pandas as pd
>>> t = pd.DataFrame({"n": [5, 1, 6]}, index=pd.Index(["a", "b", "Total"], name="sex"))
>>> system = LinearSystem.build({"t": t})
>>> hidden = np.array([False, True, False])        # only "b" suppressed: 6 - 5 = 1
>>> feasible_ranges(system, hidden)[1]
(1.0, 1.0)
"""

from __future__ import annotations

import math

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from henvis.stats.disclosure.structure import LinearSystem


def feasible_ranges(system: LinearSystem, suppressed: np.ndarray) -> dict[int, tuple[float, float]]:
    """Cell index -> (lowest, highest) integer value consistent with the published
    figures, for every suppressed cell. ``math.inf`` when nothing bounds it above.
    Latent cells are unknowns too, but they are never released, so no range is given."""
    latent = system.is_latent
    suppressed = np.asarray(suppressed, dtype=bool) | latent
    labels = system.components()
    out: dict[int, tuple[float, float]] = {}
    for label in np.unique(labels[suppressed & ~latent]):
        members = np.flatnonzero(labels == label)
        hidden = [int(i) for i in members if suppressed[i]]
        problem = _Problem(system, hidden, suppressed)
        for i in hidden:
            if not latent[i]:
                out[i] = (problem.extreme(i, lowest=True), problem.extreme(i, lowest=False))
    return out


class _Problem:
    """min/max of one hidden cell subject to the release's relations."""

    def __init__(self, system: LinearSystem, hidden: list[int], suppressed: np.ndarray) -> None:
        self.position = {cell: k for k, cell in enumerate(hidden)}
        published = np.where(suppressed, 0, system.values)
        constraints = []
        for rows, lower_is_rhs in ((system.equalities, True), (system.upper_bounds, False)):
            relevant = [r for r in rows if any(j in self.position for j in r)]
            if not relevant:
                continue
            a = np.zeros((len(relevant), len(hidden)))
            rhs = np.zeros(len(relevant))
            for k, row in enumerate(relevant):
                for j, coef in row.items():
                    if j in self.position:
                        a[k, self.position[j]] += coef
                    else:
                        rhs[k] -= coef * published[j]
            constraints.append(LinearConstraint(a, rhs if lower_is_rhs else -np.inf, rhs))
        self.constraints = constraints
        self.n = len(hidden)

    def extreme(self, cell: int, *, lowest: bool) -> float:
        c = np.zeros(self.n)
        c[self.position[cell]] = 1.0 if lowest else -1.0
        result = milp(
            c, integrality=np.ones(self.n), bounds=Bounds(0, np.inf),
            constraints=self.constraints, options={"time_limit": 60},
        )
        if result.status == 0 and result.x is not None:
            return float(round(result.x[self.position[cell]]))
        # Unbounded (or undecided): the LP relaxation tells whether the cell is bounded.
        relaxed = self._relaxation(c)
        if relaxed is None:
            return math.inf if not lowest else 0.0
        return float(math.floor(relaxed + 1e-9) if not lowest else math.ceil(relaxed - 1e-9))

    def _relaxation(self, c: np.ndarray) -> float | None:
        a_eq, b_eq, a_ub, b_ub = [], [], [], []
        for con in self.constraints:
            lb, ub = np.broadcast_to(con.lb, con.A.shape[0]), np.broadcast_to(con.ub, con.A.shape[0])
            for k in range(con.A.shape[0]):
                if lb[k] == ub[k]:
                    a_eq.append(con.A[k])
                    b_eq.append(ub[k])
                else:
                    a_ub.append(con.A[k])
                    b_ub.append(ub[k])
        res = linprog(
            c, A_eq=np.array(a_eq) if a_eq else None, b_eq=np.array(b_eq) if b_eq else None,
            A_ub=np.array(a_ub) if a_ub else None, b_ub=np.array(b_ub) if b_ub else None,
            bounds=(0, None), method="highs",
        )
        if res.status != 0:
            return None
        return float(abs(res.fun))
