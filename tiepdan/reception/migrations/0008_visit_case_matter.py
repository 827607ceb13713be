import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """A visit's matter and subject are `matters.Matter` and `matters.SubjectCategory`: the same
    tables as before (matters 0001), so the state alone changes; the foreign key constraints and
    the first-visit triggers (0004) stay as they are."""

    dependencies = [
        ("matters", "0001_initial"),
        ("reception", "0007_recording_sealed"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="receptionvisit",
                    name="case",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="visits",
                        to="matters.matter",
                    ),
                ),
                migrations.AlterField(
                    model_name="receptionvisit",
                    name="subject",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="matters.subjectcategory",
                    ),
                ),
            ],
        ),
    ]
