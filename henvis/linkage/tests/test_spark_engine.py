from __future__ import annotations

import pytest

from henvis.linkage import encode_frame, link_frames
from henvis.linkage.tests.conftest import KEY


@pytest.mark.spark
@pytest.mark.slow
def test_spark_gives_the_same_persons_as_duckdb(synthetic_small) -> None:
    reg, _ = synthetic_small
    small = reg[reg["source"].isin(sorted(reg["source"].unique())[:6])].iloc[:, :9]
    encoded = encode_frame(small, KEY)
    duck = link_frames([encoded], engine="duckdb", quiet=True)
    # The same trained model on Spark: the comparison SQL (Dice with bit_count) and
    # the blocking must give the same pairs and probabilities.
    spark = link_frames([encoded], engine="spark", model=duck.model, quiet=True)

    def groups(clusters):
        return {frozenset(g) for g in clusters.groupby("person_id")["record_id"]
                .apply(lambda s: tuple(sorted(s)))}

    assert groups(duck.clusters) == groups(spark.clusters)
    merged = duck.pairs.merge(spark.pairs, on=["record_id_l", "record_id_r"], how="outer")
    assert merged["match_probability_x"].sub(merged["match_probability_y"]).abs().max() < 1e-6
