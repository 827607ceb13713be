from django.db import migrations

OUTSIDE_JURISDICTION = ("guide", "transfer", "urge")


def eligibility_from_outcome(apps, schema_editor) -> None:
    """Petitions guided, transferred or urged before the decision set it kept eligibility
    "pending" and fell out of 01/XLD's eligibility and outcome columns: they were processable
    and belong to another body."""
    Petition = apps.get_model("petitions", "Petition")
    decided = Petition.objects.filter(outcome__in=OUTSIDE_JURISDICTION)
    decided.filter(eligibility="pending").update(eligibility="eligible")
    decided.filter(within_jurisdiction__isnull=True).update(within_jurisdiction=False)


class Migration(migrations.Migration):
    dependencies = [("petitions", "0005_summary_trigram")]

    operations = [migrations.RunPython(eligibility_from_outcome, migrations.RunPython.noop)]
