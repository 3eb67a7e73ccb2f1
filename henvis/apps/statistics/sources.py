"""The statistics unit's data as the pure core wants it: registry figures, person
statistics from the newest extract, and the report inputs of a year.

``load_database_source(year)`` is what ``henvis report --source database`` calls.
"""

from __future__ import annotations

import io
import threading

from django.http import Http404

from henvis.apps.statistics.models import PersonExtract, RegistryImport
from henvis.stats.disclosure import DisclosureRule
from henvis.stats.persons import (
    PersonStatistics,
    person_tables,
    read_clusters,
    read_extract,
    read_pairs,
    unique_persons,
)
from henvis.stats.persons.year_release import YearRelease, year_release
from henvis.stats.registry import RegistryDataset
from henvis.stats.report.inputs import ReportInputs

SAMPLES = 50  # linkage samples behind the intervals shown in the app
_cache: dict[tuple[tuple[int, str], int], PersonStatistics] = {}
_lock = threading.Lock()


def registry_dataset() -> RegistryDataset:
    """Every registry import, applied in order (a newer import replaces its years)."""
    dataset = RegistryDataset(label="database")
    for item in RegistryImport.objects.all():
        dataset = dataset.with_files({item.filename: item.content})
    return dataset


def current_extract() -> PersonExtract | None:
    return PersonExtract.objects.first()


def extract_or_404() -> PersonExtract:
    """The current extract for a page or download that shows nothing without one (404)."""
    extract = current_extract()
    if extract is None:
        raise Http404
    return extract


def compute_statistics(extract_csv: str, clusters_csv: str, pairs_csv: str = "", *,
                       samples: int = 0, seed: int = 0) -> PersonStatistics:
    """Validate the three files and count; raises ``henvis.stats.persons.InputError``."""
    extract = read_extract(io.StringIO(extract_csv), name="extract")
    clusters = read_clusters(io.StringIO(clusters_csv), name="clusters")
    pairs = read_pairs(io.StringIO(pairs_csv), name="pairs") if pairs_csv.strip() else None
    return unique_persons(extract, clusters, pairs, samples=samples, seed=seed)


def person_statistics(extract: PersonExtract, samples: int = SAMPLES) -> PersonStatistics:
    """Statistics of a stored extract, computed once per process."""
    key = (extract_identity(extract), samples)
    with _lock:
        if key not in _cache:
            _cache.clear()  # keep only the current extract in memory
            _cache[key] = compute_statistics(extract.extract_csv, extract.clusters_csv, extract.pairs_csv,
                                             samples=samples)
        return _cache[key]


def years_with_data(extract: PersonExtract | None) -> list[int]:
    """The years a report or return can be made for: registry figures, or registrations
    of persons in the newest extract (``ReportInputs.has_figures``, the CLI's rule)."""
    from henvis.stats.report.inputs import years_with_figures

    persons = set(person_statistics(extract).years) if extract is not None else set()
    return sorted(years_with_figures(registry_dataset()) | persons)


def load_database_source(year: int) -> ReportInputs:
    """ReportInputs for ``year``: registry imports, and the person tables, summary and
    capture histories of the newest extract when there is one (with the year's release
    that the page and the returns show, protected once per process)."""
    dataset = registry_dataset()
    extract = current_extract()
    if extract is None:
        return ReportInputs(dataset, "Henvis (database)")
    stats = person_statistics(extract)
    has_year = year in stats.years
    return ReportInputs(
        dataset=dataset,
        label=f"Henvis (database): {extract.label}",
        person_frames=person_tables(stats, year) if has_year else None,
        person_summary=stats.summary,
        capture=stats.capture_histories(year, samples=True) if has_year else None,
        person_stats=stats,
        shared_release=year_release_for(extract, year) if has_year else None,
    )


_releases: dict[tuple[tuple[int, str], int], YearRelease] = {}


def extract_identity(extract: PersonExtract) -> tuple[int, str]:
    """An extract's cache key: its id with its upload time, because a database can give a
    deleted extract's id to a new one (SQLite does)."""
    return extract.pk, extract.uploaded_at.isoformat() if extract.uploaded_at else ""


def year_release_for(extract: PersonExtract, year: int) -> YearRelease:
    """The protected person tables of ``year`` under the default rule, computed once per
    process: the page, the report and the returns all show these same cells (protecting
    a year takes seconds, and the figures change only with a new extract)."""
    stats = person_statistics(extract)
    key = (extract_identity(extract), year)
    with _lock:
        if key not in _releases:
            if any(k[0] != key[0] for k in _releases):
                _releases.clear()  # keep only the current extract's years
            _releases[key] = year_release(stats, year, DisclosureRule())
        return _releases[key]
