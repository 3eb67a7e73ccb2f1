"""k-anonymity for microdata-like exports (one row per case, as in HTCDS).

Every combination of quasi-identifier values that appears in the export must appear in
at least k rows (the Counter Trafficking Data Collaborative publishes with k = 11).
Quasi-identifiers are generalised step by step along a hierarchy (exact age -> 5-year
band -> child/adult -> "*"; citizenship -> region of origin -> "*"; year -> period) by the
Datafly heuristic (Sweeney 2002): while more rows than allowed sit in classes smaller than
k, the quasi-identifier with the most distinct values is generalised one step. The rows
still in too-small classes are then dropped (row suppression) and counted.

>>> import pandas as pd
>>> df = pd.DataFrame({"age": [19, 23, 24, 31, 35, 38] * 3, "sex": ["F", "M"] * 9})
>>> result = k_anonymise(df, {"age": [bands(10), child_adult(), everything()], "sex": [everything()]}, k=3)
>>> smallest_class(result.frame, ["age", "sex"]) >= 3
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

Step = Callable[[pd.DataFrame, str], pd.Series]
ANY = "*"


def bands(width: int) -> Step:
    """Ages (or years) into bands of ``width``: 23 -> "20-24" for width 5."""

    def step(frame: pd.DataFrame, column: str) -> pd.Series:
        v = pd.to_numeric(frame[column], errors="coerce")
        lo = (v // width) * width
        text = lo.astype("Int64").astype(str) + "-" + (lo + width - 1).astype("Int64").astype(str)
        return text.where(v.notna(), ANY)

    return step


def child_adult() -> Step:
    """Age -> "child" (under 18) or "adult"."""

    def step(frame: pd.DataFrame, column: str) -> pd.Series:
        v = pd.to_numeric(frame[column], errors="coerce")
        labels = np.where(v.isna(), ANY, np.where(v < 18, "child", "adult"))
        return pd.Series(labels, index=frame.index)

    return step


def from_column(other: str) -> Step:
    """Replace the value by another column's coarser value (citizenship -> region)."""

    def step(frame: pd.DataFrame, column: str) -> pd.Series:
        return frame[other].fillna(ANY).astype(str)

    return step


def everything() -> Step:
    """The top of every hierarchy: the value is no longer shown."""

    def step(frame: pd.DataFrame, column: str) -> pd.Series:
        return pd.Series(ANY, index=frame.index)

    return step


def smallest_class(frame: pd.DataFrame, quasi_identifiers: Sequence[str]) -> int:
    """Size of the smallest equivalence class (len of frame when there are no QIs)."""
    if frame.empty:
        return 0
    if not quasi_identifiers:
        return len(frame)
    return int(frame.groupby(list(quasi_identifiers), dropna=False).size().min())


@dataclass(frozen=True)
class KAnonymityResult:
    frame: pd.DataFrame
    k: int
    levels: dict[str, int]
    dropped_rows: int


def k_anonymise(
    frame: pd.DataFrame, hierarchies: Mapping[str, Sequence[Step]], k: int,
    max_dropped: float = 0.05,
) -> KAnonymityResult:
    """Generalise the quasi-identifiers (the keys of ``hierarchies``) until at most
    ``max_dropped`` of the rows are in classes smaller than k, then drop those rows."""
    if k < 1:
        raise ValueError("k må være minst 1 / k must be at least 1")
    qis = list(hierarchies)
    missing = [q for q in qis if q not in frame.columns]
    if missing:
        raise ValueError(f"mangler kolonner / missing columns: {', '.join(missing)}")
    original = frame.copy()
    current = frame.copy()
    for q in qis:
        current[q] = current[q].astype("string").fillna(ANY)
    levels = dict.fromkeys(qis, 0)
    while qis:
        sizes = current.groupby(qis, dropna=False)[qis[0]].transform("size")
        if (sizes < k).sum() <= max_dropped * len(current):
            break
        open_qis = [q for q in qis if levels[q] < len(hierarchies[q])]
        if not open_qis:
            break
        widest = max(open_qis, key=lambda q: (current[q].nunique(), -qis.index(q)))
        step = hierarchies[widest][levels[widest]]
        current[widest] = step(original, widest).astype("string")
        levels[widest] += 1
    if qis:
        sizes = current.groupby(qis, dropna=False)[qis[0]].transform("size")
        keep = sizes >= k
    else:
        keep = pd.Series(len(current) >= k, index=current.index)
    result = current[keep].reset_index(drop=True)
    return KAnonymityResult(result, k, levels, int((~keep).sum()))
