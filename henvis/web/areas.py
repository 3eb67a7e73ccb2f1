"""The product's areas: one Django app each under henvis.apps, all always installed.
This is the one list of them (settings, root URLs, API and demo data follow it)."""

from __future__ import annotations

AREAS = ("organisations", "accounts", "audit", "identification", "cases", "referrals", "statistics")

# Areas whose pages name their own top-level prefixes (e.g. "cases/", "screening/"); the
# others are mounted under their name in henvis/web/urls.py.
PAGES_AT_ROOT = ("identification", "cases", "referrals", "statistics")

# Areas with an API router (henvis/web/api.py); identification's sits at the API root.
# (A new ``apps/<area>/api.py`` is mounted only once its area is named here.)
API_AREAS = ("organisations", "identification", "cases", "referrals", "statistics")

# Areas with menu entries (``nav.nav_items(request)``, henvis/web/context.py), in menu order.
NAV_AREAS = ("identification", "cases", "referrals", "statistics")

# Areas with demo data (``demo.load(persons, seed)``), in the order they are loaded.
DEMO_AREAS = ("cases", "statistics")
