"""The clustering does not chain (issue #14): a record without a birth date or an
identity number cannot join two persons whose birth years or identity numbers disagree;
groups are joined by the average of their scored pairs, not by their best one; the
result does not depend on the order of the pairs; and linkage samples are clustered by
the same rule, so that they agree with the point clustering."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from henvis.linkage.cluster import CANNOT_LINK_BELOW, cluster, sample_clusters, sample_constraints

NONE = 0


def _years(values: list[int]) -> tuple[np.ndarray, np.ndarray]:
    y = np.array(values, dtype=np.int64)
    return y, np.where(y != NONE, y - 1, NONE)


def test_a_record_without_birth_date_does_not_join_two_persons_born_apart() -> None:
    # A (1990) and B (1975) were never compared (different years: different salts);
    # C has no birth date and looks like both.
    left, right, prob = np.array([0, 1]), np.array([2, 2]), np.array([0.9, 0.85])
    chained = cluster(3, left, right, prob, np.array([0, 1, 2]))
    assert len(set(chained.labels)) == 1  # without the constraint: one person (the chain)
    kept = cluster(3, left, right, prob, np.array([0, 1, 2]), years=_years([1990, 1975, NONE]))
    assert kept.labels[0] == kept.labels[2] != kept.labels[1]


def test_a_year_one_apart_may_join() -> None:
    left, right, prob = np.array([0, 1]), np.array([2, 2]), np.array([0.9, 0.85])
    joined = cluster(3, left, right, prob, np.array([0, 1, 2]), years=_years([1990, 1991, NONE]))
    assert len(set(joined.labels)) == 1


def test_every_year_of_a_joined_group_must_be_near_one_of_its_years() -> None:
    # {A 1990, B 1991} and C (1992): 1991 is within one of all three, one person (a
    # year off by one on either side of the true one).
    left, right, prob = np.array([0, 1, 0]), np.array([1, 2, 2]), np.array([0.95, 0.9, 0.6])
    joined = cluster(3, left, right, prob, np.array([0, 1, 2]), years=_years([1990, 1991, 1992]))
    assert len(set(joined.labels)) == 1
    # {A 1989, B 1990, C 1991} and D (1992), through E without a birth date: D is
    # within one of C, but no year of 1989-1992 is within one of all: D stays apart.
    # (Requiring only some pair of years across the two groups to be near joined it.)
    left, right, prob = np.array([0, 1, 2, 4]), np.array([1, 2, 4, 3]), np.array([0.95, 0.95, 0.9, 0.9])
    kept = cluster(5, left, right, prob, np.arange(5), years=_years([1989, 1990, 1991, 1992, NONE]))
    assert kept.labels[0] == kept.labels[1] == kept.labels[2] == kept.labels[4] != kept.labels[3]
    # Two groups {1989, 1990} and {1991, 1992} whose nearest years are one apart stay
    # two persons (the joined group would span three years).
    left, right, prob = np.array([0, 2, 1]), np.array([1, 3, 2]), np.array([0.95, 0.95, 0.9])
    kept = cluster(4, left, right, prob, np.arange(4), years=_years([1989, 1990, 1991, 1992]))
    assert kept.labels[0] == kept.labels[1] != kept.labels[2] == kept.labels[3]


def test_disagreeing_identity_numbers_keep_persons_apart() -> None:
    left, right, prob = np.array([0, 1]), np.array([2, 2]), np.array([0.9, 0.85])
    kept = cluster(3, left, right, prob, np.array([0, 1, 2]), identity=np.array([11, 22, NONE]))
    assert kept.labels[0] == kept.labels[2] != kept.labels[1]


def test_groups_are_joined_by_their_average_pair_not_their_best() -> None:
    # A-B and B-C are strong, A-C was scored and is weak: C does not join {A, B}.
    left, right, prob = np.array([0, 1, 0]), np.array([1, 2, 2]), np.array([0.95, 0.9, 0.08])
    avg = cluster(3, left, right, prob, np.array([0, 1, 2]))
    assert avg.labels[0] == avg.labels[1] != avg.labels[2]
    single = cluster(3, left, right, prob, np.array([0, 1, 2]), average=False)
    assert len(set(single.labels)) == 1


pairs_strategy = st.lists(
    st.tuples(st.integers(0, 11), st.integers(0, 11), st.floats(0.05, 1.0)), min_size=1, max_size=40
)


@settings(max_examples=60, deadline=None)
@given(pairs=pairs_strategy,
       years=st.lists(st.sampled_from([NONE, 1980, 1981, 1982, 1983]), min_size=12, max_size=12),
       ids=st.lists(st.sampled_from([NONE, NONE, 7, 8]), min_size=12, max_size=12),
       seed=st.integers(0, 2**32 - 1))
def test_no_cluster_holds_disagreeing_years_or_identity_numbers_and_order_does_not_matter(
    pairs: list[tuple[int, int, float]], years: list[int], ids: list[int], seed: int,
) -> None:
    chosen = [(min(a, b), max(a, b), p) for a, b, p in pairs if a != b]
    unique = {(a, b): p for a, b, p in chosen}
    if not unique:
        return
    left = np.array([a for a, _ in unique], dtype=np.int64)
    right = np.array([b for _, b in unique], dtype=np.int64)
    prob = np.array(list(unique.values()))
    source = np.arange(12)
    y = _years(years)
    identity = np.array(ids, dtype=np.int64)
    labels = cluster(12, left, right, prob, source, years=y, identity=identity).labels
    for person in set(labels.tolist()):
        members = np.flatnonzero(labels == person)
        numbers = {int(identity[m]) for m in members if identity[m] != NONE}
        assert len(numbers) <= 1
        # Some year of every group is within one of all its years: no group spans more
        # than two years around a year it holds.
        dated = {int(y[0][m]) for m in members if y[0][m] != NONE}
        assert not dated or any(all(abs(a - b) <= 1 for b in dated) for a in dated)
    order = np.random.default_rng(seed).permutation(len(prob))
    again = cluster(12, left[order], right[order], prob[order], source, years=y, identity=identity).labels
    assert np.array_equal(np.unique(labels, return_inverse=True)[1], np.unique(again, return_inverse=True)[1])


def test_linkage_samples_agree_with_the_point_clustering() -> None:
    """Groups of three records with strong pairs among them and a weak pair to the next
    group: the samples' person counts lie around the point's count. Clustering each
    sample with a rule stricter than the point's (a triangle with one undrawn pair
    split) counted 10 % more persons; connected components of the drawn links chain."""
    rng = np.random.default_rng(3)
    groups = 200
    left, right, prob = [], [], []
    for g in range(groups):
        a, b, c = 3 * g, 3 * g + 1, 3 * g + 2
        left += [a, a, b]
        right += [b, c, c]
        prob += list(rng.uniform(0.8, 0.99, 3))
        if g + 1 < groups:  # a weak pair to the next group
            left.append(c)
            right.append(3 * (g + 1))
            prob.append(float(rng.uniform(0.01, 0.05)))
    l_, r_, p_ = np.array(left), np.array(right), np.array(prob)
    source = np.arange(3 * groups)
    point = len(set(cluster(3 * groups, l_, r_, p_, source).labels.tolist()))
    counts = [len(set(sample_clusters(3 * groups, l_, r_, p_, source, np.random.default_rng(s)).tolist()))
              for s in range(40)]
    assert point == groups
    assert min(counts) <= point <= max(counts)
    assert abs(float(np.median(counts)) - point) <= 0.05 * point


def test_identity_numbers_of_two_kinds_each_decide_within_their_kind() -> None:
    # Row 0: fødselsnummer, row 1: another kind. 0 and 1 agree on kind 1 but differ on
    # kind 0: apart. 0 and 2 differ only in kind 1 while only one holds kind 0: apart.
    left, right, prob = np.array([0, 0]), np.array([1, 2]), np.array([0.9, 0.9])
    ids = np.array([[11, 22, NONE], [5, 5, 6]])
    labels = cluster(3, left, right, prob, np.arange(3), identity=ids).labels
    assert len(set(labels.tolist())) == 3
    same_kind_missing = np.array([[11, NONE, NONE], [5, 5, NONE]])
    labels = cluster(3, left, right, prob, np.arange(3), identity=same_kind_missing).labels
    assert len(set(labels.tolist())) == 1


@settings(max_examples=60, deadline=None)
@given(
    pairs=st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9), st.floats(0.0, 1.0)), min_size=1, max_size=30),
    year_values=st.lists(st.sampled_from([NONE, 1980, 1981, 1985, 1990]), min_size=10, max_size=10),
    id_values=st.lists(st.sampled_from([NONE, NONE, 7, 8]), min_size=10, max_size=10),
    seed=st.integers(0, 1000),
)
def test_samples_never_join_what_the_point_keeps_apart_by_a_constraint(
    pairs: list[tuple[int, int, float]], year_values: list[int], id_values: list[int], seed: int,
) -> None:
    """Every pair that sample_constraints reports (scored below the floor, different
    identity numbers, birth years more than one apart) ends in two persons in every
    linkage sample, as in the point clustering; and each such pair is in two persons
    of the point too."""
    pairs = [(a, b, p) for a, b, p in pairs if a != b]
    if not pairs:
        return
    left = np.array([min(a, b) for a, b, _ in pairs])
    right = np.array([max(a, b) for a, b, _ in pairs])
    prob = np.array([p for _, _, p in pairs])
    source = np.arange(10)
    years, identity = _years(year_values), np.array(id_values, dtype=np.int64)
    low = prob < CANNOT_LINK_BELOW
    cannot = (left[low], right[low])
    point = cluster(10, left[~low], right[~low], prob[~low], source, cannot_link=cannot, identity=identity,
                    years=years).labels
    c_left, c_right = sample_constraints(10, left[~low], right[~low], point, cannot, identity, years)
    assert np.all(point[c_left] != point[c_right])
    drawn = sample_clusters(10, left[~low], right[~low], prob[~low], source, np.random.default_rng(seed),
                            cannot_link=(c_left, c_right))
    assert np.all(drawn[c_left] != drawn[c_right])
