"""The UK 2013 tables give the reference implementation's published figures.

Reference: SparseMSE 2.0.1, ``estimatepopulation.0(z, method="stepwise", pthresh=0.02)``
(Chan, Silverman and Vincent 2021), as quoted in issue 7; the Home Office range is from
Silverman (2014). These constants come from the reference, not from this code.
"""

from __future__ import annotations

import pandas as pd
import pytest

from henvis.stats.mse import estimate_population

UK_OBSERVED = 2744
UK_FIVE_REFERENCE = 11313.0
UK_FIVE_REFERENCE_WALD = (9884.0, 13027.0)
UK_FIVE_INTERACTIONS = ["LA:NG", "NG:GP", "PFNCA:GP", "LA:PFNCA", "GO:GP", "NG:GO"]
UK_SIX_REFERENCE = 11418.0
HOME_OFFICE_RANGE = (10_000, 13_000)


def test_five_list_point_estimate_matches_reference(uk_five: pd.DataFrame) -> None:
    result = estimate_population(uk_five, bootstrap=0)
    assert result.observed == UK_OBSERVED
    assert result.estimate == pytest.approx(UK_FIVE_REFERENCE, rel=0.01)
    assert HOME_OFFICE_RANGE[0] <= result.estimate <= HOME_OFFICE_RANGE[1]


def test_five_list_model_is_the_reference_model_in_its_order(uk_five: pd.DataFrame) -> None:
    result = estimate_population(uk_five, bootstrap=0)
    assert result.interactions == UK_FIVE_INTERACTIONS


def test_five_list_model_based_interval_matches_reference(uk_five: pd.DataFrame) -> None:
    result = estimate_population(uk_five, bootstrap=0)
    assert result.ci95_low == pytest.approx(UK_FIVE_REFERENCE_WALD[0], rel=0.01)
    assert result.ci95_high == pytest.approx(UK_FIVE_REFERENCE_WALD[1], rel=0.01)


def test_six_list_point_estimate_matches_reference(uk_six: pd.DataFrame) -> None:
    result = estimate_population(uk_six, bootstrap=0)
    assert result.observed == UK_OBSERVED
    assert result.estimate == pytest.approx(UK_SIX_REFERENCE, rel=0.01)
    assert HOME_OFFICE_RANGE[0] <= result.estimate <= HOME_OFFICE_RANGE[1]


def test_main_effects_only_when_threshold_is_zero(uk_five: pd.DataFrame) -> None:
    result = estimate_population(uk_five, bootstrap=0, pthresh=0.0)
    assert result.interactions == []
    assert result.estimate != pytest.approx(UK_FIVE_REFERENCE, rel=0.01)
