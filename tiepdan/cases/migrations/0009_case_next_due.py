from django.db import migrations, models
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from tiepdan.reception.triggers import drop_sqlite_triggers


def fill_next_due(apps, schema_editor) -> None:
    """The earliest due date of each case's open clocks, as the clock services now keep it."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Case = apps.get_model("cases", "Case")
    Clock = apps.get_model("workcalendar", "Clock")
    ct = ContentType.objects.filter(app_label="cases", model="case").first()
    if ct is None:
        return
    first = Clock.objects.filter(
        content_type_id=ct.pk, object_id=OuterRef("pk"), status__in=["running", "paused"]
    ).order_by("due", "pk")
    Case.objects.filter(
        pk__in=Clock.objects.filter(content_type_id=ct.pk, status__in=["running", "paused"]).values(
            "object_id"
        )
    ).update(
        next_due=Subquery(first.values("due")[:1]),
        next_rule=Coalesce(Subquery(first.values("rule_code")[:1]), Value("")),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0008_seal_linked_denunciations"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("workcalendar", "0001_initial"),
    ]

    operations = [
        # SQLite rebuilds cases_case to add the columns: its triggers go first (reception.triggers).
        migrations.RunPython(drop_sqlite_triggers, migrations.RunPython.noop),
        migrations.AddField(
            model_name="case",
            name="next_due",
            field=models.DateField(
                blank=True, editable=False, null=True, verbose_name="hạn gần nhất"
            ),
        ),
        migrations.AddField(
            model_name="case",
            name="next_rule",
            field=models.CharField(
                blank=True,
                default="",
                editable=False,
                max_length=80,
                verbose_name="thời hạn gần nhất",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["next_due", "-accepted_on", "-id"], name="cases_next_due"),
        ),
        migrations.RunPython(fill_next_due, migrations.RunPython.noop),
    ]
