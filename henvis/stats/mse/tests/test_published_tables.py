"""Every published table shipped with the package gives a finite, sensible estimate.

The figures themselves are documented in docs/mse.md; here we pin what must hold for any
correct estimator: finite, above the observed count, interval around the estimate, and
the model terms are pairs of the table's lists.
"""

from __future__ import annotations

import math

import pytest

from henvis.stats.mse import estimate_population
from henvis.stats.mse.tests.conftest import DATA, published

TABLES = sorted(p.stem for p in DATA.glob("*.csv"))


def test_all_seven_tables_are_shipped() -> None:
    assert len(TABLES) == 7


@pytest.mark.parametrize("name", TABLES)
def test_table_gives_finite_estimate(name: str) -> None:
    table = published(name)
    result = estimate_population(table, bootstrap=0)
    assert result.observed == int(table["count"].sum())
    assert math.isfinite(result.estimate)
    assert result.observed < result.estimate < 50 * result.observed
    assert result.ci95_low is not None and result.ci95_high is not None
    assert result.ci95_low < result.estimate < result.ci95_high
    lists = set(table.columns) - {"count"}
    for term in result.interactions:
        a, b = term.split(":")
        assert a in lists and b in lists and a != b


def test_small_table_bootstrap_is_finite() -> None:
    # The western-site table (345 persons, sparse overlaps): replicates must still work.
    result = estimate_population(published("us_western_site_five_lists"), bootstrap=30, seed=2,
                                 progress=False)
    assert result.ci95_low is not None and result.ci95_low < result.estimate
