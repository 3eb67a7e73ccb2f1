"""Linkage samples: who is the same person, drawn from the linkage's match probabilities.

Sample 0 is the linkage engine's own clustering (``clusters.csv``). Samples 1..S redraw
it so that the figures can carry the linkage uncertainty:

* with pairwise links (``pairs.csv``): every scored pair is drawn as a link with its match
  probability, independently, and the drawn links are clustered by the linkage's own
  rule (:func:`henvis.linkage.cluster.sample_clusters`: average linkage, one source's
  records joined only by a direct link), so that the samples and the point clustering
  come from one model and one clustering; connected components would chain through any
  drawn false link and count fewer persons than the point (issue #14). Pairs below
  ``CANNOT_LINK_BELOW`` in ``pairs.csv`` are the linkage's cannot-links (scored as
  non-matches, or different identity numbers or birth years): never drawn, and kept
  apart in every sample as in the point;
* with clusters only: every record stays in its cluster with its ``match_probability``
  and otherwise stands alone as a person of its own.

Records are numbered by their row in the extract; a sample is an array that gives each
record a person number.

>>> import numpy as np
>>> left, right, p = np.array([0]), np.array([1]), np.array([0.5])
>>> draws = [pair_sample(3, left, right, p, np.random.default_rng(s)) for s in range(200)]
>>> bool(0.35 < np.mean([d[0] == d[1] for d in draws]) < 0.65)
True
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from henvis.linkage.cluster import CANNOT_LINK_BELOW, sample_clusters
from henvis.stats.persons.errors import InputError, RowError


def record_positions(extract: pd.DataFrame, other: pd.DataFrame, source: str = "source",
                     record: str = "record_id") -> np.ndarray:
    """Row of the extract for each row of ``other`` (-1 when the record is not in it)."""
    keys = pd.MultiIndex.from_frame(extract[["source", "record_id"]].astype(str))
    wanted = pd.MultiIndex.from_arrays([other[source].astype(str), other[record].astype(str)])
    return np.asarray(keys.get_indexer(wanted))


def point_labels(extract: pd.DataFrame, clusters: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Person number and match probability for each extract record, from clusters.csv.
    Every record of the extract must have a cluster."""
    pos = record_positions(extract, clusters)
    n = len(extract)
    labels = np.full(n, -1, dtype=np.int64)
    prob = np.ones(n)
    found = pos >= 0
    codes, _ = pd.factorize(clusters["person_id"].astype(str))
    labels[pos[found]] = codes[found]
    prob[pos[found]] = clusters["match_probability"].to_numpy(dtype=float)[found]
    missing = np.flatnonzero(labels < 0)
    if len(missing):
        errors = [
            RowError(int(i) + 2, "record_id", "posten mangler i clusters-filen",
                     "the record is missing from the clusters file")
            for i in missing[:20]
        ]
        raise InputError("extract", errors)
    return labels, prob


def pair_sample(n: int, left: np.ndarray, right: np.ndarray, prob: np.ndarray,
                rng: np.random.Generator) -> np.ndarray:
    """Draw every pair as a link with its probability; persons = connected components."""
    keep = rng.random(len(prob)) < prob
    graph = coo_matrix((np.ones(int(keep.sum())), (left[keep], right[keep])), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    return np.asarray(labels, dtype=np.int64)


def membership_sample(labels: np.ndarray, prob: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Keep each record in its cluster with its probability, else make it a person alone."""
    out = labels.copy()
    alone = rng.random(len(labels)) >= prob
    out[alone] = labels.max() + 1 + np.flatnonzero(alone)
    return out


def central_sample(samples: list[np.ndarray]) -> int:
    """Index of the sample whose number of persons is the (lower) median of the samples'
    numbers, the first such sample.

    With pairwise links the published figures are those of this sample, not of the
    point clustering: the count of persons is then an estimator over the match
    probabilities (a draw at the middle of what they say), and every figure, breakdown,
    capture history and person table comes from one and the same set of persons. The
    point clustering joins two groups only when their pairs average above one half, so
    many weak pairs between records of a common name each stay below it although some
    of them, taken together, are surely the same person: it counted more persons than
    every sample (realistic profile, 1,000 persons: 1,065 against 1,032–1,047 in the
    samples, truth 1,000; docs/linkage.md, Session 2026-12-07 evening).

    >>> central_sample([np.array([0, 1, 2]), np.array([0, 0, 1]), np.array([0, 0, 0]), np.array([0, 1, 1])])
    1
    """
    counts = [len(np.unique(s)) for s in samples]
    median = sorted(counts)[(len(counts) - 1) // 2]
    return counts.index(median)


def linkage_samples(
    extract: pd.DataFrame, clusters: pd.DataFrame, pairs: pd.DataFrame | None = None,
    samples: int = 100, seed: int = 0,
) -> Iterator[np.ndarray]:
    """Yield sample 0 (the linkage's clustering) and then ``samples`` redrawn samples."""
    labels, prob = point_labels(extract, clusters)
    yield labels
    rng = np.random.default_rng(seed)
    if pairs is not None:
        left = record_positions(extract, pairs, "source_l", "record_id_l")
        right = record_positions(extract, pairs, "source_r", "record_id_r")
        inside = (left >= 0) & (right >= 0)
        left, right = left[inside], right[inside]
        p = pairs["match_probability"].to_numpy(dtype=float)[inside]
        source, _ = pd.factorize(extract["source"].astype(str))
        # Pairs below the linkage's floor are its cannot-links: never drawn, and kept
        # apart in every sample as in the point clustering.
        low = p < CANNOT_LINK_BELOW
        cannot = (left[low], right[low])
        left, right, p = left[~low], right[~low], p[~low]
        for _ in range(samples):
            yield sample_clusters(len(extract), left, right, p, source, rng, cannot_link=cannot)
    else:
        for _ in range(samples):
            yield membership_sample(labels, prob, rng)
