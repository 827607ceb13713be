from django.db import migrations

# The sealed copy of a matter's summary names its row by the concrete model (vault._label).
SEALED_TARGETS = ("cases.case", "matters.matter")


def _retarget(old: str, new: str):
    def run(apps, schema_editor) -> None:  # noqa: ANN001
        sealed_texts = apps.get_model("cases", "SealedText").objects.using(
            schema_editor.connection.alias
        )
        sealed_texts.filter(target=old).update(target=new)

    return run


class Migration(migrations.Migration):
    """`Case` is the matter (`matters.Matter`, matters 0001) under the resolution's name: a
    proxy of the same table, so that no row moves. State only, but for the sealed texts of the
    matters' summaries, which name their row "matters.matter" from now on."""

    dependencies = [
        ("cases", "0014_intake_vault"),
        ("matters", "0001_initial"),
        ("petitions", "0008_petition_case_matter"),
        ("reception", "0008_visit_case_matter"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="case", name="citizens"),
                migrations.RemoveField(model_name="case", name="previous"),
                migrations.RemoveField(model_name="case", name="resolver"),
                migrations.RemoveField(model_name="case", name="subject"),
                migrations.RemoveField(model_name="case", name="unit"),
                migrations.RemoveField(model_name="subjectcategory", name="unit"),
                migrations.DeleteModel(name="Case"),
                migrations.DeleteModel(name="SubjectCategory"),
                migrations.CreateModel(
                    name="Case",
                    fields=[],
                    options={
                        "verbose_name": "vụ việc",
                        "verbose_name_plural": "vụ việc",
                        "ordering": ["-opened_on", "-pk"],
                        "proxy": True,
                        "indexes": [],
                        "constraints": [],
                    },
                    bases=("matters.matter",),
                ),
            ],
        ),
        migrations.RunPython(_retarget(*SEALED_TARGETS), _retarget(*reversed(SEALED_TARGETS))),
    ]
