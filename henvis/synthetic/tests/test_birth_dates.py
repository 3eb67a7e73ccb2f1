"""Recorded birth dates are exact, partial, estimated or missing, never made up."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from henvis.synthetic import SyntheticDataset, generate
from henvis.synthetic.birth_dates import render_birth_date


@settings(max_examples=300)
@given(
    born=st.dates(min_value=date(1940, 1, 1), max_value=date(2015, 12, 31)),
    uncertain=st.booleans(),
    offset=st.sampled_from([-1, 0, 1]),
    seed=st.integers(0, 10**9),
)
def test_record_is_consistent_with_the_true_date(
    born: date, uncertain: bool, offset: int, seed: int
) -> None:
    estimated = born.year + offset
    out = render_birth_date(born.year, born.month, born.day, uncertain=uncertain,
                            estimated_year=estimated, rng=random.Random(seed))
    assert re.fullmatch(r"(\d{4}(-\d{2}(-\d{2})?)?)?", out)
    if not out:
        return
    year = int(out[:4])
    if uncertain:
        # Papers carry an estimated year; records are 1 January, the year, or off by one.
        assert abs(year - estimated) <= 1
        assert len(out) == 4 or out == f"{estimated:04d}-01-01"
    else:
        assert abs(year - born.year) <= 1
        if len(out) == 10:
            recorded = (int(out[5:7]), int(out[8:10]))
            assert recorded in {(born.month, born.day), (born.day, born.month)}
            date.fromisoformat(out)  # a real date even when swapped
        elif len(out) == 7:
            assert out == f"{born.year:04d}-{born.month:02d}"


@pytest.fixture(scope="module")
def ds() -> SyntheticDataset:
    return generate(persons=3000, seed=31)


def test_generated_records_mostly_exact(ds: SyntheticDataset) -> None:
    regs = ds.registrations.merge(ds.truth, on="record_id").merge(
        ds.persons[["person_id", "birth_date", "birth_date_uncertain"]], on="person_id",
        suffixes=("", "_true"),
    )
    known = regs[~regs["birth_date_uncertain"]]
    exact = (known["birth_date"] == known["birth_date_true"]).mean()
    assert 0.6 < exact < 0.85
    unknown = regs[regs["birth_date_uncertain"]]
    assert (unknown["birth_date"] != unknown["birth_date_true"]).mean() > 0.9
    assert unknown["birth_date"].str.endswith("-01-01").mean() > 0.4
