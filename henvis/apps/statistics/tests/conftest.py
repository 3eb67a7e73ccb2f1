from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest
from django.test import Client


@pytest.fixture(scope="session")
def synthetic_files() -> dict[str, Any]:
    """A synthetic population's extract (no names) and true clusters, as CSV text, and the
    names the organisations hold (which must never show)."""
    from henvis.stats.persons import pseudonymised_extract
    from henvis.synthetic import generate

    ds = generate(persons=300, seed=5)
    regs = ds.registrations
    clusters = regs[["record_id", "source"]].merge(ds.truth, on="record_id").assign(match_probability=1.0)
    names = set(regs["given_name"].str.split().explode()) | set(regs["family_name"].str.split().explode())
    return {
        "extract": pseudonymised_extract(regs).to_csv(index=False),
        "clusters": clusters.to_csv(index=False),
        "registrations": regs,
        "truth": ds.truth,
        "names": {n for n in names if isinstance(n, str) and len(n) >= 5},
    }


@pytest.fixture
def client_for(make_user: Callable[..., Any]) -> Callable[[list[str]], Client]:
    def make(roles: list[str]) -> Client:
        name = "u-" + "-".join(roles)
        user = make_user(name, roles=roles, org="kom")
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def stored_extract(db: Any, synthetic_files: dict[str, Any]) -> Any:
    from henvis.apps.statistics.models import PersonExtract

    extract = pd.read_csv(io.StringIO(synthetic_files["extract"]))
    return PersonExtract.objects.create(
        label="synthetic", extract_csv=synthetic_files["extract"], clusters_csv=synthetic_files["clusters"],
        records=len(extract), years=sorted(extract["year"].unique().tolist()),
    )
