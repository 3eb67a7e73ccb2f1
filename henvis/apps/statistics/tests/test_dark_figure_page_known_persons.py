"""The dark-figure page's known persons and the figures page's unique persons: one
number when the estimate counts the linkage's own persons; otherwise the page says what
each counts, in the reader's language."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from html import unescape
from typing import Any

import pandas as pd
import pytest
from django.test import Client


def _main(response: Any) -> str:
    html = response.content.decode()
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html[html.index('<main id="main">'):html.index("</main>")])).split())


@pytest.fixture
def uncertain_extract(db: Any, synthetic_files: dict[str, Any]) -> Iterator[Any]:
    """The fixtures' extract with every link only 80 % sure: its linkage samples split
    persons apart, so the estimate's known persons are not the clustering's count."""
    from henvis.apps.statistics import sources
    from henvis.apps.statistics.models import PersonExtract

    def forget() -> None:
        # the process cache of the statistics is keyed by extract id and upload time;
        # the shared figures cache lives in the test database and is rolled back
        sources._cache.clear()

    forget()
    extract = pd.read_csv(io.StringIO(synthetic_files["extract"]))
    clusters = pd.read_csv(io.StringIO(synthetic_files["clusters"])).assign(match_probability=0.8)
    yield PersonExtract.objects.create(
        label="uncertain", extract_csv=synthetic_files["extract"], clusters_csv=clusters.to_csv(index=False),
        records=len(extract), years=sorted(extract["year"].unique().tolist()),
    )
    forget()


def _figures(extract: Any, year: int) -> tuple[int, Any]:
    from henvis.apps.statistics.figures import dark_figure_for
    from henvis.apps.statistics.sources import person_statistics

    persons = int(person_statistics(extract).summary.set_index("year").loc[year, "persons"])
    return persons, dark_figure_for(extract, year)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nb", "en"])
def test_page_says_what_each_count_counts_when_they_differ(
    client_for: Callable[[list[str]], Client], uncertain_extract: Any, language: str,
) -> None:
    client = client_for(["analyst"])
    client.post("/i18n/setlang/", {"language": language, "next": "/statistics/dark-figure/"})
    year = max(uncertain_extract.years)
    response = client.get(f"/statistics/dark-figure/?year={year}")
    if 'id="estimate"' not in response.content.decode():
        pytest.skip("the fixture's table does not support an estimate")
    persons, dark = _figures(uncertain_extract, year)
    assert dark.observed != persons, "the fixture should make the samples' count differ"
    text = _main(response)
    if language == "en":
        assert f"The figures page counts {persons} unique persons in {year}" in text
        assert "the known persons above are the median of their counts" in text
    else:
        assert f"Tallsiden teller {persons} unike personer i {year}" in text
        assert "de kjente personene over er medianen av antallene deres" in text


@pytest.mark.django_db
def test_no_explanation_when_they_agree(client_for: Callable[[list[str]], Client], stored_extract: Any) -> None:
    year = max(stored_extract.years)
    response = client_for(["analyst"]).get(f"/statistics/dark-figure/?year={year}")
    persons, dark = _figures(stored_extract, year)
    assert dark.observed == persons  # links that are certain: the samples are the clustering
    assert 'id="known-persons"' not in response.content.decode()
