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


@pytest.fixture(scope="session")
def suppressed_year(stats: PersonStatistics) -> int:
    """The largest year whose release is protected by suppression, so that it has
    withheld cells to check. (A year with 1 or 2 children of unknown sex is rounded
    instead: suppression would have to hide men or women, docs/returns.md.)"""
    from henvis.stats.persons.year_release import year_release

    for year in sorted(stats.years, key=lambda y: -len(stats.person_facts(y))):
        if year_release(stats, year).method == "suppression":
            return int(year)
    pytest.fail("no year of the synthetic data is protected by suppression")
