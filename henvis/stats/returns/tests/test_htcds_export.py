"""The HTCDS export uses the standard's field names and is k-anonymous."""

from __future__ import annotations

import pytest

from henvis.stats.disclosure import smallest_class
from henvis.stats.persons import PersonStatistics
from henvis.stats.returns import HTCDS_FIELDS, QUASI_IDENTIFIERS, htcds_export


@pytest.mark.parametrize("k", [5, 11, 25])
def test_every_quasi_identifier_combination_occurs_at_least_k_times(stats: PersonStatistics, k: int) -> None:
    facts = stats.person_facts()
    result = htcds_export(facts, k=k)
    assert list(result.frame.columns) == list(HTCDS_FIELDS)
    assert smallest_class(result.frame, list(QUASI_IDENTIFIERS)) >= k
    assert len(result.frame) + result.dropped_rows == len(facts)
    assert result.dropped_rows <= 0.05 * len(facts)


def test_export_carries_no_identifier_or_linkage_key(stats: PersonStatistics) -> None:
    frame = htcds_export(stats.person_facts(), k=11).frame
    assert not {"person", "person_id", "record_id", "source", "_region"} & set(frame.columns)
    assert set(frame["gender"]) <= {"Female", "Male", "Unknown", "*"}
    assert set(frame["Datasource"]) == {"Case Management"}


def test_flags_follow_the_forms(stats: PersonStatistics) -> None:
    facts = stats.person_facts()
    frame = htcds_export(facts, k=1).frame  # k=1: nothing generalised or dropped
    assert len(frame) == len(facts)
    sexual = facts["exploitation_forms"].str.contains("prostitution|other_sexual")
    assert frame["isSexualExploit"].sum() == sexual.sum()
    both = frame["isSexualExploit"].astype(bool) & frame["isForcedLabour"].astype(bool)
    assert (frame["isSexAndLabour"].astype(bool) == both).all()
