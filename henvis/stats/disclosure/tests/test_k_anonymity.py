"""k-anonymity of microdata-like exports: every combination of quasi-identifiers that is
released occurs at least k times; rows are dropped only as a last resort."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from henvis.stats.disclosure import k_anonymise, smallest_class
from henvis.stats.disclosure.kanon import bands, child_adult, everything, from_column

COUNTRIES = {"Nigeria": "Afrika", "Romania": "Europa", "Thailand": "Asia", "Vietnam": "Asia",
             "Bulgaria": "Europa", "Norge": "Norge", "Eritrea": "Afrika"}
HIERARCHIES = {
    "age": [bands(5), bands(10), child_adult(), everything()],
    "citizenship": [from_column("region"), everything()],
    "year": [bands(5), everything()],
    "sex": [everything()],
}

rows = st.lists(
    st.tuples(st.integers(10, 70), st.sampled_from(list(COUNTRIES)), st.integers(2015, 2024),
              st.sampled_from(["F", "M"])),
    min_size=0, max_size=300,
)


@settings(max_examples=60, deadline=None)
@given(rows, st.sampled_from([2, 5, 11]))
def test_every_released_combination_occurs_at_least_k_times(data: list, k: int) -> None:
    frame = pd.DataFrame(data, columns=["age", "citizenship", "year", "sex"])
    frame["region"] = frame["citizenship"].map(COUNTRIES)
    result = k_anonymise(frame, HIERARCHIES, k=k)
    if len(result.frame):
        assert smallest_class(result.frame, list(HIERARCHIES)) >= k
    assert len(result.frame) + result.dropped_rows == len(frame)


def test_generalises_before_dropping_rows() -> None:
    frame = pd.DataFrame({"age": list(range(20, 42)), "sex": ["F", "M"] * 11})
    result = k_anonymise(frame, {"age": [bands(5), bands(10), child_adult(), everything()], "sex": [everything()]}, k=11)
    assert result.dropped_rows == 0
    assert smallest_class(result.frame, ["age", "sex"]) >= 11
    assert result.levels["age"] >= 1


def test_unknown_quasi_identifier_is_refused() -> None:
    with pytest.raises(ValueError, match="missing columns"):
        k_anonymise(pd.DataFrame({"a": [1]}), {"b": [everything()]}, k=2)
