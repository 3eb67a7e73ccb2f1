"""The same encoded frames must give the same persons and pair probabilities every run."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from henvis.linkage import encode_frame, link_frames
from henvis.linkage.tests.conftest import KEY

QUARTETS = 20


@pytest.fixture(scope="module")
def encoded_with_ties(synthetic_small) -> pd.DataFrame:
    """Synthetic registrations plus QUARTETS groups of four identical encodings, two in
    source "tie-a" and two in "tie-b". The four cross-source pairs of a group tie
    exactly (same comparison vector, same term frequencies), and the clustering keeps
    one record per source in a person, so each group becomes two persons of two records
    and *which* records pair up is decided only by how ties are broken."""
    from henvis.synthetic import generate

    reg, _ = synthetic_small
    # One registration each of 1,000 other persons in one more source: its many
    # within-source pairs with few matches keep the within-source prior below Splink's
    # lambda, so the within-source pairs of the copies below score lower than the
    # cross-source ones and cannot join a group before the ties are decided.
    ds = generate(1000, 12)
    firsts = ds.truth.drop_duplicates("person_id")["record_id"]
    other = ds.registrations[ds.registrations["record_id"].isin(firsts)].iloc[:, :9].copy()
    other["source"] = "filler"
    other["record_id"] = "f" + other["record_id"].astype(str)
    encoded = encode_frame(pd.concat([reg.iloc[:, :9], other], ignore_index=True), KEY, rng=np.random.default_rng(5))
    full = encoded[encoded["dd"].notna() & encoded["gc"].notna() & encoded["fc"].notna()]
    # One record per person for the ties, and that person's other records left out,
    # so nothing else links to the copies.
    picked = full.drop_duplicates("mhf1").drop_duplicates("mhg1").iloc[:QUARTETS]
    rest = encoded[~encoded["mhf1"].isin(picked["mhf1"]) & ~encoded["mhg1"].isin(picked["mhg1"])]
    copies = []
    for q, (_, row) in enumerate(picked.iterrows()):
        for k, source in enumerate(("tie-a", "tie-a", "tie-b", "tie-b")):
            copy = row.copy()
            copy["record_id"] = f"t{q:02d}{k}"
            copy["source"] = source
            copies.append(copy)
    out = pd.concat([rest, pd.DataFrame(copies)], ignore_index=True)
    out.attrs = encoded.attrs
    return out


def test_linking_twice_gives_identical_output(encoded_with_ties) -> None:
    first = link_frames([encoded_with_ties], quiet=True)
    second = link_frames([encoded_with_ties], quiet=True)
    pd.testing.assert_frame_equal(first.clusters, second.clusters, check_exact=True)
    pd.testing.assert_frame_equal(first.pairs, second.pairs, check_exact=True)
    # Splink names each linker at random; everything else in the model must agree.
    assert {k: v for k, v in first.model.items() if k != "linker_uid"} == {
        k: v for k, v in second.model.items() if k != "linker_uid"
    }
    assert first.within_source_prior == second.within_source_prior
    assert first.within_source_prior < first.model["probability_two_random_records_match"]

    # The ties were really there and decided something: every group of four identical
    # records became two persons of one "tie-a" and one "tie-b" record each.
    ties = first.clusters[first.clusters["source"].isin(["tie-a", "tie-b"])].copy()
    ties["group"] = ties["record_id"].str[1:3]
    shapes = ties.groupby("person_id").agg(n=("record_id", "size"), sources=("source", "nunique"), groups=("group", "nunique"))
    assert len(shapes) == 2 * QUARTETS
    assert (shapes["n"] == 2).all() and (shapes["sources"] == 2).all() and (shapes["groups"] == 1).all()
    tied = first.pairs[first.pairs["source_l"].ne(first.pairs["source_r"]) & first.pairs["record_id_l"].str.startswith("t")
                       & first.pairs["source_l"].str.startswith("tie") & first.pairs["source_r"].str.startswith("tie")]
    assert tied.groupby(tied["record_id_l"].str[1:3])["match_probability"].nunique().eq(1).all()


def test_ties_are_broken_by_record_order_not_by_pair_order(encoded_with_ties) -> None:
    """Rows of the input in another order give other record numbers, so this only checks
    that each tie group still pairs the first tie-a record (in input order) with the
    first tie-b record: ties go to the lowest record numbers."""
    result = link_frames([encoded_with_ties], quiet=True).clusters.set_index("record_id")
    for q in range(QUARTETS):
        a0, a1, b0, b1 = (f"t{q:02d}{k}" for k in range(4))
        assert result.at[a0, "person_id"] == result.at[b0, "person_id"]
        assert result.at[a1, "person_id"] == result.at[b1, "person_id"]
