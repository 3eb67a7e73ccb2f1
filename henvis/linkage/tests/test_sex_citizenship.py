"""Sex and citizenship in the model (issue #14): three levels each, learnt from the data
(a latent model on pairs with similar names), disagreeing sex strong evidence against."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from henvis.linkage.compare import ATTRIBUTE_FIELDS, attribute_comparison
from henvis.linkage.encode import encode_frame
from henvis.linkage.latent import level_index_sql
from henvis.linkage.link import link_frames
from henvis.linkage.tests.conftest import KEY

codes = st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1))


@settings(max_examples=100, deadline=None)
@given(pairs=st.lists(st.tuples(codes, codes), min_size=1, max_size=20))
def test_attribute_levels_are_missing_agree_or_disagree(pairs: list[tuple[int | None, int | None]]) -> None:
    """Any keyed code, no list of values assumed: missing on either side is the null
    level, equal codes agree, anything else disagrees."""
    frame = pd.DataFrame({"uid": range(len(pairs)), "sx": pd.array([a for a, _ in pairs], dtype="Int64"),
                          "sx2": pd.array([b for _, b in pairs], dtype="Int64")})
    sql = level_index_sql(attribute_comparison("sx", "sex")).replace("r.sx", "l.sx2")
    con = duckdb.connect()
    con.register("records", frame)
    got = [row[0] for row in con.execute(f"SELECT {sql} FROM records l ORDER BY uid").fetchall()]  # noqa: S608
    for (a, b), level in zip(pairs, got, strict=True):
        if a is None or b is None:
            assert level is None
        else:
            assert level == (0 if a == b else 1)


def _levels(model: dict, name: str) -> dict[str, tuple[float, float]]:
    comp = next(c for c in model["comparisons"] if c["output_column_name"] == name)
    return {lv["label_for_charts"]: (lv["m_probability"], lv["u_probability"])
            for lv in comp["comparison_levels"] if not lv.get("is_null_level")}


def test_trained_model_counts_disagreeing_sex_against_a_match() -> None:
    from henvis.synthetic import generate

    ds = generate(400, 5, profile="realistic")
    frames = [encode_frame(part, KEY, rng=np.random.default_rng(i))
              for i, (_s, part) in enumerate(sorted(ds.registrations.iloc[:, :9].groupby("source"), key=lambda kv: str(kv[0])))]
    model = link_frames(frames, quiet=True).model
    for label in ATTRIBUTE_FIELDS.values():
        levels = _levels(model, label)
        assert set(levels) == {"agree", "disagree"}
        (m_agree, u_agree), (m_dis, u_dis) = levels["agree"], levels["disagree"]
        assert m_agree / u_agree > 1 > m_dis / u_dis, (label, levels)
        assert m_dis > 0  # a data-entry error stays possible: not a cannot-link by itself
    m_dis, u_dis = _levels(model, "sex")["disagree"]
    assert m_dis / u_dis < 0.1


def test_attributes_without_variation_stay_out_of_the_model() -> None:
    rows = pd.DataFrame({"record_id": [str(i) for i in range(40)], "source": "a",
                         "given_name": [f"Name{i % 20}" for i in range(40)], "family_name": "Hansen",
                         "birth_date": [f"19{50 + i % 20}-01-01" for i in range(40)], "sex": "F",
                         "citizenship": "", "national_id": "", "duf_number": ""})
    model = link_frames([encode_frame(rows, KEY, rng=np.random.default_rng(0))], quiet=True).model
    names = {c["output_column_name"] for c in model["comparisons"]}
    assert not names & set(ATTRIBUTE_FIELDS.values())
