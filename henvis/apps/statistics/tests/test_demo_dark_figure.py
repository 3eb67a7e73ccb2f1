"""The demo's dark-figure page on a normal year never tells the reader that the point
estimate lies outside nearly all bootstrap estimates (issue #14 item 3: the linkage
samples and the point come from one model, so they agree). Built as `henvis demo` builds
its extract: the demo's persons and seed, linked by the demo's seeded linkage, the app's
number of linkage samples, the page's bootstrap."""

from __future__ import annotations

from typing import Any

import pytest

from henvis.apps.statistics import demo
from henvis.apps.statistics.sources import SAMPLES, compute_statistics

# the notice of henvis.stats.mse.estimate._bootstrap_notices ("bca_clipped"), in English
OUTSIDE = "The point estimate lies outside nearly all bootstrap estimates"


@pytest.fixture(scope="module")
def demo_statistics() -> Any:
    from henvis.stats.persons import pseudonymised_extract
    from henvis.synthetic import generate

    ds = generate(persons=300, seed=1)  # `henvis demo`'s defaults
    clusters, pairs = demo.demo_linkage(ds.registrations, seed=1)
    return compute_statistics(pseudonymised_extract(ds.registrations).to_csv(index=False),
                              clusters.to_csv(index=False), pairs.to_csv(index=False), samples=SAMPLES)


@pytest.mark.slow
@pytest.mark.parametrize("year", [2020, 2025])  # the year the issue saw the warning in; the newest
def test_the_demo_dark_figure_never_says_the_point_lies_outside_the_bootstrap(demo_statistics: Any, year: int) -> None:
    from henvis.stats.report import dark_figure

    # as henvis.apps.statistics.figures.dark_figure_for computes the page's figure
    dark = dark_figure(demo_statistics.capture_histories(year, samples=True), bootstrap=100, seed=0)
    assert dark.estimate is not None, dark.refusal_en
    assert dark.linkage_samples > 1  # pooled over linkage samples, as the page is
    assert not [w for w in dark.model_warnings_in("en") if OUTSIDE in w]
    assert dark.ci95_low is not None and dark.ci95_high is not None
    assert dark.ci95_low <= dark.estimate <= dark.ci95_high
