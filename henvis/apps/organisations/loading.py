"""Load the shipped organisations data file into the database (idempotent)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from henvis.apps.organisations.models import Organisation, OrganisationKind

DATA_FILE = Path(__file__).resolve().parents[2] / "catalogue" / "data" / "organisations.yaml"


def read_organisations(path: Path = DATA_FILE) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    entries: list[dict[str, Any]] = document["organisations"]
    kinds = set(OrganisationKind.values)
    for entry in entries:
        if entry["kind"] not in kinds:
            raise ValueError(f"{path.name}: unknown kind {entry['kind']!r} for {entry['slug']}")
        if not entry.get("source"):
            raise ValueError(f"{path.name}: {entry['slug']} cites no source")
    return entries


@transaction.atomic
def load_organisations(path: Path = DATA_FILE) -> int:
    """Create or update every organisation in the file; returns how many were written.
    Organisations an administrator added by hand are left alone."""
    entries = read_organisations(path)
    by_slug: dict[str, Organisation] = {}
    for entry in entries:
        fields = {
            key: entry.get(key, "") or ""
            for key in (
                "name", "name_en", "kind", "phone", "phone_note", "phone_note_en", "email", "web",
                "description", "description_en", "source",
            )
        }
        org, _ = Organisation.objects.update_or_create(slug=entry["slug"], defaults=fields)
        by_slug[org.slug] = org
    for entry in entries:
        parent = entry.get("parent")
        if parent:
            Organisation.objects.filter(slug=entry["slug"]).update(parent=by_slug[parent])
    return len(entries)
