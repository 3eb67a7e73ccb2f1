"""An organisation keeps one case record per person across the years it follows them,
while different organisations write the same person differently."""

from __future__ import annotations

import pandas as pd
import pytest

from henvis.synthetic import generate

CASE_FIELDS = ["given_name", "family_name", "birth_date", "sex", "citizenship", "national_id",
               "duf_number", "exploitation_forms", "age_at_identification"]


@pytest.fixture(scope="module")
def merged() -> pd.DataFrame:
    ds = generate(persons=3000, seed=13)
    return ds.registrations.merge(ds.truth, on="record_id")


def test_same_record_every_year_at_one_organisation(merged: pd.DataFrame) -> None:
    per_case = merged.groupby(["person_id", "source"])[CASE_FIELDS].nunique()
    assert (per_case == 1).all().all()
    years = merged.groupby(["person_id", "source"])["year"].agg(["min", "max", "size"])
    # Consecutive years, one registration each, the first one new.
    assert (years["max"] - years["min"] + 1 == years["size"]).all()
    assert (years["size"] > 1).any()


def test_new_only_in_the_first_year_of_a_case(merged: pd.DataFrame) -> None:
    first = merged.groupby(["person_id", "source"])["year"].transform("min")
    later = merged[merged["year"] > first]
    assert not later["new_in_year"].any()


def test_organisations_write_the_same_person_differently(merged: pd.DataFrame) -> None:
    cases = merged.drop_duplicates(["person_id", "source"])
    several = cases.groupby("person_id").filter(lambda g: len(g) >= 2)
    spellings = several.groupby("person_id").apply(
        lambda g: g["given_name"].str.cat(g["family_name"], sep=" ").nunique() > 1,
        include_groups=False,
    )
    # Realistic noise: a good share of persons appear under more than one spelling.
    assert 0.2 < spellings.mean() < 0.9
