"""The audit log without a global lock: entries are appended with their own id as the
order, marked pending, and sealed later into an HMAC chain (``AuditSeal``) keyed
outside the database. The old SHA-256 chain columns and the single-row head (every
append waited on it) go; entries already in the log are marked pending, so the first
seal after the upgrade takes them into the new chain in their old order."""

from django.db import migrations, models

SEAL_TRIGGER = """
CREATE TRIGGER audit_seal_append_only
  BEFORE UPDATE OR DELETE ON audit_auditseal
  FOR EACH ROW EXECUTE FUNCTION henvis_audit_append_only();
"""


def mark_existing_pending(apps, schema_editor):  # type: ignore[no-untyped-def]
    entry = apps.get_model("audit", "AuditEntry")
    pending = apps.get_model("audit", "AuditPending")
    ids = entry.objects.order_by("seq").values_list("seq", flat=True)
    pending.objects.bulk_create([pending(entry_id=i) for i in ids.iterator()], batch_size=5000)


def seal_trigger(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SEAL_TRIGGER)


def drop_seal_trigger(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_seal_append_only ON audit_auditseal;")


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_trigger")]
    operations = [
        migrations.DeleteModel(name="AuditHead"),
        migrations.RemoveField(model_name="auditentry", name="prev_hash"),
        migrations.RemoveField(model_name="auditentry", name="entry_hash"),
        migrations.RemoveField(model_name="auditentry", name="seq"),
        migrations.RenameField(model_name="auditentry", old_name="id", new_name="seq"),
        migrations.AlterField(
            model_name="auditentry", name="seq", field=models.BigAutoField(primary_key=True, serialize=False),
        ),
        migrations.CreateModel(
            name="AuditPending",
            fields=[("entry_id", models.BigIntegerField(primary_key=True, serialize=False))],
        ),
        migrations.CreateModel(
            name="AuditSeal",
            fields=[
                ("position", models.BigIntegerField(primary_key=True, serialize=False)),
                ("entry_id", models.BigIntegerField(unique=True)),
                ("key_id", models.CharField(max_length=16)),
                ("mac", models.CharField(max_length=64)),
                ("sealed_at", models.DateTimeField()),
            ],
            options={"ordering": ["position"]},
        ),
        migrations.RunPython(mark_existing_pending, migrations.RunPython.noop),
        migrations.RunPython(seal_trigger, drop_seal_trigger),
    ]
