"""Seal at rest what earlier versions left in plain (issue #18): the senders' and attendees'
links of sealed denunciations, registry rows that existed only for them, their scans in storage, the texts
quoting them.

The matters are found with the historical models; the sealing itself is the vault's
(`cases.vault.vault_seal`, the same code `manage.py check_seals --fix` runs), because it
encrypts with the configured key and moves files. It runs only when something is left to seal,
so a new database never reaches it. Backwards it does nothing: the vault keeps everything, and
nothing is put back in plain.
"""

from django.db import migrations

DENUNCIATION = "denunciation"


def seal(apps, schema_editor):
    Petition = apps.get_model("petitions", "Petition")
    PetitionAttachment = apps.get_model("petitions", "PetitionAttachment")
    IdentityRecord = apps.get_model("cases", "IdentityRecord")
    VisitCitizen = apps.get_model("reception", "VisitCitizen")
    ids = set(
        Petition.objects.filter(
            petition_type=DENUNCIATION, case__isnull=False, senders__isnull=False
        ).values_list("case_id", flat=True)
    )
    ids |= set(
        PetitionAttachment.objects.filter(
            petition__petition_type=DENUNCIATION, petition__case__isnull=False
        )
        .exclude(file="")
        .values_list("petition__case_id", flat=True)
    )
    ids |= set(
        IdentityRecord.objects.filter(citizen__isnull=False).values_list("case_id", flat=True)
    )
    ids |= set(
        VisitCitizen.objects.filter(
            visit__petition_type=DENUNCIATION, visit__case__isnull=False
        ).values_list("visit__case_id", flat=True)
    )
    if not ids:
        return
    from tiepdan.vault import vault
    from tiepdan.cases.models import Case

    for case in Case.objects.filter(pk__in=sorted(ids)):
        vault.vault_seal(case=case)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0011_identity_visit"),
        ("citizens", "0006_citizen_sealed"),
        ("petitions", "0006_outcome_sets_eligibility"),
        ("reception", "0005_visit_report_cover"),
    ]

    operations = [migrations.RunPython(seal, migrations.RunPython.noop)]
