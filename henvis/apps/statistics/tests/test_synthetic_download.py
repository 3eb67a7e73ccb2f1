"""The public synthetic microdata download (issue 18 item 5): analysts only, the budget in
the file, and one release per extract and year (a second download is the same file, so
the budget is not spent twice)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from django.test import Client, override_settings


@pytest.mark.django_db
def test_analyst_downloads_one_release_per_year(client_for: Callable[[list[str]], Client], stored_extract: Any,
                                                tmp_path: Path) -> None:
    year = max(stored_extract.years)
    with override_settings(VAR_DIR=tmp_path, HENVIS_SYNTHETIC_EPSILON=1.0):
        client = client_for(["analyst"])
        first = client.get(f"/statistics/synthetic.csv?year={year}")
        assert first.status_code == 200 and first["Content-Type"].startswith("text/csv")
        text = first.content.decode()
        assert "# epsilon: 1.0" in text
        rows = pd.read_csv(io.StringIO(text), comment="#")
        assert list(rows.columns) == ["year", "sex", "age_group", "citizenship_group", "form_group"]
        assert set(rows["year"]) <= {year}
        again = client.get(f"/statistics/synthetic.csv?year={year}")
        assert again.content == first.content
        assert client.get("/statistics/synthetic.csv?year=1900").status_code == 404


@pytest.mark.django_db
def test_only_analysts_download(client_for: Callable[[list[str]], Client], stored_extract: Any) -> None:
    client = client_for(["coordinator"])
    assert client.get("/statistics/synthetic.csv").status_code in (302, 403)
