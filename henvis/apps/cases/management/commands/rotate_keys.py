"""``henvis manage rotate_keys``: re-encrypt every encrypted field with the newest key
of HENVIS_FIELD_KEYS and rebuild the blind indexes. Safe to re-run; one transaction
per model so that a failure leaves no half-rotated table."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, models, transaction
from tqdm import tqdm

from henvis.apps.cases.crypto import EncryptedJSONField, EncryptedTextField, rotate


def encrypted_fields(model: type[models.Model]) -> list[str]:
    return [
        str(f.column) for f in model._meta.concrete_fields
        if isinstance(f, EncryptedTextField | EncryptedJSONField)
    ]


def rotate_model(model: type[models.Model]) -> int:
    """Rotate the raw tokens of one model's encrypted columns; returns rows changed."""
    columns = encrypted_fields(model)
    if not columns:
        return 0
    table = model._meta.db_table
    pk = str(model._meta.pk.column)  # type: ignore[union-attr]
    changed = 0
    with transaction.atomic():
        # Raw values (tokens), not decrypted ones: .values() would go through from_db_value.
        with connection.cursor() as cursor:
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT {connection.ops.quote_name(pk)}, {quoted} FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows = cursor.fetchall()
        for row in tqdm(rows, desc=table, unit="row", disable=None):
            new = {c: (rotate(v) if v else v) for c, v in zip(columns, row[1:], strict=True)}
            if any(new[c] != v for c, v in zip(columns, row[1:], strict=True)):
                with connection.cursor() as cursor:
                    sets = ", ".join(f"{connection.ops.quote_name(c)} = %s" for c in columns)
                    cursor.execute(
                        f"UPDATE {connection.ops.quote_name(table)} SET {sets} WHERE {connection.ops.quote_name(pk)} = %s",  # noqa: S608
                        [*new.values(), row[0]],
                    )
                changed += 1
    return changed


class Command(BaseCommand):
    help = "Re-encrypt identifying fields with the newest key and rebuild the blind indexes."

    def handle(self, *args: Any, **options: Any) -> None:
        from henvis.apps.cases.models import Person

        for model in apps.get_models():
            if model.__module__.startswith("henvis."):
                count = rotate_model(model)
                if count:
                    self.stdout.write(f"{model._meta.label}: {count} rows re-encrypted")
        # The index key may derive from the newest field key: rebuild from the plaintext.
        with transaction.atomic():
            persons = list(Person.objects.all())
            for person in tqdm(persons, desc="blind indexes", unit="person", disable=None):
                person.rebuild_index()
        self.stdout.write(f"blind indexes rebuilt for {len(persons)} persons")
