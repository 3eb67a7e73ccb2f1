"""With the real linkage on synthetic data (known truth), the true unique-person count
lies within the reported interval once the interval is calibrated on validation data
linked the same way (eight other synthetic populations).

The report's interval is a 95 % interval for each figure: over the 20 test years, about
one year in twenty may fall outside it by design, so "every year inside" is checked at
the simultaneous level (Bonferroni, 1 - 0.05 / 20 per year), and the 95 % intervals
must cover at least 17 of the 20 years (4 or more misses has probability 1.6 % at the
stated level). Both can fail if the calibration is wrong; neither is met by luck alone."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd
import pytest

from henvis.stats.persons import pseudonymised_extract, unique_persons, validate_extract
from henvis.stats.persons.calibration import ErrorModel, validation_counts

TEST_KEY = bytes(range(32))
VALIDATION_SEEDS = range(31, 39)
TEST_SEEDS = (21, 22)


def _link(registrations: pd.DataFrame, seed: int) -> Any:
    from henvis.linkage import encode_frame, link_frames

    # A fixed key and a fixed BLIP-noise generator keep the run reproducible (both change
    # the Bloom filters); a different noise seed per population keeps them independent.
    encoded = encode_frame(registrations, TEST_KEY, rng=np.random.default_rng(seed))
    return link_frames([encoded], quiet=True)


@pytest.mark.slow
def test_true_count_is_inside_the_calibrated_interval() -> None:
    from henvis.synthetic import generate

    validation = [generate(persons=300, seed=s) for s in VALIDATION_SEEDS]
    seeds = iter(VALIDATION_SEEDS)
    model = ErrorModel.from_counts(validation_counts(lambda r: _link(r, next(seeds)).clusters,
                                                     [(d.registrations, d.truth) for d in validation]))
    years, inside_95, inside_joint = 0, 0, []
    for seed in TEST_SEEDS:
        ds = generate(persons=300, seed=seed)
        result = _link(ds.registrations, seed)
        extract = validate_extract(pseudonymised_extract(ds.registrations))
        truth = ds.registrations.merge(ds.truth, on="record_id").groupby("year")["person_id"].nunique()
        joint_level = 1 - 0.05 / (len(truth) * len(TEST_SEEDS))
        for level in (0.95, joint_level):
            stats = unique_persons(extract, result.clusters, result.pairs, samples=100, seed=1,
                                   error_model=replace(model, level=level))
            s = stats.summary.set_index("year")
            inside = (s.persons_low <= truth) & (truth <= s.persons_high)
            assert (s.persons_high - s.persons_low).max() < 0.25 * s.persons.max()  # not a useless interval
            if level == 0.95:
                years += len(inside)
                inside_95 += int(inside.sum())
            else:
                inside_joint.append(s.assign(truth=truth)[~inside][["persons", "persons_low", "persons_high", "truth"]])
    assert all(missed.empty for missed in inside_joint), inside_joint
    assert inside_95 >= years - 3, f"95 % intervals covered {inside_95} of {years} years"
