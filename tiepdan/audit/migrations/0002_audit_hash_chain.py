"""Hash-chain the audit trail: two columns, and the rows already there linked in id order."""

import django.utils.timezone
from django.db import migrations, models


def chain_existing(apps, schema_editor):
    from tiepdan.audit.chain import GENESIS, row_hash

    AuditEvent = apps.get_model("audit", "AuditEvent")
    previous = GENESIS
    batch = []
    for event in AuditEvent.objects.using(schema_editor.connection.alias).order_by("id").iterator(
        chunk_size=2000
    ):
        event.prev_hash = previous
        event.row_hash = row_hash(event, previous)
        previous = event.row_hash
        batch.append(event)
        if len(batch) >= 2000:
            AuditEvent.objects.bulk_update(batch, ["prev_hash", "row_hash"])
            batch = []
    if batch:
        AuditEvent.objects.bulk_update(batch, ["prev_hash", "row_hash"])


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="occurred_at",
            field=models.DateTimeField(
                db_index=True,
                default=django.utils.timezone.now,
                editable=False,
                verbose_name="thời điểm",
            ),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(
                default="", editable=False, max_length=64, verbose_name="mã băm bản ghi trước"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="row_hash",
            field=models.CharField(
                default="", editable=False, max_length=64, verbose_name="mã băm"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
    ]
