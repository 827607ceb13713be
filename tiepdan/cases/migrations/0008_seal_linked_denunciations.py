"""Seal the denouncers of matters linked before sealing followed every link.

A denunciation received by post and accepted used to open its matter without sealing it (the
vault ran before the petition was linked). This finds every matter linked to a denunciation
(by a petition, a visit, or its kind) and does what `cases.vault.vault_seal` does now: the
identity into the vault, the person out of the matter's citizens, the summary redacted, the
scans copied encrypted. Historical models only; the pure helpers (encryption, redaction) are
shared with the vault.
"""

from django.db import migrations
from django.utils import timezone

DENUNCIATION = "denunciation"


def seal(apps, schema_editor):
    from tiepdan.vault.vault import encrypt
    from tiepdan.core.text import search_key
    from tiepdan.vault.redaction import redact

    Case = apps.get_model("cases", "Case")
    IdentityRecord = apps.get_model("cases", "IdentityRecord")
    SealedFile = apps.get_model("cases", "SealedFile")
    CaseEvent = apps.get_model("cases", "CaseEvent")
    Petition = apps.get_model("petitions", "Petition")
    PetitionAttachment = apps.get_model("petitions", "PetitionAttachment")
    VisitCitizen = apps.get_model("reception", "VisitCitizen")

    case_ids = set(
        Petition.objects.filter(petition_type=DENUNCIATION, case__isnull=False).values_list(
            "case_id", flat=True
        )
    )
    case_ids |= set(
        VisitCitizen.objects.filter(
            visit__petition_type=DENUNCIATION, visit__case__isnull=False
        ).values_list("visit__case_id", flat=True)
    )
    case_ids |= set(Case.objects.filter(kind=DENUNCIATION).values_list("pk", flat=True))
    for case in Case.objects.filter(pk__in=case_ids).order_by("pk"):
        found = {}
        for petition in Petition.objects.filter(case=case, petition_type=DENUNCIATION):
            for person in petition.senders.all():
                found.setdefault(person.pk, (petition, person))
        for attendee in VisitCitizen.objects.filter(
            visit__case=case, visit__petition_type=DENUNCIATION
        ).select_related("citizen"):
            found.setdefault(attendee.citizen_id, (None, attendee.citizen))
        if case.kind == DENUNCIATION:
            for person in case.citizens.all():
                found.setdefault(person.pk, (None, person))
        sealed = set(IdentityRecord.objects.filter(case=case).values_list("citizen_id", flat=True))
        added = 0
        for petition, person in found.values():
            if person.pk in sealed:
                continue
            IdentityRecord.objects.create(
                case=case,
                petition=petition,
                citizen=person,
                full_name_enc=encrypt(person.full_name or ""),
                address_enc=encrypt(person.address or ""),
                id_number_enc=encrypt(person.id_number or ""),
                phone_enc=encrypt(person.phone or ""),
            )
            added += 1
        record = IdentityRecord.objects.filter(case=case).order_by("pk").first()
        if record is not None:
            done = set(
                SealedFile.objects.filter(identity__case=case).values_list(
                    "source_attachment_id", flat=True
                )
            )
            for attachment in PetitionAttachment.objects.filter(
                petition__case=case, petition__petition_type=DENUNCIATION
            ).exclude(pk__in=[pk for pk in done if pk is not None]):
                with attachment.file.open("rb") as fh:
                    content = fh.read()
                SealedFile.objects.create(
                    identity=record,
                    title_enc=encrypt(attachment.title),
                    content_enc=encrypt(content),
                    source_attachment_id=attachment.pk,
                )
        people = [person for _petition, person in found.values()]
        if people:
            case.citizens.remove(*people)
            redacted = redact(case.summary, people)
            if redacted != case.summary:
                case.summary, case.summary_key = redacted, search_key(redacted)
                case.save(update_fields=["summary", "summary_key"])
        if added:
            CaseEvent.objects.create(
                case=case,
                kind="identity_sealed",
                on=timezone.localdate(),
                summary=f"Thông tin người tố cáo được niêm phong ({added} người).",
            )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0007_case_proposed_disciplined_orgs"),
        ("petitions", "0005_summary_trigram"),
        ("reception", "0005_visit_report_cover"),
    ]

    operations = [migrations.RunPython(seal, migrations.RunPython.noop)]
