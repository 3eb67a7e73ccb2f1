"""Roles at the time of each entry, and the anchor the chain starts from once entries
past their retention are pruned. On PostgreSQL the append-only trigger lets a
transaction that sets ``henvis.audit_prune`` delete (``henvis.apps.audit.chain.prune``
does, after writing a signed anchor); updates stay refused for everyone."""

from django.db import migrations, models

FUNCTION = """
CREATE OR REPLACE FUNCTION henvis_audit_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('henvis.audit_prune', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_anchor_append_only
  BEFORE UPDATE OR DELETE ON audit_auditanchor
  FOR EACH ROW EXECUTE FUNCTION henvis_audit_append_only();
"""
OLD_FUNCTION = """
DROP TRIGGER IF EXISTS audit_anchor_append_only ON audit_auditanchor;
CREATE OR REPLACE FUNCTION henvis_audit_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit log is append-only';
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(OLD_FUNCTION)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_unlocked_append_and_hmac_seals")]
    operations = [
        migrations.AddField(
            model_name="auditentry", name="roles",
            field=models.CharField(blank=True, max_length=200, verbose_name="roles"),
        ),
        migrations.CreateModel(
            name="AuditAnchor",
            fields=[
                ("position", models.BigIntegerField(primary_key=True, serialize=False)),
                ("mac", models.CharField(max_length=64)),
                ("key_id", models.CharField(max_length=16)),
                ("signature", models.CharField(max_length=64)),
                ("at", models.CharField(max_length=32)),
                ("entries_pruned", models.BigIntegerField()),
                ("written_before", models.CharField(max_length=32)),
            ],
            options={"ordering": ["position"]},
        ),
        migrations.RunPython(forwards, backwards),
    ]
