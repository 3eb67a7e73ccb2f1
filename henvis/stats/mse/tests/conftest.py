"""Shared fixtures: the published capture-history tables shipped with the package."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pandas as pd
import pytest

DATA = Path(str(files("henvis.stats.mse") / "data"))


def published(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / f"{name}.csv")


@pytest.fixture
def uk_five() -> pd.DataFrame:
    return published("uk_2013_five_lists")


@pytest.fixture
def uk_six() -> pd.DataFrame:
    return published("uk_2013_six_lists")
