"""The product's areas, each a Django app under henvis.apps. Areas plug their pages,
API router, menu entries and demo data in by providing the conventional modules."""

from __future__ import annotations

from datetime import date
from importlib import import_module
from importlib.util import find_spec
from typing import Any

AREAS = ("organisations", "accounts", "audit", "identification", "cases", "referrals", "statistics",
         "dataprotection",
         # Issue 18: reaching the victims the system still misses.
         "training", "contacts", "removals", "assistance")


def module_exists(name: str) -> bool:
    try:
        return find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def deadline_sections(request: Any, today: date) -> list[dict[str, Any]]:
    """Sections other areas add to the deadlines page: each area may provide
    ``henvis.apps.<area>.deadline_sections.sections(request, today)`` returning dicts with a
    ``template`` to include (with the dict as ``section``)."""
    out: list[dict[str, Any]] = []
    for area in AREAS:
        name = f"henvis.apps.{area}.deadline_sections"
        if module_exists(name):
            out.extend(import_module(name).sections(request, today))
    return out
