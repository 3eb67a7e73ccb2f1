"""The latent two-class models behind the year-salted training (henvis.linkage.latent):
level indices equal Splink's first-match rule, pair counts equal a brute-force count,
and EM recovers known parameters from counts drawn from them."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from henvis.linkage.latent import (
    count_patterns,
    fit_latent_classes,
    level_index_sql,
    match_posterior,
)

COMPARISON = {
    "comparison_levels": [
        {"sql_condition": "a_l IS NULL OR a_r IS NULL", "is_null_level": True},
        {"sql_condition": "a_l = a_r AND b_l = b_r"},
        {"sql_condition": "a_l = a_r"},
        {"sql_condition": "ELSE"},
    ]
}


def _python_level(left: dict, right: dict) -> float:
    if pd.isna(left["a"]) or pd.isna(right["a"]):
        return np.nan
    if left["a"] == right["a"] and left["b"] == right["b"]:
        return 0
    return 1 if left["a"] == right["a"] else 2


def _frame(seed: int, n: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    a = pd.array(rng.integers(0, 4, n), dtype="Int64")
    a[rng.random(n) < 0.15] = pd.NA
    return pd.DataFrame({"uid": np.arange(n, dtype=np.int64), "k": pd.array(rng.integers(0, 5, n), dtype="Int64"),
                         "a": a, "b": pd.array(rng.integers(0, 2, n), dtype="Int64")})


def test_counts_equal_a_brute_force_count_of_the_blocked_pairs() -> None:
    data = _frame(1, 60)
    counts = count_patterns(data, ["k"], [COMPARISON], max_pairs=10**9, seed=5)
    assert counts.attrs["keep"] == 1.0
    expected: dict[float, int] = {}
    rows = data.to_dict("records")
    for left, right in itertools.combinations(rows, 2):
        if left["k"] == right["k"]:
            level = _python_level(left, right)
            key = -1.0 if pd.isna(level) else float(level)
            expected[key] = expected.get(key, 0) + 1
    got = {(-1.0 if pd.isna(c) else float(c)): int(n) for c, n in counts[["c0", "n"]].itertuples(index=False)}
    assert got == expected
    assert "CASE WHEN l.a IS NULL OR r.a IS NULL THEN NULL" in level_index_sql(COMPARISON)


def test_sampling_keeps_about_the_asked_number_of_pairs() -> None:
    data = _frame(2, 3000)
    total = int((data.groupby("k").size() * (data.groupby("k").size() - 1) // 2).sum())
    counts = count_patterns(data, ["k"], [COMPARISON], max_pairs=total // 16, seed=5)
    assert 0.2 < counts.attrs["keep"] < 0.3
    assert 0.7 * total / 16 < counts["n"].sum() < 1.3 * total / 16


def _pairs(rng: np.random.Generator, m: list[np.ndarray], u: list[np.ndarray], share: float, n: int) -> pd.DataFrame:
    is_match = rng.random(n) < share
    columns = {}
    for i, (mi, ui) in enumerate(zip(m, u, strict=True)):
        columns[f"c{i}"] = np.where(is_match, rng.choice(len(mi), n, p=mi), rng.choice(len(ui), n, p=ui)).astype(float)
    return pd.DataFrame(columns)


def _counts(pairs: pd.DataFrame) -> pd.DataFrame:
    return pairs.value_counts(dropna=False).rename("n").reset_index()


def _simplex(rng: np.random.Generator, size: int, top: float) -> np.ndarray:
    rest = rng.dirichlet(np.ones(size - 1)) * (1 - top)
    return np.concatenate([[top], rest])


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), share=st.floats(0.02, 0.3))
def test_em_recovers_the_parameters_the_counts_were_drawn_from(seed: int, share: float) -> None:
    rng = np.random.default_rng(seed)
    sizes = (4, 5, 3)
    m = [_simplex(rng, k, 0.8) for k in sizes]  # matches agree (first level)
    u = [_simplex(rng, k, 0.02) for k in sizes]  # different persons rarely do
    counts = _counts(_pairs(rng, m, u, share, 200_000))
    starts = [np.linspace(2, 1, k) for k in sizes]
    fit_m, fit_u, fit_share = fit_latent_classes(counts, sizes, starts, {0: u[0]})
    assert abs(fit_share - share) < 0.1 * share + 0.005
    for i in range(3):
        assert np.abs(fit_m[i] - m[i]).max() < 0.03
        assert np.abs(fit_u[i] - u[i]).max() < 0.03
    assert np.array_equal(fit_u[0], u[0] / u[0].sum())  # a fixed u stays as given
    posterior = match_posterior(counts, sizes, fit_m, fit_u, fit_share)
    everything_agrees = (counts[["c0", "c1", "c2"]] == 0).all(axis=1).to_numpy()
    assert posterior[everything_agrees].min() > 0.9


def test_a_missing_level_leaves_that_comparison_out() -> None:
    rng = np.random.default_rng(4)
    m = [np.array([0.9, 0.1]), np.array([0.85, 0.15]), np.array([0.8, 0.2])]
    u = [np.array([0.05, 0.95]), np.array([0.1, 0.9]), np.array([0.2, 0.8])]
    pairs = _pairs(rng, m, u, 0.2, 100_000)
    pairs.loc[rng.random(len(pairs)) < 0.3, "c2"] = np.nan  # the third comparison is missing for some pairs
    fit_m, fit_u, share = fit_latent_classes(_counts(pairs), (2, 2, 2), [np.array([0.6, 0.4])] * 3, {})
    assert abs(share - 0.2) < 0.01
    for i in range(3):
        assert abs(fit_m[i][0] - m[i][0]) < 0.02 and abs(fit_u[i][0] - u[i][0]) < 0.02
