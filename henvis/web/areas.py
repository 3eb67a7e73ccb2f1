"""The product's areas, each a Django app under henvis.apps. Areas plug their pages,
API router, menu entries and demo data in by providing the conventional modules."""

from __future__ import annotations

from importlib.util import find_spec

AREAS = ("organisations", "accounts", "audit", "identification", "cases", "referrals", "statistics",
         # Issue 18: reaching the victims the system still misses.
         "training", "contacts", "removals")


def module_exists(name: str) -> bool:
    try:
        return find_spec(name) is not None
    except ModuleNotFoundError:
        return False
