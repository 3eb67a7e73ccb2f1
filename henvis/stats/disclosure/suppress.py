"""Primary and secondary cell suppression over a whole release.

Primary suppression hides the small counts (1 and 2 under Statistics Norway's rule).
Secondary suppression then hides as little else as possible so that no hidden count can
be recovered from the published figures, in the table itself or in any linked table of
the same release. For each primary cell p with value v it solves the integer program of
Fischetti and Salazar (2001) for a single cell, with the cells already hidden free:

    minimise   sum_c cost_c * x_c           (x_c = 1: hide cell c; cost = 1 + value)
    subject to A y_up = 0,   A y_down = 0   (deviations that keep every relation true)
               -v_c x_c <= y_c <= M x_c    (only hidden cells move; counts stay >= 0)
               y_up[p] >= P,  y_down[p] <= -min(P, v)

so the attacker's interval for p reaches at least P above and (down to 0) P below v.
Protecting every primary cell this way protects the release, because hiding more can
only widen an interval. Afterwards the attacker (``attack.py``) is run on the result: a
secondary cell that it can still pin down exactly is published, which tells the attacker
nothing new, and a primary cell it could narrow would raise an error.

>>> import pandas as pd
>>> t = pd.DataFrame({"F": [7, 1, 8], "M": [5, 6, 11], "Total": [12, 7, 19]},
...                  index=pd.Index(["a", "b", "Total"], name="form"))
>>> out = protect(t)
>>> out.display().loc["b", "F"], out.suppressed_count >= 4
(':', True)
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, milp

from henvis.stats.disclosure.attack import feasible_ranges
from henvis.stats.disclosure.disclosure_rule import DisclosureRule
from henvis.stats.disclosure.protected_table import ProtectedTable
from henvis.stats.disclosure.rounding import controlled_round
from henvis.stats.disclosure.structure import Cell, LinearSystem, Relation, TableInput, as_frame


class DisclosureError(RuntimeError):
    """The release cannot be protected under the rule (e.g. a registry table pins it)."""


RuleSpec = DisclosureRule | Mapping[str, DisclosureRule]


def protect(table: TableInput, rule: DisclosureRule | None = None, name: str = "table") -> ProtectedTable:
    """Protect one table (see ``protect_release`` for several linked tables)."""
    return protect_release({name: table}, rule or DisclosureRule())[name]


def protect_release(
    tables: Mapping[str, TableInput], rule: RuleSpec | None = None, *,
    relations: Sequence[Relation] = (), latent: Mapping[Cell, int] | None = None,
    keep: Collection[Cell] = (),
) -> dict[str, ProtectedTable]:
    """Protect all tables of one release together.

    ``keep``: cells never chosen for secondary suppression (τ-Argus' and sdcTable's
    "protected" status, e.g. the headline totals by sex and age); a kept cell that is
    small itself is still suppressed. When a small cell can only be protected by hiding
    a kept one, ``DisclosureError`` is raised and the caller chooses another method
    (``year_release`` rounds the whole release).

    ``rule`` is one rule for all tables or a mapping table name -> rule (missing names
    get the default rule). Registry tables and unprotected tables are released as they
    are, but their figures are known to the attacker, so they count in the equations.
    ``relations`` and ``latent`` declare what ties tables of different shape together
    (see ``structure.Relation``); relations that name a table protected by rounding are
    left out, since rounding protects each such table on its own.
    """
    rules = _rules_for(tables, rule)
    frames = {name: as_frame(t, name) for name, t in tables.items()}
    out: dict[str, ProtectedTable] = {}
    exact = {n: f for n, f in frames.items() if rules[n].rounding_base is None}
    for name, frame in frames.items():
        base = rules[name].rounding_base
        if base is not None:
            rounded = controlled_round(frame, base)
            status = pd.DataFrame("rounded", index=frame.index, columns=frame.columns)
            out[name] = ProtectedTable(name, rounded.astype("Int64"), status, rules[name])
    if exact:
        rounded_names = set(frames) - set(exact)
        usable = [r for r in relations if not any(c.table in rounded_names for c, _ in r.terms)]
        system = LinearSystem.build(exact, usable, latent)
        hidden, primary = _suppress(system, rules, set(keep))
        for name in exact:
            out[name] = _table_result(system, name, hidden, primary, rules[name])
    return {name: out[name] for name in tables}


def _rules_for(tables: Mapping[str, TableInput], rule: RuleSpec | None) -> dict[str, DisclosureRule]:
    if rule is None or isinstance(rule, DisclosureRule):
        return dict.fromkeys(tables, rule or DisclosureRule())
    return {name: rule.get(name, DisclosureRule()) for name in tables}


def _suppress(system: LinearSystem, rules: Mapping[str, DisclosureRule],
              keep: Collection[Cell] = frozenset()) -> tuple[np.ndarray, np.ndarray]:
    values = system.values
    latent = system.is_latent
    primary = np.array([not hid and rules[c.table].is_small(int(v))
                        for c, v, hid in zip(system.cells, values, latent, strict=True)], dtype=bool)
    may_hide = np.array([hid or (rules[c.table].suppresses and c not in keep)
                         for c, hid in zip(system.cells, latent, strict=True)], dtype=bool)
    hidden = primary | latent  # latent cells are never released
    labels = system.components()
    order = sorted(np.flatnonzero(primary), key=lambda i: (-values[i], system.cells[i]))
    for p in order:
        members = np.flatnonzero(labels == labels[p])
        protection = rules[system.cells[p].table].protection
        chosen = _secondary_for(system, int(p), members, hidden, may_hide, protection)
        if chosen is None:
            raise DisclosureError(
                f"kan ikke beskytte celle {_label(system.cells[p])} / "
                f"cannot protect cell {_label(system.cells[p])}"
            )
        hidden[chosen] = True
    _publish_pinned_secondaries(system, hidden, primary)
    _check(system, hidden, primary, rules)
    return hidden, primary


def _secondary_for(
    system: LinearSystem, p: int, members: np.ndarray, hidden: np.ndarray,
    may_hide: np.ndarray, protection: int,
) -> np.ndarray | None:
    """Cells (global indices) to hide so that cell p is protected, or None."""
    n = len(members)
    local = {int(g): k for k, g in enumerate(members)}
    v = system.values[members].astype(float)
    big = float(v.max()) + 10.0 * protection + 1.0
    eq_rows = [r for r in system.equalities if next(iter(r)) in local]
    ub_rows = [r for r in system.upper_bounds if next(iter(r)) in local]

    def dense(rows: list[dict[int, int]]) -> np.ndarray:
        m = np.zeros((len(rows), n))
        for k, row in enumerate(rows):
            for j, coef in row.items():
                m[k, local[j]] += coef
        return m

    a_eq, a_ub = dense(eq_rows), dense(ub_rows)
    slack = -(a_ub @ v) if len(ub_rows) else np.zeros(0)  # B(v + y) <= 0  <=>  B y <= -B v
    zeros = np.zeros((0, n))
    eye = np.eye(n)
    # variable vector: [y_up (n), y_down (n), x (n)]
    blocks: list[LinearConstraint] = []
    for which in (0, 1):
        pick = [np.zeros((max(len(eq_rows), 0), n))] * 3
        if len(eq_rows):
            pick = [a_eq if k == which else np.zeros_like(a_eq) for k in range(3)]
            blocks.append(LinearConstraint(np.hstack(pick), 0, 0))
        if len(ub_rows):
            pick = [a_ub if k == which else np.zeros_like(a_ub) for k in range(3)]
            blocks.append(LinearConstraint(np.hstack(pick), -np.inf, slack))
        y = [eye if k == which else np.zeros_like(eye) for k in range(2)]
        blocks.append(LinearConstraint(np.hstack([*y, -big * eye]), -np.inf, 0))            # y <= M x
        blocks.append(LinearConstraint(np.hstack([-y[0], -y[1], -np.diag(v)]), -np.inf, 0))  # -y <= v x
    del zeros
    lower = np.concatenate([-v, -v, np.zeros(n)])
    upper = np.concatenate([np.full(n, big), np.full(n, big), np.ones(n)])
    lp = local[p]
    lower[lp] = protection                       # y_up[p] >= P
    upper[n + lp] = -min(protection, int(v[lp]))  # y_down[p] <= -min(P, v)
    already = hidden[members]
    lower[2 * n :][already] = 1
    upper[2 * n :][~may_hide[members] & ~already] = 0
    cost = np.concatenate([np.zeros(2 * n), np.where(already, 0.0, 1.0 + v)])
    result = milp(
        cost, integrality=np.ones(3 * n), bounds=Bounds(lower, upper),
        constraints=blocks, options={"time_limit": 60},
    )
    if result.x is None or result.status not in (0, 1):
        return None
    x = np.round(result.x[2 * n :]).astype(bool)
    return members[x]


def _publish_pinned_secondaries(system: LinearSystem, hidden: np.ndarray, primary: np.ndarray) -> None:
    """A secondary cell the attacker can compute exactly hides nothing: publish it.
    (Its value is fixed in every solution, so publishing it changes no other range.)"""
    if not (hidden & ~primary & ~system.is_latent).any():
        return
    for i, (lo, hi) in feasible_ranges(system, hidden).items():
        if not primary[i] and lo == hi:
            hidden[i] = False


def _check(system: LinearSystem, hidden: np.ndarray, primary: np.ndarray, rules: Mapping[str, DisclosureRule]) -> None:
    for i, (lo, hi) in feasible_ranges(system, hidden).items():
        if not primary[i]:
            continue
        v = int(system.values[i])
        p = rules[system.cells[i].table].protection
        if hi < v + p or lo > max(v - p, 0):
            raise DisclosureError(
                f"celle {_label(system.cells[i])} kan avledes / cell {_label(system.cells[i])} can be derived"
            )


def _table_result(
    system: LinearSystem, name: str, hidden: np.ndarray, primary: np.ndarray, rule: DisclosureRule
) -> ProtectedTable:
    frame = system.layouts[name].frame
    values = frame.astype("Int64").copy()
    status = pd.DataFrame("published", index=frame.index, columns=frame.columns)
    for i, cell in enumerate(system.cells):
        if cell.table != name or not hidden[i]:
            continue
        values.at[cell.row, cell.col] = pd.NA
        status.at[cell.row, cell.col] = "primary" if primary[i] else "secondary"
    return ProtectedTable(name, values, status, rule)


def _label(cell: Cell) -> str:
    return f"{cell.table}[{cell.row}, {cell.col}]"
