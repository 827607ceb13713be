"""A visit as a line of the reception register (sổ tiếp công dân), for screen, DOCX and XLSX.

Columns: TT 04/2021/TT-TTCP Mẫu số 03 until 30 June 2026, NĐ 154/2026/NĐ-CP Mẫu số 03/TCD from
1 July 2026 (domain.md §2.6). The row carries the fields of both; the layout picks its columns.
"""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from tiepdan.core.classification import PetitionType
from tiepdan.reception.constants import Handling
from tiepdan.reception.models import ReceptionVisit, VisitCitizen
from tiepdan.vault import vault
from tiepdan.vault.redaction import redact

SEALED = "Thông tin người tố cáo được giữ bí mật theo quy định"

# Old layout's "Hướng xử lý" columns 8–10.
OUTCOME_FOR_HANDLING: dict[str, str] = {
    Handling.PETITION_RECEIVED: "accept",
    Handling.ANSWERED: "accept",
    Handling.GUIDED: "guide",
    Handling.TRANSFERRED: "transfer",
}


# A desk attendee, or a denouncer read back from the vault shaped like one.
AnyAttendee = VisitCitizen | vault.SealedAttendee


def _in_vault(visit: ReceptionVisit) -> bool:
    """A denunciation visit on a matter: its attendees and quoted content are in the vault."""
    return visit.petition_type == PetitionType.DENUNCIATION and bool(visit.case_id)


def _people_columns(
    visit: ReceptionVisit, attendees: list[AnyAttendee], original: str | None = None
) -> tuple[str, str, str]:
    """Names and addresses, ID numbers and content; for a denunciation the reader may not
    see, the denouncer withheld and the content redacted (Luật TC Art 8.3)."""
    people = [a.citizen for a in attendees]
    # Fails closed: a visit read without the sealing annotation counts as sealed.
    if getattr(visit, "is_sealed", visit.petition_type == PetitionType.DENUNCIATION):
        return SEALED, "", redact(visit.content, people)
    name_address = "; ".join(
        f"{c.full_name}{' (đại diện)' if a.is_representative else ''}"
        + (f" – {c.address}" if c.address else "")
        for a, c in zip(attendees, people, strict=True)
    )
    content = visit.content
    if _in_vault(visit):
        content = original if original is not None else vault.original_text(visit, "content")
    id_numbers = "; ".join(c.id_number for c in people if c.id_number)
    return name_address, id_numbers, content


def _notes(visit: ReceptionVisit) -> list[str]:
    """Column 13: the group, the refusal, the channel, repeats and the officer's notes."""
    refusal = getattr(visit, "refusal", None)
    notes = [visit.notes] if visit.notes else []
    if refusal is not None:
        notes.insert(0, _("Từ chối tiếp: %(basis)s") % {"basis": refusal.legal_basis})
    if visit.is_mass_group:
        notes.insert(0, _("Đoàn đông người"))
    if visit.is_repeat:
        notes.append(_("Tiếp nhiều lần (vụ việc #%(id)d)") % {"id": visit.case_id})
    if visit.channel == "online":
        # NĐ 154/2026 Mẫu 03/TCD has no column for the channel: noted in column 13.
        notes.insert(0, _("Tiếp trực tuyến"))
    return notes


def _accepted_by(visit: ReceptionVisit) -> str:
    """Who took the matter on: the unit itself (with its petition numbers), or the competent
    body it was transferred to."""
    if visit.handling == Handling.TRANSFERRED:
        return visit.competent_body
    if visit.handling not in (Handling.PETITION_RECEIVED, Handling.ANSWERED):
        return ""
    petitions = list(visit.petitions.all())
    accepted_by = visit.unit.name if visit.within_competence is not False else ""
    if petitions:
        accepted_by += " " + _("(đơn số %(n)s)") % {
            "n": ", ".join(str(p.number) for p in petitions)
        }
    return accepted_by


def register_rows(visits: Any) -> list[dict[str, Any]]:
    """The register lines of `visits` (a page, or a whole export), attendees and refusal
    prefetched by the caller. The vault is read once for all of them: the sealed attendees of
    the denunciation visits on a matter, and the content as written of those the reader may
    see; so a page takes the same number of queries whatever its lines."""
    visits = list(visits)
    in_vault = [v for v in visits if _in_vault(v)]
    vaulted = vault.sealed_attendees(in_vault) if in_vault else {}
    visible = [v for v in in_vault if not getattr(v, "is_sealed", True)]
    originals = vault.original_texts(visible, "content") if visible else {}
    return [
        register_row(
            v,
            vaulted=vaulted.get(v.pk, []),
            original=originals.get(v.pk, v.content) if _in_vault(v) else None,
        )
        for v in visits
    ]


def register_row(
    visit: ReceptionVisit,
    *,
    vaulted: list[vault.SealedAttendee] | None = None,
    original: str | None = None,
) -> dict[str, Any]:
    """The register line of a visit; attendees and refusal must be prefetched by the caller.
    `vaulted` and `original`: the visit's sealed attendees and content as written, when the
    caller read them for many lines at once (`register_rows`); else read here."""
    attendees: list[AnyAttendee] = list(visit.attendees.all())
    if _in_vault(visit):
        if vaulted is None:
            vaulted = vault.sealed_attendees([visit]).get(visit.pk, [])
        attendees += vaulted
    name_address, id_numbers, content = _people_columns(visit, attendees, original)
    notes = _notes(visit)
    accepted_by = _accepted_by(visit)
    return {
        "number": visit.register_number,
        "date": timezone.localtime(visit.received_at).date(),
        "name_address": name_address,
        "id_number": id_numbers,
        "content": content,
        "petition_type": visit.get_petition_type_display(),
        "people_count": visit.people_count,
        "resolved_by": visit.resolution_history,
        "within_competence": bool(visit.within_competence),
        "guidance": (visit.guidance or visit.competent_body)
        if visit.handling == Handling.GUIDED
        else "",
        "accepted_by": accepted_by.strip(),
        "outcome": OUTCOME_FOR_HANDLING.get(visit.handling, ""),
        "follow_up": visit.follow_up or visit.case.get_status_display(),
        "notes": "; ".join(str(n) for n in notes),
    }
