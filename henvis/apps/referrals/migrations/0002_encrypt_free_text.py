"""Free text about the person in consents, referrals and transfers (what may be shared,
the reason for declining, the reason for a transfer) is encrypted at rest like the
referral message. Existing plaintext values are encrypted in place."""

from __future__ import annotations

from typing import Any

from django.db import migrations

import henvis.apps.cases.crypto

COLUMNS = [
    ("referrals_consent", "scope"),
    ("referrals_referral", "decline_reason"),
    ("referrals_ownershiptransfer", "reason"),
]


def encrypt_existing(apps: Any, schema_editor: Any) -> None:
    from importlib import import_module

    import_module("henvis.apps.cases.migrations.0002_encrypt_offence").encrypt_existing(apps, schema_editor, COLUMNS)


class Migration(migrations.Migration):
    dependencies = [("referrals", "0001_initial"), ("cases", "0002_encrypt_offence")]

    operations = [
        migrations.AlterField(
            model_name="consent",
            name="scope",
            field=henvis.apps.cases.crypto.EncryptedTextField(blank=True, max_length=200, verbose_name="what may be shared"),
        ),
        migrations.AlterField(
            model_name="referral",
            name="decline_reason",
            field=henvis.apps.cases.crypto.EncryptedTextField(blank=True, max_length=300, verbose_name="reason for declining"),
        ),
        migrations.AlterField(
            model_name="ownershiptransfer",
            name="reason",
            field=henvis.apps.cases.crypto.EncryptedTextField(blank=True, max_length=300, verbose_name="reason"),
        ),
        migrations.RunPython(encrypt_existing, migrations.RunPython.noop),
    ]
