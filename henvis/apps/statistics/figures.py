"""Figures, charts and the dark figure of an extract, computed once per import and kept
in the shared "figures" cache (Redis, or a database table), so that every worker of
every process serves them without computing them again.

A key names the extract by its id and upload time (``sources.extract_identity``), so
a new import never sees an older one's figures and nothing needs deleting: old entries
simply stop being asked for. While one worker computes a value the others wait for it
instead of computing it too (a lock entry added with ``cache.add``)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from henvis.apps.statistics.models import PersonExtract
from henvis.apps.statistics.sources import extract_identity, person_statistics, year_release_for
from henvis.stats.disclosure import DisclosureRule
from henvis.stats.persons.output import released_summary

RULE = DisclosureRule()
ALIAS = "figures"
LOCK_SECONDS = 300  # longest a computation may hold the lock (a year's dark figure: seconds)
T = TypeVar("T")

TABLE_TITLES = {
    "sex-child": gettext_lazy("Persons by sex and child/adult"),
    "region": gettext_lazy("Persons by region of origin"),
    "citizenship": gettext_lazy("Persons by citizenship"),
    "exploitation_form": gettext_lazy("Persons by form of exploitation (a person may have several)"),
    "organisation_kind": gettext_lazy("Persons by registering organisation kind (a person may be registered by several)"),
    "organisations-per-person": gettext_lazy("Persons by number of organisations that registered them"),
}


def _key(extract: PersonExtract, *parts: object) -> str:
    pk, uploaded = extract_identity(extract)
    return ":".join(["henvis", "figures", str(pk), uploaded, *(str(p) for p in parts)]).replace(" ", "_")


def shared(key: str, compute: Callable[[], T]) -> T:
    """The value under ``key`` in the shared cache, computed by one worker only."""
    cache = caches[ALIAS]
    value = cache.get(key)
    if value is not None:
        return value  # type: ignore[no-any-return]
    lock = f"{key}:computing"
    deadline = time.monotonic() + LOCK_SECONDS
    while not cache.add(lock, 1, timeout=LOCK_SECONDS):
        # another worker computes it: wait for its result rather than compute it twice
        time.sleep(0.1)
        value = cache.get(key)
        if value is not None:
            return value  # type: ignore[no-any-return]
        if time.monotonic() > deadline:
            break  # its worker died; compute it here
    try:
        value = cache.get(key)  # finished between our read and taking the lock
        if value is None:
            value = compute()
            cache.set(key, value, timeout=None)
        return value  # type: ignore[no-any-return]
    finally:
        cache.delete(lock)


def page_figures(extract: PersonExtract, year: int) -> dict[str, Any]:
    """What the figures page shows for ``year``: the yearly summary and the protected
    tables (the cells the report and the returns show too), as plain lists."""
    def compute() -> dict[str, Any]:
        stats = person_statistics(extract)
        protected = year_release_for(extract, year).page
        return {
            "samples": stats.samples,
            "summary": released_summary(stats, RULE).to_dict("records"),
            "tables": [
                {"name": name, "header": [t.values.index.name or "", *t.values.columns],
                 "rows": [[label, *row] for label, row in
                          zip(t.display().index, t.display().to_numpy().tolist(), strict=True)]}
                for name, t in protected.items()
            ],
        }

    return shared(_key(extract, "page", year), compute)


def chart_png(extract: PersonExtract) -> bytes:
    """Persons per year (with the linkage interval) against the sum over organisations,
    in the active language; drawn once per extract and language."""
    def draw() -> bytes:
        from henvis.stats.report.charts import persons_per_year

        return persons_per_year(person_statistics(extract).summary, RULE,
                                registrations_label=_("Sum over organisations"),
                                persons_label=_("Unique persons (95 per cent linkage interval)"))

    return shared(_key(extract, "chart", translation.get_language() or settings.LANGUAGE_CODE), draw)


def dark_figure_for(extract: PersonExtract, year: int) -> Any:
    """The year's multiple systems estimate, pooled over the linkage samples so that its
    interval includes linkage errors."""
    def compute() -> Any:
        from henvis.stats.report import dark_figure

        return dark_figure(person_statistics(extract).capture_histories(year, samples=True), bootstrap=100, seed=0)

    return shared(_key(extract, "dark", year), compute)


def persons_of_year(extract: PersonExtract, year: int) -> int:
    """Unique persons of ``year`` by the linkage's own clustering (before protection)."""
    def compute() -> int:
        return int(person_statistics(extract).summary.set_index("year").loc[year, "persons"])

    return shared(_key(extract, "persons", year), compute)


def warm(extract: PersonExtract) -> None:
    """Compute what the figures page shows (every year, and the chart in each language)
    right after an import, so that no page view waits for it: protecting a year takes
    seconds, the first opening of any year then only reads the shared cache. The dark
    figures (a model search per bootstrap replicate) are computed when first asked for,
    by one worker, and then served to all."""
    for year in sorted(int(y) for y in extract.years):
        page_figures(extract, year)
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            chart_png(extract)
