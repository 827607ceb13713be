from django.db import migrations
from django.db.models import Count

FILLED = ("date_of_birth", "gender", "address", "address_key", "phone")


def merge_same_id_number(apps, schema_editor) -> None:
    """Records of one unit sharing an ID number are one person: the later ones are merged into
    the earliest (as citizens.services.citizen_merge does: the row and its history stay, with
    `merged_into` set; the survivor takes the fields it lacks), so the unique constraint that
    follows can be created on existing data."""
    Citizen = apps.get_model("citizens", "Citizen")
    active = Citizen.objects.filter(merged_into__isnull=True).exclude(id_number="")
    keys = list(
        active.order_by().values("unit_id", "id_number").annotate(n=Count("pk")).filter(n__gt=1)
    )
    for key in keys:
        records = list(
            active.filter(unit_id=key["unit_id"], id_number=key["id_number"]).order_by("pk")
        )
        keep, duplicates = records[0], records[1:]
        for duplicate in duplicates:
            for name in FILLED:
                if not getattr(keep, name) and getattr(duplicate, name):
                    setattr(keep, name, getattr(duplicate, name))
        keep.save()
        ids = [d.pk for d in duplicates]
        Citizen.objects.filter(merged_into_id__in=ids).update(merged_into=keep)
        Citizen.objects.filter(pk__in=ids).update(merged_into=keep)


class Migration(migrations.Migration):
    dependencies = [("citizens", "0003_prefix_indexes")]

    operations = [migrations.RunPython(merge_same_id_number, migrations.RunPython.noop)]
