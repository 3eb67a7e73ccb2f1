"""An attacker written independently of the library: it reads only the published
tables (":" where suppressed) and what the release says about them (which tables add
up, which count the same persons), and tries to recover every suppressed cell by

1. differencing: any row, column or shared margin with exactly one unknown is solved,
   repeatedly, across tables;
2. integer programming: the smallest and largest value each remaining unknown can take
   under all published equations with counts >= 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, milp

Key = tuple[str, str, str]


@dataclass
class Published:
    """A release as the public sees it."""

    tables: dict[str, pd.DataFrame]                  # strings, ":" suppressed, totals last
    additive: dict[str, bool] = field(default_factory=dict)
    # (table a, dimension of a: "rows"|"cols", table b, dimension of b): same margin
    shared_margins: list[tuple[str, str, str, str]] = field(default_factory=list)
    same_population: list[tuple[str, str]] = field(default_factory=list)


def equations(pub: Published) -> list[list[tuple[Key, int]]]:
    """Each equation: sum(coef * cell) == 0, with cells keyed (table, row, col)."""
    eqs: list[list[tuple[Key, int]]] = []
    for name, t in pub.tables.items():
        if not pub.additive.get(name, True):
            continue
        rows, cols = list(t.index), list(t.columns)
        one_way = len(cols) == 1
        for c in cols:
            eqs.append([((name, r, c), 1) for r in rows[:-1]] + [((name, rows[-1], c), -1)])
        if not one_way:
            for r in rows:
                eqs.append([((name, r, c), 1) for c in cols[:-1]] + [((name, r, cols[-1]), -1)])
    for a, da, b, db in pub.shared_margins:
        ma, mb = _margin(pub.tables[a], a, da), _margin(pub.tables[b], b, db)
        for k in ma:
            eqs.append([(ma[k], 1), (mb[k], -1)])
    for a, b in pub.same_population:
        ta, tb = pub.tables[a], pub.tables[b]
        eqs.append([((a, ta.index[-1], ta.columns[-1]), 1), ((b, tb.index[-1], tb.columns[-1]), -1)])
    return eqs


def _margin(t: pd.DataFrame, name: str, dim: str) -> dict[str, Key]:
    if dim == "rows":
        return {r: (name, r, t.columns[-1]) for r in t.index[:-1]}
    return {c: (name, t.index[-1], c) for c in t.columns[:-1]}


def known_values(pub: Published) -> dict[Key, int]:
    out: dict[Key, int] = {}
    for name, t in pub.tables.items():
        for r in t.index:
            for c in t.columns:
                if t.at[r, c] != ":":
                    out[(name, r, c)] = int(t.at[r, c])
    return out


def difference(pub: Published) -> dict[Key, int]:
    """Cells recovered by repeated one-unknown differencing."""
    known = known_values(pub)
    recovered: dict[Key, int] = {}
    eqs = equations(pub)
    progress = True
    while progress:
        progress = False
        for eq in eqs:
            unknown = [(k, c) for k, c in eq if k not in known]
            if len(unknown) == 1:
                key, coef = unknown[0]
                rest = sum(c * known[k] for k, c in eq if k in known)
                known[key] = recovered[key] = -rest // coef
                progress = True
    return recovered


def bounds(pub: Published) -> dict[Key, tuple[float, float]]:
    """(min, max) of every suppressed cell by integer programming."""
    known = known_values(pub)
    hidden = sorted({k for eq in equations(pub) for k, _ in eq if k not in known}
                    | {(n, r, c) for n, t in pub.tables.items() for r in t.index for c in t.columns if t.at[r, c] == ":"})
    pos = {k: i for i, k in enumerate(hidden)}
    rows, rhs = [], []
    for eq in equations(pub):
        row = np.zeros(len(hidden))
        b = 0.0
        for k, c in eq:
            if k in pos:
                row[pos[k]] += c
            else:
                b -= c * known[k]
        if row.any():
            rows.append(row)
            rhs.append(b)
    out: dict[Key, tuple[float, float]] = {}
    cons = [LinearConstraint(np.array(rows), np.array(rhs), np.array(rhs))] if rows else []
    for k in hidden:
        ends = []
        for sign in (1.0, -1.0):
            objective = np.zeros(len(hidden))
            objective[pos[k]] = sign
            res = milp(objective, integrality=np.ones(len(hidden)), bounds=Bounds(0, 10_000), constraints=cons)
            assert res.status == 0, res.message
            ends.append(sign * res.fun)
        out[k] = (ends[0], ends[1] if ends[1] < 10_000 else float("inf"))
    return out
