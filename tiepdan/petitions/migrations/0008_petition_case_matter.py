import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """A petition's matter is `matters.Matter`: the same table as before (matters 0001), so the
    state alone changes."""

    dependencies = [
        ("matters", "0001_initial"),
        ("petitions", "0007_petition_type_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="petition",
                    name="case",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="petitions",
                        to="matters.matter",
                    ),
                ),
            ],
        ),
    ]
