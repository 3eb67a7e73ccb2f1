from __future__ import annotations

import numpy as np

from henvis.linkage.cluster import cluster


def _arr(*xs: float) -> np.ndarray:
    return np.array(xs)


def test_one_record_per_source_unless_linked_directly() -> None:
    # 0 (source A) links to 1 and 2 (both source B); only the stronger link is kept.
    c = cluster(3, _arr(0, 0).astype(int), _arr(1, 2).astype(int), _arr(0.9, 0.8), np.array([0, 1, 1]))
    assert c.labels[0] == c.labels[1] != c.labels[2]


def test_within_source_duplicates_join_through_a_direct_link() -> None:
    c = cluster(3, _arr(0, 1).astype(int), _arr(1, 2).astype(int), _arr(0.95, 0.9), np.array([0, 0, 1]))
    assert len(set(c.labels)) == 1


def test_links_below_threshold_do_not_join() -> None:
    c = cluster(2, _arr(0).astype(int), _arr(1).astype(int), _arr(0.4), np.array([0, 1]))
    assert c.labels[0] != c.labels[1]
    assert np.allclose(c.probability, [0.6, 0.6])  # alone: 1 - best link


def test_probability_is_the_strongest_link_inside_the_cluster() -> None:
    c = cluster(3, _arr(0, 1).astype(int), _arr(1, 2).astype(int), _arr(0.99, 0.7), np.array([0, 1, 2]))
    assert len(set(c.labels)) == 1
    assert np.allclose(c.probability, [0.99, 0.99, 0.7])


def test_pair_order_does_not_change_the_persons() -> None:
    # Many exact ties between records of two sources: the persons must not depend on
    # the order in which the engine happened to return the pairs.
    rng = np.random.default_rng(3)
    n = 200
    source = rng.integers(0, 3, n)
    left = rng.integers(0, n, 1500)
    right = rng.integers(0, n, 1500)
    ok = left < right
    left, right = left[ok], right[ok]
    prob = rng.choice([0.55, 0.7, 0.9], len(left))
    first = cluster(n, left, right, prob, source)
    for _ in range(5):
        perm = rng.permutation(len(left))
        again = cluster(n, left[perm], right[perm], prob[perm], source)
        assert np.array_equal(first.labels, again.labels)
        assert np.array_equal(first.probability, again.probability)


def test_a_pair_scored_as_non_match_keeps_two_groups_apart() -> None:
    # 0 (no birth date, say) links to 1 and to 2, which were compared with each other
    # and found to be different persons: 0 joins the stronger one only.
    left, right, prob = _arr(0, 0).astype(int), _arr(1, 2).astype(int), _arr(0.9, 0.8)
    sources = np.array([0, 1, 2])
    chained = cluster(3, left, right, prob, sources)
    assert len(set(chained.labels)) == 1
    kept = cluster(3, left, right, prob, sources, cannot_link=(np.array([1]), np.array([2])))
    assert kept.labels[0] == kept.labels[1] != kept.labels[2]
