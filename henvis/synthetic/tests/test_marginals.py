"""Marginal distributions follow the KOM 2020 report (seed 001, chapter 7.3).

The target shares are computed here from the counts transcribed in data/targets.yaml
(not from the generator's own probability code)."""

from __future__ import annotations

from importlib import resources
from typing import Any

import pandas as pd
import pytest
import yaml

from henvis.synthetic import SyntheticDataset, generate
from henvis.synthetic.attribute_codes import exploitation_category

N = 20_000
TOLERANCE = 0.015  # about 4.5 standard errors for a share of 0.5 at N persons


@pytest.fixture(scope="module")
def seed_figures() -> dict[str, Any]:
    text = resources.files("henvis.synthetic").joinpath("data/targets.yaml").read_text("utf-8")
    figures: dict[str, Any] = yaml.safe_load(text)
    return figures


@pytest.fixture(scope="module")
def ds() -> SyntheticDataset:
    return generate(persons=N, seed=2020)


def shares(counts: dict[str, int]) -> dict[str, float]:
    total = sum(counts.values())
    return {k: v / total for k, v in counts.items()}


def assert_close(observed: pd.Series, counts: dict[str, int], tolerance: float) -> None:
    target = shares(counts)
    got = observed.value_counts(normalize=True).to_dict()
    assert set(got) <= set(target), set(got) - set(target)
    for key, share in target.items():
        assert abs(got.get(key, 0.0) - share) < tolerance, (key, got.get(key), share)


def test_seed_figures_are_the_reports(seed_figures: dict[str, Any]) -> None:
    adults = seed_figures["adults_in_measures_2020"]
    # Seed 001 ch. 7.3: 254 adults; 148 new; 180 women; 139/96/15/3/1; 95/82/39/19/18/1.
    assert adults["total"] == 254
    assert adults["new_vs_continuing"] == {"new": 148, "continuing": 106}
    assert adults["sex"] == {"F": 180, "M": 74}
    assert list(adults["exploitation"].values()) == [139, 96, 15, 3, 1]
    assert list(adults["region"].values()) == [95, 82, 39, 19, 18, 1]


def test_persons_sex(ds: SyntheticDataset, seed_figures: dict[str, Any]) -> None:
    assert_close(ds.persons["sex"], seed_figures["adults_in_measures_2020"]["sex"], TOLERANCE)


def test_persons_exploitation(ds: SyntheticDataset, seed_figures: dict[str, Any]) -> None:
    assert_close(ds.persons["exploitation_category"],
                 seed_figures["adults_in_measures_2020"]["exploitation"], TOLERANCE)
    # The category column agrees with the detailed forms.
    assert (ds.persons["exploitation_forms"].map(exploitation_category)
            == ds.persons["exploitation_category"]).all()


def test_persons_region(ds: SyntheticDataset, seed_figures: dict[str, Any]) -> None:
    assert_close(ds.persons["region"], seed_figures["adults_in_measures_2020"]["region"], TOLERANCE)


def test_registrations_new_vs_continuing(ds: SyntheticDataset, seed_figures: dict[str, Any]) -> None:
    counts = seed_figures["adults_in_measures_2020"]["new_vs_continuing"]
    new = ds.registrations["new_in_year"].map({True: "new", False: "continuing"})
    assert_close(new, counts, TOLERANCE)


def test_registrations_follow_the_same_margins(ds: SyntheticDataset, seed_figures: dict[str, Any]) -> None:
    """What an organisation records (missing values aside) keeps the margins."""
    regs = ds.registrations
    adults = seed_figures["adults_in_measures_2020"]
    assert_close(regs.loc[regs["sex"] != "", "sex"], adults["sex"], 0.02)
    assert_close(regs.loc[regs["region"] != "", "region"], adults["region"], 0.02)
    forms = regs.loc[regs["exploitation_forms"] != "", "exploitation_forms"]
    assert_close(forms.map(exploitation_category), adults["exploitation"], 0.02)


def test_share_of_minors(ds: SyntheticDataset, seed_figures: dict[str, Any]) -> None:
    minors = seed_figures["minors_2016"]  # seed 003: 18 of 262
    assert abs(ds.persons["child"].mean() - minors["minors"] / minors["total"]) < 0.01


def test_women_mostly_sexual_men_mostly_labour(ds: SyntheticDataset) -> None:
    """Seed 003: most women in prostitution, most men in forced labour."""
    table = pd.crosstab(ds.persons["sex"], ds.persons["exploitation_category"], normalize="index")
    assert table.loc["F", "sexual"] > 0.6
    assert table.loc["M", "labour_services"] > 0.6


def test_region_depends_on_exploitation_but_margins_hold(ds: SyntheticDataset) -> None:
    """Women from Africa mostly in prostitution, Eastern Europeans more in forced labour
    (an assumption fitted to the seed's margins, which test_persons_region checks)."""
    table = pd.crosstab(ds.persons["exploitation_category"], ds.persons["region"],
                        normalize="index")
    assert table.loc["sexual", "africa"] > table.loc["labour_services", "africa"] + 0.15
    assert table.loc["labour_services", "eastern_europe"] > (
        table.loc["sexual", "eastern_europe"] + 0.15
    )
