"""Clustering of scored pairs into persons.

Greedy agglomeration in order of falling match probability, with one constraint that
comes from how registrations are made: an organisation (a *source*) seldom registers
the same person twice, so two groups that both hold a record from the same source are
joined only by a direct link between two records *of that source* (a within-source
duplicate the model found). This gives one-to-one linkage between deduplicated files
and ordinary deduplication within a file, with no setting to choose between them.

A second constraint comes from the pairs the model scored as non-matches
(``cannot_link``): two groups are not joined if any record of one was compared with any
record of the other and found to be someone else. This stops chains such as a record
without a birth date linking two records whose birth dates disagree.

Two more constraints hold between whole groups, whether or not their records were ever
compared (``identity``, ``years``): two groups whose records carry identity numbers and
share none are two persons (a disagreeing fødselsnummer is strong evidence against),
and two groups are two persons unless some birth year of the two together is within
one year of every birth year of them (a record without a birth date cannot join them,
and no group spans more than the years either side of a year it holds). Both are cheap checks on small sets kept
per group, so they hold for pairs the blocking never scored.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix, triu

# Scored pairs below this probability are not links but evidence that two records are
# different persons (cannot-links), in the point clustering and in the linkage samples.
CANNOT_LINK_BELOW = 0.05


@dataclass
class Clusters:
    """``labels[i]`` is the person of record i; ``probability[i]`` how sure that is."""

    labels: np.ndarray
    probability: np.ndarray


def cluster(
    n_records: int,
    left: np.ndarray,
    right: np.ndarray,
    probability: np.ndarray,
    source: np.ndarray,
    threshold: float = 0.5,
    within_source: bool = True,
    cannot_link: tuple[np.ndarray, np.ndarray] | None = None,
    identity: np.ndarray | None = None,
    years: tuple[np.ndarray, np.ndarray] | None = None,
    average: bool = True,
    rank: np.ndarray | None = None,
    ties_join: bool = False,
) -> Clusters:
    """Cluster records 0..n-1 from pairs (left[i], right[i], probability[i]).

    ``source`` holds a small integer per record. ``identity`` (one integer per record,
    0 = none; or one row per kind of identity number) and ``years`` (keyed birth year and the year before it, 0 = none) give
    the group constraints of the module docstring. A record's probability is that of its
    strongest link inside its cluster; a record left alone gets one minus the
    probability of its strongest link to anyone (the chance it is nobody else).

    >>> c = cluster(3, np.array([0]), np.array([1]), np.array([0.9]), np.array([0, 1, 1]))
    >>> bool(c.labels[0] == c.labels[1]), bool(c.labels[2] == c.labels[0])
    (True, False)
    """
    parent = np.arange(n_records)
    members: dict[int, list[int]] = {}
    sources: dict[int, int] = {}  # root -> bit mask of sources in the cluster

    def find(x: int) -> int:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:  # path compression
            parent[x], x = root, parent[x]
        return int(root)

    best_any = np.zeros(n_records)
    np.maximum.at(best_any, left, probability)
    np.maximum.at(best_any, right, probability)

    # Falling probability; ties by the record numbers, so the persons do not depend on
    # the order in which the engine returned the pairs (a tie decides which of two
    # records of one source joins a group).
    if cannot_link is not None and len(cannot_link[0]):
        ends = np.concatenate([cannot_link[0], cannot_link[1]])
        others = np.concatenate([cannot_link[1], cannot_link[0]])
        by_record = np.argsort(ends, kind="stable")
        partners = others[by_record].tolist()
        starts = np.searchsorted(ends[by_record], np.arange(n_records + 1)).tolist()
    else:
        partners, starts = [], [0] * (n_records + 1)

    def conflict(small: int, big: int) -> bool:
        """Does a record of group ``small`` have a pair scored as a non-match with a
        record of group ``big``?"""
        for m in members.get(small, [small]):
            for q in partners[starts[m]:starts[m + 1]]:
                if find(q) == big:
                    return True
        return False

    # Every scored pair by record (cannot-links count as probability 0), for the
    # average linkage: two groups are joined only when the mean probability of the
    # scored pairs between them is above the threshold, not on their best pair alone.
    all_l = np.concatenate([left, right] + ([cannot_link[0], cannot_link[1]] if cannot_link is not None else []))
    all_r = np.concatenate([right, left] + ([cannot_link[1], cannot_link[0]] if cannot_link is not None else []))
    all_p = np.concatenate([probability, probability] + ([np.zeros(2 * len(cannot_link[0]))] if cannot_link is not None else []))
    by_end = np.argsort(all_l, kind="stable")
    scored_partner = all_r[by_end].tolist()
    scored_prob = all_p[by_end].tolist()
    scored_start = np.searchsorted(all_l[by_end], np.arange(n_records + 1)).tolist()

    def mean_between(small: int, big: int) -> float:
        total, count = 0.0, 0
        for m in members.get(small, [small]):
            for k in range(scored_start[m], scored_start[m + 1]):
                if find(scored_partner[k]) == big:
                    total += scored_prob[k]
                    count += 1
        return total / count if count else 1.0

    ids: dict[int, frozenset[tuple[int, int]]] = {}
    yrs: dict[int, frozenset[tuple[int, int]]] = {}
    if identity is not None:
        # One row per kind of number (fødselsnummer or D-number, DUF number): a group
        # holds (kind, value) pairs, and two groups are apart when, for some kind, both
        # hold numbers of it and share none.
        table = np.atleast_2d(identity)
        for kind, row in enumerate(table):
            for i in np.flatnonzero(row != 0):
                ids[int(i)] = ids.get(int(i), frozenset()) | {(kind, int(row[i]))}
    if years is not None:
        yrs = {int(i): frozenset(((int(years[0][i]), int(years[1][i])),)) for i in np.flatnonzero(years[0] != 0)}

    def apart(ra: int, rb: int) -> bool:
        a_ids, b_ids = ids.get(ra), ids.get(rb)
        if a_ids and b_ids:
            for kind in {k for k, _ in a_ids} & {k for k, _ in b_ids}:
                if not {v for k, v in a_ids if k == kind} & {v for k, v in b_ids if k == kind}:
                    return True
        a_y, b_y = yrs.get(ra), yrs.get(rb)
        if a_y and b_y:
            # Compatible only when some year of the joined group is within one year of
            # every year of it (a person registered in 1989, 1990 and 1991 stays one
            # person): a group never spans more than two years around a year it holds.
            # (Requiring only some pair of years across the groups to be near let a
            # third of the wrong links come in through a group, 19 % of them with years
            # more than one apart; docs/linkage.md.)
            joined = a_y | b_y
            return not any(all(y == z or yp == z or y == zp for z, zp in joined) for y, yp in joined)
        return False

    order = np.lexsort((right, left, -(probability if rank is None else rank)))
    keep = order[probability[order] >= threshold]
    for idx in keep:
        a, b = int(left[idx]), int(right[idx])
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        mask_a = sources.get(ra, 1 << int(source[a]))
        mask_b = sources.get(rb, 1 << int(source[b]))
        shared = mask_a & mask_b
        if shared:
            # Only a direct link between two records of one source may join groups
            # that share a source, and then that must be the only source they share:
            # two groups that each hold a record of source A and of source B are two
            # persons, however alike their A records look.
            if not within_source or source[a] != source[b] or shared != 1 << int(source[a]):
                continue
        if len(members.get(ra, [ra])) < len(members.get(rb, [rb])):
            ra, rb = rb, ra
        if partners and conflict(rb, ra):
            continue
        if apart(ra, rb):
            continue
        # Strictly above the threshold, unless ``ties_join`` (linkage samples, where the
        # pairs are 1 or 0 and a record with one drawn and one undrawn pair to a group
        # of two joins it, as the point clustering joins such a record when its two
        # probabilities average above one half).
        mean = mean_between(rb, ra) if average else 1.0
        if mean < threshold or (mean == threshold and not ties_join):
            continue
        parent[rb] = ra
        if rb in ids:
            ids[ra] = ids.get(ra, frozenset()) | ids.pop(rb)
        if rb in yrs:
            yrs[ra] = yrs.get(ra, frozenset()) | yrs.pop(rb)
        members.setdefault(ra, [ra]).extend(members.pop(rb, [rb]))
        sources[ra] = mask_a | mask_b
        sources.pop(rb, None)

    labels = np.array([find(i) for i in range(n_records)])
    in_cluster = np.zeros(n_records)
    same = labels[left] == labels[right]
    np.maximum.at(in_cluster, left[same], probability[same])
    np.maximum.at(in_cluster, right[same], probability[same])
    sizes = np.bincount(labels, minlength=n_records)
    alone = sizes[labels] == 1
    prob = np.where(alone, 1.0 - best_any, in_cluster)
    return Clusters(labels=labels, probability=prob)


def sample_constraints(
    n_records: int, left: np.ndarray, right: np.ndarray, labels: np.ndarray,
    cannot_link: tuple[np.ndarray, np.ndarray],
    identity: np.ndarray | None = None, years: tuple[np.ndarray, np.ndarray] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The cannot-links the linkage samples need in order to keep what the point
    clustering keeps apart: pairs of records (i < j) two links apart (both linked to a
    third record by a reported link) that the point clustering put in different persons
    because they were scored as a non-match (``cannot_link``), carry different identity
    numbers, or have birth years more than one year apart. Without them a sample joins
    across drawn links what the point refused (a record without a birth date between two
    dated persons), and every sample counted fewer persons than the point (issue #14,
    the demo's 58–60).

    Two links apart, not anywhere in a connected component: a component of common names
    can hold thousands of records, and listing every constrained pair in it made
    ``pairs.csv`` 456 MB at 20,000 realistic persons. The pairs two links apart grow
    with the sum of the squared numbers of links per record (bounded by the blocking),
    and they are the chains the constraints are for; a join through longer paths in a
    sample is still refused where any two-links-apart pair of the two groups is listed.

    Pairs inside one point person are left out, so that each sample can still form the
    point's persons (a group holding 1990, 1991 and 1992 is allowed by the point).

    >>> sample_constraints(3, np.array([0, 1]), np.array([1, 2]), np.array([0, 0, 2]),
    ...                    (np.array([0]), np.array([2])))
    (array([0]), array([2]))
    """
    empty = np.zeros(0, dtype=np.int64)
    if len(left) == 0:
        return empty, empty
    ones = np.ones(2 * len(left), dtype=np.int32)
    adjacency = coo_matrix((ones, (np.concatenate([left, right]), np.concatenate([right, left]))),
                           shape=(n_records, n_records)).tocsr()
    two = triu(adjacency @ adjacency, k=1).tocoo()
    gi, gj = two.row.astype(np.int64), two.col.astype(np.int64)
    apart = np.zeros(len(gi), dtype=bool)
    if len(cannot_link[0]):
        lo = np.minimum(cannot_link[0], cannot_link[1]).astype(np.int64)
        hi = np.maximum(cannot_link[0], cannot_link[1]).astype(np.int64)
        apart |= np.isin(gi * n_records + gj, lo * n_records + hi)
    for row in np.atleast_2d(identity) if identity is not None else ():
        ii, ij = row[gi], row[gj]
        apart |= (ii != 0) & (ij != 0) & (ii != ij)
    if years is not None:
        y, yp = years
        known = (y[gi] != 0) & (y[gj] != 0)
        near = (y[gi] == y[gj]) | (yp[gi] == y[gj]) | (y[gi] == yp[gj])
        apart |= known & ~near
    keep = apart & (labels[gi] != labels[gj])
    order = np.lexsort((gj[keep], gi[keep]))
    return gi[keep][order], gj[keep][order]


def sample_clusters(
    n_records: int, left: np.ndarray, right: np.ndarray, probability: np.ndarray, source: np.ndarray,
    rng: np.random.Generator, threshold: float = 0.5,
    cannot_link: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """One linkage sample: every pair is drawn as a link with its match probability and
    the drawn links are clustered by the same rule as the point clustering (average
    linkage over the pairs, the source rule), the drawn indicator (1 or 0) standing in
    for the probability, and ``cannot_link`` (from :func:`sample_constraints`) kept apart
    as in the point clustering. Connected components of the drawn links would chain through
    any one drawn false link and count fewer persons than the clustering does; this way
    the samples and the point come from one model and one clustering (issue #14).

    >>> rng = np.random.default_rng(0)
    >>> l, r, p = np.array([0, 2]), np.array([1, 3]), np.array([0.999, 0.001])
    >>> labels = sample_clusters(4, l, r, p, np.arange(4), rng)
    >>> bool(labels[0] == labels[1] and labels[2] != labels[3])
    True
    """
    drawn = (rng.random(len(probability)) < probability).astype(float)
    result = cluster(n_records, left, right, drawn, source, threshold=threshold, rank=drawn + probability,
                     ties_join=True, cannot_link=cannot_link)
    return np.asarray(result.labels, dtype=np.int64)
