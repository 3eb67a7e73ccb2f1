from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from henvis.linkage import encode_frame, link_frames
from henvis.linkage.errors import LinkageError
from henvis.linkage.tests.conftest import KEY, OTHER_KEY


def pair_f1(clusters: pd.DataFrame, truth: pd.DataFrame) -> tuple[float, float, float]:
    """Precision, recall and F1 of the record pairs put together, against the truth."""
    both = clusters.merge(truth, on="record_id")

    def pairs(sizes: pd.Series) -> int:
        return int((sizes * (sizes - 1) // 2).sum())

    pred = pairs(both.groupby("person_id_x").size())
    true = pairs(both.groupby("person_id_y").size())
    tp = pairs(both.groupby(["person_id_x", "person_id_y"]).size())
    precision, recall = tp / max(pred, 1), tp / max(true, 1)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-9)


def _split(reg: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    cols = list(reg.columns[:9])
    first = reg["source"].isin(sorted(reg["source"].unique())[::2])
    return reg.loc[first, cols], reg.loc[~first, cols]


def test_links_synthetic_registrations_into_persons(synthetic_small) -> None:
    reg, truth = synthetic_small
    a, b = _split(reg)
    result = link_frames([encode_frame(a, KEY), encode_frame(b, KEY)], quiet=True)
    assert len(result.clusters) == len(reg)
    assert set(result.clusters.columns) == {"record_id", "source", "person_id", "match_probability"}
    assert result.clusters["match_probability"].between(0, 1).all()
    precision, recall, f1 = pair_f1(result.clusters, truth)
    assert f1 > 0.6, (precision, recall)
    assert {"record_id_l", "source_l", "record_id_r", "source_r", "match_probability"} <= set(result.pairs.columns)


def test_files_encoded_with_different_keys_are_refused(synthetic_small) -> None:
    reg, _ = synthetic_small
    a, b = _split(reg)
    with pytest.raises(LinkageError, match="different keys"):
        link_frames([encode_frame(a, KEY), encode_frame(b, OTHER_KEY)], quiet=True)


def test_encodings_with_a_different_key_do_not_link(synthetic_small) -> None:
    reg, truth = synthetic_small
    a, b = _split(reg)
    result = link_frames(
        [encode_frame(a, KEY), encode_frame(b, OTHER_KEY)], allow_mixed_keys=True, quiet=True
    )
    clusters = result.clusters
    cross = clusters.groupby("person_id")["source"].agg(lambda s: s.isin(a["source"]).any() and s.isin(b["source"]).any())
    # Same-key control: many persons span both halves.
    same = link_frames([encode_frame(a, KEY), encode_frame(b, KEY)], quiet=True).clusters
    cross_same = same.groupby("person_id")["source"].agg(lambda s: s.isin(a["source"]).any() and s.isin(b["source"]).any())
    assert cross_same.sum() > 50
    assert cross.sum() <= 0.02 * cross_same.sum()
    high = result.pairs[result.pairs["match_probability"] >= 0.5]
    crossing = high["source_l"].isin(a["source"]) != high["source_r"].isin(a["source"])
    assert np.count_nonzero(crossing) <= 0.02 * cross_same.sum()
