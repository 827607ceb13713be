"""One hash chain per unit (tiepdan.audit.chain): the chain a row links into, and the index
that finds a chain's last row.

The rows already written keep their hashes: they stay the global chain (`chain` null), which
the rows without a unit continue; rows of a unit written from now on start its own chain. No
row is rewritten, so the append-only triggers stay in place throughout.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0003_audit_append_only_trigger"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="chain",
            field=models.BigIntegerField(
                blank=True, editable=False, null=True, verbose_name="chuỗi"
            ),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["chain", "id"], name="audit_chain_tail"),
        ),
    ]
