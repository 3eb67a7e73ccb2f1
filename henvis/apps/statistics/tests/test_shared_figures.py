"""Figures, charts and the dark figure are computed once per import and kept in the
shared figures cache: a worker that never computed them (a fresh process) serves them
without computing anything, and a chart is drawn once per language."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from henvis.apps.statistics import figures, sources
from henvis.apps.statistics.models import PersonExtract

pytestmark = pytest.mark.django_db


class Counter:
    """Counts the calls of the expensive steps: counting persons, protecting a year,
    estimating a dark figure and drawing a chart."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import matplotlib.figure

        self.calls: dict[str, int] = {"persons": 0, "release": 0, "dark": 0, "chart": 0}
        for name, owner, attr in (("persons", sources, "unique_persons"), ("release", sources, "year_release"),
                                  ("chart", matplotlib.figure.Figure, "savefig")):
            monkeypatch.setattr(owner, attr, self._wrap(name, getattr(owner, attr)))
        import henvis.stats.report as report

        monkeypatch.setattr(report, "dark_figure", self._wrap("dark", report.dark_figure))

    def _wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] += 1
            return function(*args, **kwargs)

        return counted

    def total(self) -> int:
        return sum(self.calls.values())


def _new_process() -> None:
    """What a worker that has served nothing yet holds in memory: nothing."""
    sources._cache.clear()
    sources._releases.clear()


@pytest.fixture
def analyst(client_for: Callable[[list[str]], Client]) -> Iterator[Client]:
    _new_process()
    yield client_for(["analyst"])
    _new_process()


def _import(client: Client, files: dict[str, Any], capture: Any) -> PersonExtract:
    with capture(execute=True):  # the import's on-commit step runs as after a real commit
        response = client.post("/statistics/imports/", {
            "kind": "extract", "extract-label": "shared figures",
            "extract-extract": SimpleUploadedFile("extract.csv", files["extract"].encode(), content_type="text/csv"),
            "extract-clusters": SimpleUploadedFile("clusters.csv", files["clusters"].encode(), content_type="text/csv"),
        })
    assert response.status_code == 302
    return PersonExtract.objects.get()


def _views(client: Client, extract: PersonExtract, *, dark: bool = True) -> None:
    assert client.get("/statistics/").status_code == 200  # the newest year
    if dark:
        assert client.get(f"/statistics/dark-figure/?year={max(extract.years)}").status_code == 200
    for language in ("nb", "en"):
        client.post("/i18n/setlang/", {"language": language})
        chart = client.get("/statistics/chart/persons.png")
        assert chart.status_code == 200 and chart.content.startswith(b"\x89PNG")


def test_import_computes_once_and_a_fresh_worker_computes_nothing(
        analyst: Client, synthetic_files: dict[str, Any], monkeypatch: pytest.MonkeyPatch,
        django_capture_on_commit_callbacks: Any) -> None:
    counter = Counter(monkeypatch)
    extract = _import(analyst, synthetic_files, django_capture_on_commit_callbacks)
    assert counter.calls["chart"] == 2  # nb and en, once each
    assert counter.calls["release"] == len(extract.years)  # every year, computed on import
    before = dict(counter.calls)
    _new_process()
    _views(analyst, extract, dark=False)
    for year in extract.years:  # the first opening of any year, not only the newest
        assert analyst.get(f"/statistics/?year={year}").status_code == 200
    assert counter.calls == before  # the first page views are served from the shared cache


def test_figures_computed_by_one_worker_serve_the_others(
        analyst: Client, stored_extract: PersonExtract, monkeypatch: pytest.MonkeyPatch) -> None:
    counter = Counter(monkeypatch)
    _views(analyst, stored_extract)  # no import step ran: the first views compute
    assert counter.calls["persons"] == 1 and counter.calls["chart"] == 2 and counter.calls["dark"] == 1
    first = counter.total()
    _new_process()  # another worker
    _views(analyst, stored_extract)
    assert counter.total() == first


def test_a_new_extract_gets_its_own_figures(analyst: Client, stored_extract: PersonExtract,
                                            synthetic_files: dict[str, Any]) -> None:
    year = max(stored_extract.years)
    old = figures.page_figures(stored_extract, year)
    clusters = "\n".join(synthetic_files["clusters"].splitlines()[:1] + [
        line for line in synthetic_files["clusters"].splitlines()[1:]])
    newer = PersonExtract.objects.create(
        label="newer", extract_csv=synthetic_files["extract"], clusters_csv=clusters.replace(",1.0", ",0.6"),
        records=stored_extract.records, years=stored_extract.years)
    assert figures._key(newer, "page", year) != figures._key(stored_extract, "page", year)
    assert figures.page_figures(newer, year)["summary"] != old["summary"]
