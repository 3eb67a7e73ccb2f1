"""The extract is checked row by row; identifying columns refuse the whole file."""

from __future__ import annotations

import io

import pytest

from henvis.stats.persons import InputError, read_clusters, read_extract


def test_identifying_columns_refuse_the_extract() -> None:
    text = "record_id,source,year,given_name\nr1,rosa,2020,Anna\n"
    with pytest.raises(InputError, match="identifying columns \\(given_name\\)") as err:
        read_extract(io.StringIO(text))
    assert "Anna" not in str(err.value)


def test_bad_rows_are_named_in_both_languages() -> None:
    text = ("record_id,source,year,child,age_at_identification\n"
            "r1,rosa,2020,1,15\n"
            "r2,rosa,20x0,0,30\n"
            "r3,rosa,2021,kanskje,\n"
            "r1,rosa,2021,0,200\n")
    with pytest.raises(InputError) as err:
        read_extract(io.StringIO(text))
    message = str(err.value)
    assert "Rad 3, year: ugyldig år «20x0» / Row 3, year: invalid year '20x0'" in message
    assert "Row 4, child" in message
    assert "Row 5, age_at_identification" in message
    assert "Row 5, record_id" in message  # duplicate key
    assert len(err.value.errors) == 4


def test_child_is_derived_from_age_when_not_given() -> None:
    text = "record_id,source,year,child,age_at_identification\nr1,rosa,2020,,16\nr2,rosa,2020,,40\nr3,rosa,2020,,\n"
    child = read_extract(io.StringIO(text))["child"]
    assert child.iloc[:2].tolist() == [True, False]
    assert child.isna().iloc[2]


def test_missing_required_column() -> None:
    with pytest.raises(InputError, match="missing columns: year"):
        read_extract(io.StringIO("record_id,source\nr1,rosa\n"))


def test_clusters_file_probabilities_are_checked() -> None:
    text = "record_id,source,person_id,match_probability\nr1,rosa,P1,1.2\nr2,rosa,P1,0.9\n"
    with pytest.raises(InputError, match="Row 2, match_probability"):
        read_clusters(io.StringIO(text))
