"""The product's areas: one Django app each under henvis.apps, all always installed.
This is the one list of them (settings, root URLs, API and demo data follow it)."""

from __future__ import annotations

from datetime import date
from importlib import import_module
from typing import Any

AREAS = ("organisations", "accounts", "audit", "identification", "cases", "referrals", "statistics",
         "dataprotection",
         # Issue 18: reaching the victims the system still misses.
         "training", "contacts", "removals", "assistance",
         # Issue 15 item 3: the inbox (a header link, not a menu entry) and the job runner.
         "notifications")

# Areas whose pages name their own top-level prefixes (e.g. "cases/", "screening/"); the
# others are mounted under their name in henvis/web/urls.py.
PAGES_AT_ROOT = ("identification", "cases", "referrals", "statistics", "dataprotection", "training", "contacts",
                 "removals", "assistance", "notifications")

# Areas with an API router (henvis/web/api.py); identification's sits at the API root.
# (A new ``apps/<area>/api.py`` is mounted only once its area is named here.)
API_AREAS = ("organisations", "identification", "cases", "referrals", "statistics")

# Areas with menu entries (``nav.nav_items(request)``, henvis/web/context.py), in menu order.
NAV_AREAS = ("identification", "cases", "referrals", "statistics", "dataprotection", "training", "contacts",
             "removals")

# Areas with demo data (``demo.load(persons, seed)``), in the order they are loaded.
DEMO_AREAS = ("cases", "statistics")

# Areas that add a section to the deadlines page (``deadline_sections.sections(request, today)``).
DEADLINE_AREAS = ("removals", "assistance")


def deadline_sections(request: Any, today: date) -> list[dict[str, Any]]:
    """Sections other areas add to the deadlines page: each returns dicts with a
    ``template`` to include (with the dict as ``section``)."""
    out: list[dict[str, Any]] = []
    for area in DEADLINE_AREAS:
        out.extend(import_module(f"henvis.apps.{area}.deadline_sections").sections(request, today))
    return out
