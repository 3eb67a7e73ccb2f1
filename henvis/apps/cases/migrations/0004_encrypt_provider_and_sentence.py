"""The name of another provider of a measure (a shelter, a lawyer: where the person may
be found) and the sentence in a criminal proceeding are free text about the person:
encrypted at rest like the offence. Existing plaintext values are encrypted in place."""

from __future__ import annotations

from typing import Any

from django.db import migrations

import henvis.apps.cases.crypto

COLUMNS = [("cases_measure", "provider_name"), ("cases_criminalproceeding", "sentence")]


def encrypt_existing(apps: Any, schema_editor: Any) -> None:
    from importlib import import_module

    import_module("henvis.apps.cases.migrations.0002_encrypt_offence").encrypt_existing(apps, schema_editor, COLUMNS)


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_alter_case_identified_by_kind")]

    operations = [
        migrations.AlterField(
            model_name="measure",
            name="provider_name",
            field=henvis.apps.cases.crypto.EncryptedTextField(blank=True, max_length=200, verbose_name="other provider"),
        ),
        migrations.AlterField(
            model_name="criminalproceeding",
            name="sentence",
            field=henvis.apps.cases.crypto.EncryptedTextField(blank=True, max_length=200, verbose_name="sentence"),
        ),
        migrations.RunPython(encrypt_existing, migrations.RunPython.noop),
    ]
