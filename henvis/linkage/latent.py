"""Latent two-class models (match, non-match) fitted on counts of sampled pairs, for
the parts of the year-salted model that Splink's EM sessions cannot estimate.

Splink's EM holds every u at the random pairs' values (or frees them all). The salted
model needs sessions where only some u are known: within pairs of one birth year, the
names' u are not the random pairs' (true matches are about a hundred times more common
there); within pairs of similar whole names, the whole name's u is not either. Pairs
are counted by their comparison levels in DuckDB, sampled uniformly, and the model is
fitted on the counts (docs/linkage.md, Model).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import duckdb
import numpy as np
import pandas as pd

_SIDE = re.compile(r"\b(\w+)_([lr])\b")


def level_index_sql(comparison: dict[str, Any]) -> str:
    """A SQL expression giving the index of a pair's level among the comparison's
    non-null levels (first matching level wins, as in Splink), NULL for the null level.
    Columns are read from tables aliased ``l`` and ``r``."""
    cases, index = [], 0
    for level in comparison["comparison_levels"]:
        cond = _SIDE.sub(r"\2.\1", level["sql_condition"])
        if level.get("is_null_level"):
            cases.append(f"WHEN {cond} THEN NULL")
        elif cond.strip().upper() == "ELSE":
            cases.append(f"ELSE {index}")
        else:
            cases.append(f"WHEN {cond} THEN {index}")
            index += 1
    return "CASE " + " ".join(cases) + " END"


def non_null_levels(comparison: dict[str, Any]) -> list[dict[str, Any]]:
    return [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]


def count_patterns(
    data: pd.DataFrame, block_columns: Sequence[str], comparisons: Sequence[dict[str, Any]], max_pairs: int, seed: int
) -> pd.DataFrame:
    """Counts of blocked pairs (records sharing any of ``block_columns``, each pair once)
    by the level of each comparison (columns ``c0``, ``c1``, ... and ``n``). Above
    ``max_pairs`` blocked pairs, each record is kept on either side with probability p
    (a seeded hash of its uid), so every pair is kept with probability p², match or
    not; ``result.attrs["keep"]`` holds p."""
    con = duckdb.connect()
    try:
        con.execute("SET threads TO 1")  # the same sums on every run
        con.register("records", data)
        total = 0
        for c in block_columns:
            row = con.execute(f"SELECT coalesce(sum(n * (n - 1) // 2), 0) FROM "  # noqa: S608 - our column names
                              f"(SELECT count(*) AS n FROM records WHERE {c} IS NOT NULL GROUP BY {c})").fetchone()
            total += int(row[0]) if row else 0
        keep = min(1.0, float(np.sqrt(max_pairs / total))) if total else 1.0
        threshold = int(keep * 2**32)

        def side(alias: str, salt: int) -> str:
            return f"(hash({alias}.uid + {seed + salt}) % 4294967296) < {threshold}"

        joins = " UNION ".join(
            f"SELECT l.uid AS a, r.uid AS b FROM records l JOIN records r ON l.{c} = r.{c} AND l.uid < r.uid "  # noqa: S608
            f"WHERE {side('l', 0)} AND {side('r', 1)}"
            for c in block_columns
        )
        levels = ", ".join(f"{level_index_sql(comp)} AS c{i}" for i, comp in enumerate(comparisons))
        query = (f"WITH pairs AS ({joins}) SELECT {levels}, count(*) AS n FROM pairs "  # noqa: S608
                 f"JOIN records l ON l.uid = pairs.a JOIN records r ON r.uid = pairs.b GROUP BY ALL ORDER BY ALL")
        out = con.execute(query).df()
        out.attrs["keep"] = keep
        return out
    finally:
        con.close()


def fit_latent_classes(
    counts: pd.DataFrame,
    sizes: Sequence[int],
    m_start: Sequence[np.ndarray],
    fixed_u: dict[int, np.ndarray],
    *,
    share: float = 0.1,
    iterations: int = 5000,
    tolerance: float = 1e-11,
) -> tuple[list[np.ndarray], list[np.ndarray], float]:
    """EM for two classes and comparisons taken as independent within each class
    (Fellegi-Sunter). The u of the comparisons in ``fixed_u`` stay as given; every other
    m and u and the share of matches are estimated. A NULL level leaves that comparison
    out of the pair's likelihood. Returns (m per comparison, u per comparison, share)."""
    k = len(sizes)
    table = np.zeros(tuple(size + 1 for size in sizes))  # index ``size`` = the null level
    for row in counts[[f"c{i}" for i in range(k)] + ["n"]].itertuples(index=False):
        table[tuple(sizes[i] if pd.isna(row[i]) else int(row[i]) for i in range(k))] += row[k]
    m = [np.asarray(start, dtype=float) / np.sum(start) for start in m_start]
    u = []
    for i in range(k):
        if i in fixed_u:
            u.append(np.asarray(fixed_u[i], dtype=float) / np.sum(fixed_u[i]))
        else:
            margin = table.sum(axis=tuple(j for j in range(k) if j != i))[: sizes[i]]
            u.append(margin / max(margin.sum(), 1.0))

    def joint(probs: list[np.ndarray]) -> np.ndarray:
        out = np.ones(table.shape)
        for i, p in enumerate(probs):
            shape = [1] * k
            shape[i] = sizes[i] + 1
            out = out * np.append(p, 1.0).reshape(shape)
        return out

    previous = -np.inf
    for _ in range(iterations):
        pm, pu = joint(m) * share, joint(u) * (1.0 - share)
        total = np.maximum(pm + pu, 1e-300)
        loglik = float(np.sum(table * np.log(total)))
        wm, wu = table * pm / total, table * pu / total
        share = float(wm.sum() / max(table.sum(), 1e-300))
        for i in range(k):
            axes = tuple(j for j in range(k) if j != i)
            mi = wm.sum(axis=axes)[: sizes[i]]
            m[i] = mi / max(mi.sum(), 1e-300)
            if i not in fixed_u:
                ui = wu.sum(axis=axes)[: sizes[i]]
                u[i] = ui / max(ui.sum(), 1e-300)
        if abs(loglik - previous) <= tolerance * abs(loglik):
            break
        previous = loglik
    return m, u, share


def match_posterior(
    counts: pd.DataFrame, sizes: Sequence[int], m: Sequence[np.ndarray], u: Sequence[np.ndarray], share: float
) -> np.ndarray:
    """P(match | levels) for each row of ``counts`` under a fitted model."""
    pm = np.full(len(counts), share)
    pu = np.full(len(counts), 1.0 - share)
    for i in range(len(sizes)):
        level = counts[f"c{i}"].to_numpy(dtype=float)
        known = ~np.isnan(level)
        index = np.where(known, level, 0).astype(int)
        pm = pm * np.where(known, m[i][index], 1.0)
        pu = pu * np.where(known, u[i][index], 1.0)
    return pm / np.maximum(pm + pu, 1e-300)
