"""Linkage uncertainty is carried into the figures as an interval."""

from __future__ import annotations

import numpy as np
import pandas as pd

from henvis.stats.persons import unique_persons


def _true_pairs(regs: pd.DataFrame) -> pd.DataFrame:
    left = regs[["record_id", "source", "person_id"]]
    pairs = left.merge(left, on="person_id", suffixes=("_l", "_r"))
    return pairs[pairs.record_id_l < pairs.record_id_r]


def test_certain_links_give_a_point(synthetic: tuple) -> None:
    _, extract, clusters = synthetic
    stats = unique_persons(extract, clusters, samples=20, seed=1)
    s = stats.summary
    assert (s.persons_low == s.persons).all() and (s.persons_high == s.persons).all()


def test_uncertain_pairs_widen_the_interval_around_the_truth(synthetic: tuple) -> None:
    regs, extract, _ = synthetic
    rng = np.random.default_rng(3)
    true = _true_pairs(regs).assign(match_probability=lambda d: rng.uniform(0.75, 1.0, len(d)))
    # Some false candidate pairs with low probabilities, as a linkage model reports them.
    others = regs.sample(200, random_state=1).reset_index(drop=True)
    partner = regs.sample(200, random_state=2).reset_index(drop=True)
    false = pd.DataFrame({
        "record_id_l": others.record_id, "source_l": others.source,
        "record_id_r": partner.record_id, "source_r": partner.source,
        "match_probability": rng.uniform(0.0, 0.1, 200),
    })
    false = false[(others.person_id != partner.person_id).to_numpy()]
    pairs = pd.concat([true.drop(columns="person_id"), false], ignore_index=True)
    clusters = regs[["record_id", "source", "person_id"]].assign(match_probability=0.9)
    stats = unique_persons(extract, clusters, pairs, samples=60, seed=2)
    s = stats.summary.set_index("year")
    truth = regs.groupby("year")["person_id"].nunique()
    assert ((s.persons_low <= truth) & (truth <= s.persons_high)).all()
    assert (s.persons_high > s.persons_low).any()
    assert ((s.difference_low <= s.difference) & (s.difference <= s.difference_high)).all()
    assert stats.method == "pairs"


def test_membership_probabilities_alone_give_an_interval(synthetic: tuple) -> None:
    regs, extract, _ = synthetic
    clusters = regs[["record_id", "source", "person_id"]].assign(match_probability=0.8)
    stats = unique_persons(extract, clusters, samples=30, seed=4)
    s = stats.summary
    assert (s.persons_high >= s.persons).all()
    assert (s.persons_high > s.persons).any()  # split-off records add persons
    assert stats.method == "memberships"


def test_headline_fast_path_equals_the_full_recount(synthetic: tuple) -> None:
    regs, extract, _ = synthetic
    clusters = regs[["record_id", "source", "person_id"]].assign(match_probability=0.8)
    fast = unique_persons(extract, clusters, samples=15, seed=9)
    full = unique_persons(extract, clusters, samples=15, seed=9, intervals="all")
    pd.testing.assert_frame_equal(fast.summary, full.summary)
    pd.testing.assert_frame_equal(fast.overlap, full.overlap)
    region = full.breakdown[full.breakdown.dimension == "region"]
    assert (region.high > region.point).any()  # "all" gives breakdown intervals too
