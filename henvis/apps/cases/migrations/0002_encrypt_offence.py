"""The offence a person is suspected of is free text about the person: encrypted at
rest like the other identifying fields. Existing plaintext values are encrypted in
place (raw SQL: the field class would try to decrypt them)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

import henvis.apps.cases.crypto

COLUMNS = [("cases_nonpunishmentassessment", "offence")]


def encrypt_existing(apps: Any, schema_editor: Any, columns: list[tuple[str, str]] = COLUMNS) -> None:
    from henvis.apps.cases.crypto import encrypt

    connection = schema_editor.connection
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, column in columns:
            cursor.execute(f"SELECT id, {quote(column)} FROM {quote(table)} WHERE {quote(column)} <> ''")  # noqa: S608
            for pk, value in cursor.fetchall():
                if value and not value.startswith("gAAAA"):
                    cursor.execute(f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE id = %s",  # noqa: S608
                                   [encrypt(value), pk])


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="nonpunishmentassessment",
            name="offence",
            field=henvis.apps.cases.crypto.EncryptedTextField(
                blank=True, max_length=200, verbose_name="offence the person is suspected of",
            ),
        ),
        migrations.RunPython(encrypt_existing, migrations.RunPython.noop),
    ]
