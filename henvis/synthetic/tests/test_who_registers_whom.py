"""Organisations register the persons they work with, and record what they do."""

from __future__ import annotations

import pandas as pd
import pytest

from henvis.synthetic import SyntheticDataset, generate
from henvis.synthetic.organisations import load_profiles, organisation_kinds


@pytest.fixture(scope="module")
def merged() -> pd.DataFrame:
    ds: SyntheticDataset = generate(persons=8000, seed=21)
    people = ds.persons[["person_id", "sex", "exploitation_category", "child", "citizenship"]]
    return ds.registrations.merge(ds.truth, on="record_id").merge(
        people, on="person_id", suffixes=("", "_true")
    )


def share_at(frame: pd.DataFrame, slug: str) -> float:
    return float((frame["source"] == slug).mean())


def test_profile_organisations_exist_in_the_catalogue() -> None:
    kinds = organisation_kinds()
    for unit in load_profiles().units:
        assert unit in kinds or unit in ("police", "barnevern"), unit


def test_men_in_forced_labour_at_filemon_women_in_prostitution_at_lauras_hus(
    merged: pd.DataFrame,
) -> None:
    adults = merged[~merged["child_true"]]
    men_labour = adults[(adults["sex_true"] == "M")
                        & (adults["exploitation_category"] == "labour_services")]
    women_sexual = adults[(adults["sex_true"] == "F")
                          & (adults["exploitation_category"] == "sexual")]
    assert share_at(men_labour, "safe-house-filemon") > 5 * share_at(women_sexual, "safe-house-filemon")
    for slug in ("lauras-hus", "maritastiftelsen", "pro-sentret", "kirkens-bymisjon-nadheim"):
        assert share_at(women_sexual, slug) > 3 * share_at(men_labour, slug), slug


def test_minors_at_child_welfare(merged: pd.DataFrame) -> None:
    child_welfare = merged["organisation_kind"].isin(["child_welfare_municipal",
                                                      "child_welfare_state"])
    assert merged.loc[child_welfare, "child_true"].all()
    assert child_welfare[merged["child_true"]].mean() > 0.3


def test_norwegians_never_at_udi(merged: pd.DataFrame) -> None:
    assert not ((merged["citizenship_true"] == "NO") & (merged["source"] == "udi")).any()


def test_police_registrations_spread_over_districts_oslo_first(merged: pd.DataFrame) -> None:
    police = merged.loc[merged["organisation_kind"] == "police_district", "source"]
    counts = police.value_counts()
    assert counts.index[0] == "politi-oslo"  # most police reports (seed 001 Tabell 4)
    assert len(counts) >= 10


def test_decisions_come_from_the_deciding_organisation(merged: pd.DataFrame) -> None:
    decided = merged[merged["decisions"] != ""]
    udi_codes = decided.loc[decided["source"] == "udi", "decisions"]
    assert udi_codes.str.startswith(("reflection", "limited", "asylum", "assisted",
                                     "utl53")).all()
    assert (decided.loc[decided["source"] == "iom-norway", "decisions"] == "assisted_return").all()
    placements = decided[decided["decisions"] == "child_welfare_placement"]
    assert placements["organisation_kind"].isin(["child_welfare_municipal",
                                                 "child_welfare_state"]).all()
    assert placements["child"].all()
    # Decisions are made in the first year an organisation handles the case.
    assert decided["new_in_year"].all()
    # UDI reflection periods are the most frequent UDI decision (seed 001 ch. 3.2).
    assert udi_codes.value_counts().index[0] == "reflection_period_granted"


def test_measures_fit_the_organisation(merged: pd.DataFrame) -> None:
    def share(slug: str, measure: str) -> float:
        rows = merged[merged["source"] == slug]
        return float(rows["measures"].str.split(";").map(lambda m: measure in m).mean())

    assert share("lauras-hus", "housing") > 0.9
    assert share("nav-htso", "subsistence") > 0.9
    assert share("helse", "health") > 0.9
    assert share("udi", "housing") == 0.0
