"""docs/dataprotection.md stays true: every field of every model of every Henvis app
(a new app or model included) is classed in its table (and nothing else is), encrypted
fields are classed identifying or special, and the retention and legal-basis tables say
what the settings and data file say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from henvis.apps.cases.crypto import EncryptedJSONField, EncryptedTextField
from henvis.apps.dataprotection.legal_bases import bases
from henvis.apps.dataprotection.policy import DEFAULTS
from henvis.apps.organisations.models import OrganisationKind

DOC = Path(__file__).resolve().parents[4] / "docs" / "dataprotection.md"
# The apps whose models hold what the people using Henvis and the people it is about
# entrust to it: every app of the project, found rather than listed, so that a new app's
# models are walked too.
PERSON_APPS = ("cases", "referrals", "dataprotection", "training", "contacts", "removals", "notifications")


def _project_apps() -> list[str]:
    return [c.label for c in apps.get_app_configs() if c.name.startswith("henvis.")]
CATEGORIES = {"identifying", "special", "case", "pseudonymous", "staff", "none"}


def _doc() -> str:
    return DOC.read_text(encoding="utf-8")


def _classified() -> dict[str, str]:
    rows = re.findall(r"^\| `(\w+\.\w+)` \| (\w+) \|$", _doc(), re.M)
    assert len(rows) == len({name for name, _c in rows}), "a field is listed twice"
    return dict(rows)


def _fields() -> dict[str, object]:
    return {f"{model.__name__}.{field.name}": field
            for label in _project_apps() for model in apps.get_app_config(label).get_models()
            for field in model._meta.concrete_fields}


def test_every_field_is_classed_and_every_classed_field_exists() -> None:
    classified, fields = _classified(), _fields()
    assert sorted(set(fields) - set(classified)) == [], "fields missing from docs/dataprotection.md"
    assert sorted(set(classified) - set(fields)) == [], "docs/dataprotection.md lists fields that do not exist"
    assert set(classified.values()) <= CATEGORIES


def test_encrypted_fields_are_identifying_or_special() -> None:
    classified = _classified()
    encrypted = [name for name, field in _fields().items()
                 if isinstance(field, EncryptedTextField | EncryptedJSONField)]
    assert encrypted, "the walk found no encrypted field: it walks the wrong models"
    assert {name: classified[name] for name in encrypted if classified[name] not in ("identifying", "special")} == {}


def test_retention_table_gives_every_kind_its_default() -> None:
    rows = dict(re.findall(r"^\| `(\w+)` \| (\d+) \|", _doc(), re.M))
    assert {kind: int(days) for kind, days in rows.items() if kind in DEFAULTS} == {
        kind: period.days for kind, period in DEFAULTS.items()}
    assert set(settings.HENVIS_RETENTION) == set(DEFAULTS)


@pytest.mark.parametrize("kind", [k.value for k in OrganisationKind])
def test_legal_basis_table_matches_the_data_file(kind: str) -> None:
    basis = bases()[kind]
    row = re.search(rf"^\| {kind} \| (\w+) \| (yes|no) \|$", _doc(), re.M)
    assert row is not None, kind
    assert (row.group(1), row.group(2) == "yes") == (basis.basis, basis.erasure_on_request)


def test_the_walk_covers_every_project_app_with_models() -> None:
    labels = set(_project_apps())
    assert set(PERSON_APPS) <= labels
    assert {"accounts", "audit", "statistics", "organisations"} <= labels  # staff, the log, the extracts


def test_a_field_added_unlisted_fails_the_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check itself can fail: a field on a model that the table does not list."""
    from django.db import models

    from henvis.apps.cases.models import Person

    field = models.CharField(max_length=10, blank=True)
    field.set_attributes_from_name("nickname")
    monkeypatch.setattr(Person._meta, "concrete_fields", (*Person._meta.concrete_fields, field))
    missing = set(_fields()) - set(_classified())
    assert missing == {"Person.nickname"}
