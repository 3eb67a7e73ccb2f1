"""Every duplicate group is traceable in the ground truth, which is kept apart."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from henvis.synthetic import LINKAGE_COLUMNS, SyntheticDataset, generate
from henvis.synthetic.organisations import organisation_kinds


def check_truth(ds: SyntheticDataset, persons: int) -> None:
    regs, truth, people = ds.registrations, ds.truth, ds.persons
    # Every record_id in the truth exactly once, and no other.
    assert truth["record_id"].is_unique
    assert set(truth["record_id"]) == set(regs["record_id"])
    assert len(truth) == len(regs)
    # Exactly the requested number of persons, each with at least one registration.
    assert len(people) == persons
    assert people["person_id"].is_unique
    assert set(truth["person_id"]) == set(people["person_id"])
    merged = regs.merge(truth, on="record_id", validate="one_to_one")
    per_person = merged.groupby("person_id").agg(
        records=("record_id", "nunique"), rows=("record_id", "size"),
        organisations=("source", "nunique"),
    )
    expected = people.set_index("person_id")["n_registrations"]
    # Persons with k registrations have k distinct record ids.
    assert (per_person["records"] == per_person["rows"]).all()
    assert (per_person["records"] == expected.loc[per_person.index]).all()
    # Registered by 1 to 4 organisations, the ones listed for the person.
    assert per_person["organisations"].between(1, 4).all()
    listed = people.set_index("person_id")["organisations"].str.split(";").map(set)
    seen = merged.groupby("person_id")["source"].agg(set)
    assert (seen == listed.loc[seen.index]).all()
    # One registration per person, organisation and year.
    assert not merged.duplicated(["person_id", "source", "year"]).any()


@settings(max_examples=12, deadline=None)
@given(persons=st.integers(min_value=1, max_value=150), seed=st.integers(0, 2**32 - 1))
def test_truth_covers_every_registration_for_any_seed(persons: int, seed: int) -> None:
    check_truth(generate(persons=persons, seed=seed), persons)


@pytest.fixture(scope="module")
def big() -> SyntheticDataset:
    return generate(persons=5000, seed=5)


def test_truth_on_a_larger_run(big: SyntheticDataset) -> None:
    check_truth(big, 5000)


def test_many_persons_are_registered_more_than_once(big: SyntheticDataset) -> None:
    counts = big.persons["organisations"].str.count(";") + 1
    assert set(counts) == {1, 2, 3, 4}
    assert (counts >= 2).mean() > 0.3
    assert (big.persons["n_registrations"] >= 2).mean() > 0.5


def test_registrations_do_not_show_the_person(big: SyntheticDataset) -> None:
    regs = big.registrations
    assert "person_id" not in regs.columns
    assert not any(c in regs.columns for c in ("first_year", "name_group", "birth_date_uncertain"))
    # Record order says nothing about who is who: neighbouring records are the same
    # person hardly more often than two random records.
    person = regs.merge(big.truth, on="record_id")["person_id"]
    same_neighbour = (person.values[1:] == person.values[:-1]).mean()
    assert same_neighbour < 0.01


def test_sources_are_catalogue_organisations(big: SyntheticDataset) -> None:
    kinds = organisation_kinds()
    regs = big.registrations
    assert set(regs["source"]) <= set(kinds)
    assert (regs["organisation_kind"] == regs["source"].map(kinds)).all()
    assert list(regs.columns[: len(LINKAGE_COLUMNS)]) == list(LINKAGE_COLUMNS)
    assert isinstance(regs, pd.DataFrame)
