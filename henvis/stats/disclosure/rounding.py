"""Controlled rounding to a base (3 or 5) with additive totals.

Each cell, totals included, is rounded to one of the two multiples of the base around
it (a multiple stays as it is), chosen by integer programming so that every row and
column of the rounded table still adds up and the total absolute change is smallest.
For one- and two-way tables such a rounding always exists (Cox 1987); if a table with
non-additive margins has none, the fallback rounds the category cells to the nearest
multiple and recomputes the totals from them (still additive, but a total may then move
by more than one base). Tables are rounded one by one; linked tables may therefore show
slightly different rounded margins for the same dimension.

>>> import pandas as pd
>>> t = pd.DataFrame({"n": [1, 4, 7, 12]}, index=["a", "b", "c", "Total"])
>>> r = controlled_round(t, 3)
>>> bool((r % 3 == 0).all().all()), int(r.iloc[:-1, 0].sum()) == int(r.iloc[-1, 0])
(True, True)
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, milp

from henvis.stats.disclosure.structure import LinearSystem, TableInput, as_frame


def controlled_round(table: TableInput, base: int) -> pd.DataFrame:
    frame = as_frame(table)
    system = LinearSystem.build({"t": frame})
    a = system.values.astype(float)
    floor = base * np.floor(a / base)
    fixed = a == floor  # already a multiple: stays
    n = len(a)
    # r = floor + base * d, d in {0, 1}; |r - a| = (a - floor) + d * (base - 2 (a - floor))
    cost = base - 2 * (a - floor)
    constraints = []
    if system.equalities:
        m = system.matrix(system.equalities)
        constraints.append(LinearConstraint(m * base, -(m @ floor), -(m @ floor)))
    if system.upper_bounds:
        m = system.matrix(system.upper_bounds)
        constraints.append(LinearConstraint(m * base, -np.inf, -(m @ floor)))
    result = milp(
        cost, integrality=np.ones(n), bounds=Bounds(np.zeros(n), np.where(fixed, 0, 1)),
        constraints=constraints, options={"time_limit": 30},
    )
    if result.status == 0 and result.x is not None:
        rounded = floor + base * np.round(result.x)
    else:
        rounded = _round_then_total(frame, base)
    out = pd.DataFrame(
        rounded.reshape(frame.shape).astype("int64"), index=frame.index, columns=frame.columns
    )
    return out


def _round_then_total(frame: pd.DataFrame, base: int) -> np.ndarray:
    v = frame.to_numpy().astype(float)
    r = base * np.floor(v / base + 0.5)
    if frame.shape[1] == 1:
        r[-1, 0] = r[:-1, 0].sum()
    else:
        r[:-1, -1] = r[:-1, :-1].sum(axis=1)
        r[-1, :] = r[:-1, :].sum(axis=0)
    return r.ravel()
