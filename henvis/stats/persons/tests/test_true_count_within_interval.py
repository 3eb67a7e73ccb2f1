"""With the real linkage on synthetic data (known truth), the true unique-person count
of every year lies within the reported interval once the interval is calibrated on
validation data linked the same way (different synthetic populations)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from henvis.stats.persons import pseudonymised_extract, unique_persons, validate_extract
from henvis.stats.persons.calibration import ErrorModel, validation_errors

pytest.importorskip("henvis.linkage")

TEST_KEY = bytes(range(32))


def _link(registrations: pd.DataFrame) -> Any:
    from henvis.linkage import encode_frame, link_frames

    # A fixed test key keeps the run reproducible (the key changes the Bloom filters).
    return link_frames([encode_frame(registrations, TEST_KEY)], quiet=True)


@pytest.mark.slow
@pytest.mark.xfail(
    strict=False,
    reason="Known gap (issue 6): since the capped blocking keys, the linkage misses a few "
    "links at 300 persons and the calibrated interval leaves the truth outside in some "
    "years on some runs (linkage is not fully deterministic). Kept running so that it "
    "shows as XPASS/XFAIL rather than disappearing.",
)
def test_true_count_is_inside_the_calibrated_interval() -> None:
    from henvis.synthetic import generate

    validation = [generate(persons=300, seed=s) for s in (31, 32, 33, 34)]
    model = ErrorModel(tuple(validation_errors(lambda r: _link(r).clusters,
                                               [(d.registrations, d.truth) for d in validation])))
    for seed in (21, 22):
        ds = generate(persons=300, seed=seed)
        result = _link(ds.registrations)
        extract = validate_extract(pseudonymised_extract(ds.registrations))
        stats = unique_persons(extract, result.clusters, result.pairs,
                               samples=100, seed=1, error_model=model)
        truth = ds.registrations.merge(ds.truth, on="record_id").groupby("year")["person_id"].nunique()
        s = stats.summary.set_index("year")
        inside = (s.persons_low <= truth) & (truth <= s.persons_high)
        assert inside.all(), s.assign(truth=truth)[~inside][["persons", "persons_low", "persons_high", "truth"]]
        assert (s.persons_high - s.persons_low).max() < 0.25 * s.persons.max()  # not a useless interval
