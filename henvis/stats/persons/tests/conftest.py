from __future__ import annotations

import pandas as pd
import pytest

from henvis.stats.persons import pseudonymised_extract, validate_extract


@pytest.fixture(scope="session")
def synthetic() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(registrations with the truth's person_id, validated extract, true clusters)."""
    from henvis.synthetic import generate

    ds = generate(persons=400, seed=7)
    regs = ds.registrations.merge(ds.truth, on="record_id", validate="one_to_one")
    extract = validate_extract(pseudonymised_extract(ds.registrations))
    clusters = regs[["record_id", "source", "person_id"]].assign(match_probability=1.0)
    return regs, extract, clusters
