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

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, milp

from henvis.stats.disclosure.structure import Cell, LinearSystem, Relation, TableInput, as_frame


class NoControlledRounding(RuntimeError):
    """The linked tables of a release have no controlled rounding to the base."""


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


def round_release(tables: Mapping[str, TableInput], base: int, *, relations: Sequence[Relation] = (),
                  latent: Mapping[Cell, int] | None = None) -> dict[str, pd.DataFrame]:
    """Controlled rounding of every table of a release **as one system**: each released
    cell goes to one of the two multiples of ``base`` around it (a multiple stays), and
    every relation of the release (sums within and between tables, declared relations)
    holds on the rounded figures with some non-negative whole latent counts, so the
    outputs of a year agree with one another. Rounding the tables one by one can show
    the same count differently in two outputs, and a reader who holds both may
    intersect the intervals (on the 400-person synthetic year of the attack test, the
    exact attacker pinned no small count with either way of rounding).

    What it protects: no count can be told exactly; a shown r says r - (base - 1) ..
    r + (base - 1). It does not hide that a count is not 0 (a 1 shown as 3 is 1 to 5):
    rounding to base 3 protects the value, suppression (with its protection interval
    down to 0) also the existence. Forcing 1 to 0 and 2 to 3 leaves linked tables with
    no rounding at all in practice (three 1s in a row of total 3).

    Raises ``NoControlledRounding`` when no such rounding exists (linked tables, unlike
    one two-way table, need not have one).

    >>> import pandas as pd
    >>> a = pd.DataFrame({"n": [1, 7, 8]}, index=pd.Index(["x", "y", "Total"], name="sex"))
    >>> b = pd.DataFrame({"n": [5, 3, 8]}, index=pd.Index(["p", "q", "Total"], name="form"))
    >>> r = round_release({"a": a, "b": b}, 3)
    >>> int(r["a"].loc["Total", "n"]) == int(r["b"].loc["Total", "n"]), bool((r["a"] % 3 == 0).all().all())
    (True, True)
    """
    frames = {name: as_frame(t, name) for name, t in tables.items()}
    system = LinearSystem.build(frames, relations, latent)
    a = system.values.astype(float)
    is_latent = system.is_latent
    floor = base * np.floor(a / base)
    fixed = (a == floor) & ~is_latent
    n = len(a)
    # published cell: r = floor + base * d, d in {0, 1}; latent cell: r = d, any whole >= 0
    scale = np.where(is_latent, 1.0, float(base))
    offset = np.where(is_latent, 0.0, floor)
    cost = np.where(is_latent, 0.0, base - 2 * (a - floor))
    upper = np.where(is_latent, np.inf, np.where(fixed, 0.0, 1.0))
    lower = np.zeros(n)
    constraints = []
    if system.equalities:
        m = system.matrix(system.equalities)
        constraints.append(LinearConstraint(m.multiply(scale).tocsr(), -(m @ offset), -(m @ offset)))
    if system.upper_bounds:
        m = system.matrix(system.upper_bounds)
        constraints.append(LinearConstraint(m.multiply(scale).tocsr(), -np.inf, -(m @ offset)))
    result = milp(cost, integrality=np.ones(n), bounds=Bounds(lower, upper),
                  constraints=constraints, options={"time_limit": 120})
    if result.status != 0 or result.x is None:
        raise NoControlledRounding(f"ingen kontrollert avrunding / no controlled rounding ({result.message})")
    rounded = offset + scale * np.round(result.x)
    out: dict[str, pd.DataFrame] = {}
    position = system.index()
    for name, frame in frames.items():
        values = [[rounded[position[Cell(name, str(r), str(c))]] for c in frame.columns] for r in frame.index]
        out[name] = pd.DataFrame(np.array(values).astype("int64"), index=frame.index, columns=frame.columns)
    return out
