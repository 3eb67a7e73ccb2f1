from __future__ import annotations

import pandas as pd
import pytest

from henvis.linkage.schema import INPUT_COLUMNS

KEY = b"test-only shared key, 32 bytes!!"
OTHER_KEY = b"another organisation's own key!!"


def records(rows: list[dict[str, str]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    for col in INPUT_COLUMNS:
        if col not in frame:
            frame[col] = ""
    return frame[list(INPUT_COLUMNS) + [c for c in frame.columns if c not in INPUT_COLUMNS]]


@pytest.fixture(scope="session")
def synthetic_small() -> tuple[pd.DataFrame, pd.DataFrame]:
    from henvis.synthetic import generate

    ds = generate(300, 11)
    return ds.registrations, ds.truth
