"""The published point and the linkage samples come from one model (issue #14): with the
linkage's own pairs, the point is one of the samples (the central one), every interval
covers it without being stretched to it, and the samples never join what the linkage
kept apart."""

from __future__ import annotations

import numpy as np
import pandas as pd

from henvis.linkage import encode_frame, link_frames
from henvis.linkage.cluster import CANNOT_LINK_BELOW
from henvis.stats.persons import unique_persons
from henvis.stats.persons.samples import linkage_samples, record_positions

KEY = b"test-only shared key, 32 bytes!!"


def _linked(regs: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    cols = ["record_id", "source", "given_name", "family_name", "birth_date", "sex", "citizenship", "national_id",
            "duf_number"]
    result = link_frames([encode_frame(regs[cols], KEY, rng=np.random.default_rng(5))], quiet=True)
    return result.clusters, result.pairs


def test_point_is_the_central_sample_and_inside_every_headline_interval(synthetic: tuple) -> None:
    regs, extract, _ = synthetic
    clusters, pairs = _linked(regs)
    stats = unique_persons(extract, clusters, pairs, samples=40, seed=3)
    s = stats.summary
    assert ((s.persons_low <= s.persons) & (s.persons <= s.persons_high)).all()
    # The point is a draw, not the clustering: its total lies among the samples' totals.
    draws = list(linkage_samples(extract, clusters, pairs, samples=40, seed=3))[1:]
    totals = sorted(len(np.unique(d)) for d in draws)
    point_total = len(np.unique(stats._labels[0]))  # noqa: SLF001 - the labels the figures use
    assert totals[0] <= point_total <= totals[-1]
    assert point_total == totals[(len(totals) - 1) // 2]
    # Same inputs and seed, same figures.
    again = unique_persons(extract, clusters, pairs, samples=40, seed=3)
    pd.testing.assert_frame_equal(stats.summary, again.summary)


def test_samples_keep_apart_what_the_linkage_kept_apart(synthetic: tuple) -> None:
    regs, extract, _ = synthetic
    clusters, pairs = _linked(regs)
    low = pairs[pairs.match_probability < CANNOT_LINK_BELOW]
    assert len(low)  # the linkage reports its cannot-links beside the links
    left = record_positions(extract, low, "source_l", "record_id_l")
    right = record_positions(extract, low, "source_r", "record_id_r")
    for drawn in linkage_samples(extract, clusters, pairs, samples=15, seed=1):
        assert np.all(drawn[left] != drawn[right])
