"""Birth-date levels under the birth-year salt (issue #14 item 2): two full dates of one
year that disagree on day and month are evidence of two persons, not of a match; day
and month swapped keep a level of their own; an exact date stays strong evidence."""

from __future__ import annotations

import numpy as np

from henvis.linkage.encode import encode_frame
from henvis.linkage.link import link_frames
from henvis.linkage.schema import EncodingParams
from henvis.linkage.tests.conftest import KEY
from henvis.linkage.train import DISAGREEING_WITHIN_YEAR, WITHIN_SALT_U, _date_within_year


def _date_bf(model: dict) -> dict[str, float]:
    comp = next(c for c in model["comparisons"] if c["output_column_name"] == "birth_date")
    return {lv["label_for_charts"]: lv["m_probability"] / lv["u_probability"]
            for lv in comp["comparison_levels"] if not lv.get("is_null_level")}


def test_disagreeing_full_dates_of_one_year_count_against_a_match(synthetic_small) -> None:
    reg, _truth = synthetic_small
    enc = encode_frame(reg.iloc[:, :9], KEY, params=EncodingParams(year_salt=True), rng=np.random.default_rng(3))
    model = link_frames([enc], quiet=True).model
    bf = _date_bf(model)
    # Never evidence for a match (main's model, with the random pairs' u, gave 1.7 on
    # the independent population of bench/), and no more for a match than a year one apart.
    assert bf["same year, full dates disagree"] <= 1.0 + 1e-9, bf
    assert bf["same year, full dates disagree"] < bf["year within one"], bf
    assert bf["year and month, days differ"] <= 1.0 + 1e-9, bf
    assert bf["exact"] > 100 * bf["same year, full dates disagree"], bf
    assert bf["day and month transposed"] > bf["same year, full dates disagree"], bf
    # The note of the within-salt u is not left in the model Splink loads.
    comp = next(c for c in model["comparisons"] if c["output_column_name"] == "birth_date")
    assert not any(WITHIN_SALT_U in lv for lv in comp["comparison_levels"])


def _one_level(m: float, u: float, within: float, label: str = DISAGREEING_WITHIN_YEAR[0]) -> dict:
    level = {"label_for_charts": label, "m_probability": m, "u_probability": u, WITHIN_SALT_U: within}
    _date_within_year({"comparisons": [{"output_column_name": "birth_date", "comparison_levels": [level]}]})
    assert WITHIN_SALT_U not in level
    return level


def test_disagreeing_full_dates_never_count_for_a_match() -> None:
    # The independent population's level: m 0.034, random pairs' u 0.020 (Bayes factor
    # 1.7); among pairs of one salt two different persons' full dates disagree far more often.
    level = _one_level(0.034, 0.020, 0.4)
    assert level["m_probability"] / level["u_probability"] <= 1.0
    # Already evidence against (FEBRL4: 0.56): unchanged.
    assert _one_level(0.01, 0.018, 0.4)["u_probability"] == 0.018
    # A within-salt u below the random pairs' never raises the level's weight.
    assert _one_level(0.034, 0.020, 0.001)["u_probability"] == 0.020
    # Between the two: the smaller Bayes factor.
    assert _one_level(0.034, 0.010, 0.020)["u_probability"] == 0.020
    # Other levels keep the random pairs' u (an exact date is not touched).
    assert _one_level(0.6, 1e-4, 0.003, label="exact")["u_probability"] == 1e-4
