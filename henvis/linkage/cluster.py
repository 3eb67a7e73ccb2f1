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
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


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
) -> Clusters:
    """Cluster records 0..n-1 from pairs (left[i], right[i], probability[i]).

    ``source`` holds a small integer per record. A record's probability is that of its
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

    order = np.lexsort((right, left, -probability))
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
        parent[rb] = ra
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
