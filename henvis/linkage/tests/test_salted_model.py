"""The year-salted model: name levels conditional on the salt, so the birth year is
counted once (by the birth-date comparison), not again by each name."""

from __future__ import annotations

import numpy as np

from henvis.linkage.encode import encode_frame
from henvis.linkage.link import link_frames
from henvis.linkage.schema import EncodingParams
from henvis.linkage.tests.conftest import KEY


def _levels(model: dict, name: str) -> list[dict]:
    comp = next(c for c in model["comparisons"] if c["output_column_name"] == name)
    return [lv for lv in comp["comparison_levels"] if not lv.get("is_null_level")]


def test_salted_name_levels_are_conditional_on_the_salt(synthetic_small) -> None:
    reg, _truth = synthetic_small
    enc = encode_frame(reg.iloc[:, :9], KEY, params=EncodingParams(year_salt=True), rng=np.random.default_rng(3))
    model = link_frames([enc], quiet=True).model
    for name in ("given_name", "family_name"):
        levels = _levels(model, name)
        for tag in ("same birth-year salt: ", "other birth-year salt: "):
            group = [lv for lv in levels if lv["label_for_charts"].startswith(tag)]
            assert group, (name, tag)
            for key in ("m_probability", "u_probability"):
                assert abs(sum(lv[key] for lv in group) - 1.0) < 1e-6, (name, tag, key)
    # The family name says nothing when the salts differ (the whole name, in the given
    # name's levels, is not counted twice).
    (other,) = [lv for lv in _levels(model, "family_name") if lv["label_for_charts"].startswith("other")]
    assert other["m_probability"] == other["u_probability"]
    # Agreeing on a name within the same salt is evidence, disagreeing is evidence against.
    given = {lv["label_for_charts"]: lv["m_probability"] / lv["u_probability"] for lv in _levels(model, "given_name")}
    assert given["same birth-year salt: same name signature"] > 10 > 1 > given["same birth-year salt: all other"]


def test_unsalted_model_keeps_one_group_of_name_levels(synthetic_small) -> None:
    reg, _truth = synthetic_small
    enc = encode_frame(reg.iloc[:, :9], KEY, rng=np.random.default_rng(3))
    model = link_frames([enc], quiet=True).model
    labels = [lv["label_for_charts"] for lv in _levels(model, "given_name")]
    assert labels and not any("salt" in label for label in labels)
