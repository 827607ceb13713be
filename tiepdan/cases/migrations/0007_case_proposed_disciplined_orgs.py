from django.db import migrations, models

from tiepdan.reception.triggers import drop_sqlite_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0006_directive_reminders"),
    ]

    operations = [
        # SQLite rebuilds cases_case to add the column: its triggers go first (reception.triggers).
        migrations.RunPython(drop_sqlite_triggers, migrations.RunPython.noop),
        migrations.AddField(
            model_name="case",
            name="proposed_disciplined_orgs",
            field=models.PositiveIntegerField(
                default=0, verbose_name="số tổ chức bị kiến nghị xử lý hành chính"
            ),
        ),
    ]
