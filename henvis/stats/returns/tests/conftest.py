from __future__ import annotations

import pytest

from henvis.stats.persons import (
    PersonStatistics,
    pseudonymised_extract,
    unique_persons,
    validate_extract,
)


@pytest.fixture(scope="session")
def stats() -> PersonStatistics:
    from henvis.synthetic import generate

    ds = generate(persons=1500, seed=11)
    regs = ds.registrations.merge(ds.truth, on="record_id")
    extract = validate_extract(pseudonymised_extract(ds.registrations))
    clusters = regs[["record_id", "source", "person_id"]].assign(match_probability=1.0)
    return unique_persons(extract, clusters, samples=0)
