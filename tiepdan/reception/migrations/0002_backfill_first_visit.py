from django.db import migrations
from django.db.models import Min, OuterRef, Subquery


def backfill(apps, schema_editor) -> None:  # noqa: ANN001
    """Set each matter's first visit ever where it is missing (reports rely on it)."""
    case_model = apps.get_model("cases", "Case")
    visit_model = apps.get_model("reception", "ReceptionVisit")
    first = (
        visit_model.objects.filter(case=OuterRef("pk"))
        .order_by()
        .values("case")
        .annotate(m=Min("received_at"))
        .values("m")
    )
    case_model.objects.filter(first_visit_at__isnull=True, visits__isnull=False).update(
        first_visit_at=Subquery(first)
    )


class Migration(migrations.Migration):
    dependencies = [("reception", "0001_initial"), ("cases", "0001_initial")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
