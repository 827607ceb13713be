"""Generate the shipped default DOCX templates: ``python -m tiepdan.documents.build_templates``.

The frame and its building blocks are in ``docx_frame``; the templates, by the part of the work
they serve, in ``templates_reception``, ``templates_petitions`` and ``templates_cases``.
Placeholders are docxtpl/Jinja tags over the context contract documented in ``services.py``;
clerks may edit the output in Word and upload it per unit (``DocumentTemplate``).
"""

import io
import zipfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from docx.document import Document as DocumentObject

from tiepdan.documents.docx_frame import (
    TEMPLATES_DIR,
)
from tiepdan.documents.templates_cases import (
    case_complaint_decision,
    case_denunciation_conclusion,
    case_dialogue_invitation,
    case_dialogue_minutes,
    case_extension_decision,
    case_resumption_decision,
    case_suspension_decision,
    case_verification_assignment,
)
from tiepdan.documents.templates_petitions import (
    acceptance_notice,
    acceptance_proposal,
    petition_guidance,
    rejection_notice,
    reminder,
    return_notice,
    transfer_slip,
)
from tiepdan.documents.templates_reception import (
    appointment_slip,
    conclusion_notice,
    guidance_slip,
    plan_document,
    receipt,
    refusal_notice,
    register_nd154,
    register_tt04,
)

BUILDERS: dict[str, Callable[[], DocumentObject]] = {
    "reception_refusal_notice.docx": refusal_notice,
    "reception_receipt.docx": receipt,
    "reception_appointment_slip.docx": appointment_slip,
    "reception_guidance_slip.docx": guidance_slip,
    "reception_conclusion_notice.docx": conclusion_notice,
    "reception_register_tt04_2021.docx": register_tt04,
    "reception_register_nd154_2026.docx": register_nd154,
    "plan_document.docx": plan_document,
    "petition_acceptance_proposal.docx": acceptance_proposal,
    "petition_transfer_slip.docx": transfer_slip,
    "petition_guidance.docx": petition_guidance,
    "petition_acceptance_notice.docx": acceptance_notice,
    "petition_rejection_notice.docx": rejection_notice,
    "petition_return_notice.docx": return_notice,
    "petition_reminder.docx": reminder,
    "case_verification_assignment.docx": case_verification_assignment,
    "case_complaint_decision.docx": case_complaint_decision,
    "case_denunciation_conclusion.docx": case_denunciation_conclusion,
    # Steps whose wording changed on 1 July 2026 (Luật 136/2025, NĐ 155/2026, NĐ 156/2026).
    "case_extension_decision_nd31_2019.docx": partial(case_extension_decision, False),
    "case_extension_decision_nd156_2026.docx": partial(case_extension_decision, True),
    "case_suspension_decision.docx": partial(case_suspension_decision, False),
    "case_suspension_decision_nd155_2026.docx": partial(case_suspension_decision, True),
    "case_resumption_decision.docx": partial(case_resumption_decision, False),
    "case_resumption_decision_nd155_2026.docx": partial(case_resumption_decision, True),
    "case_dialogue_invitation.docx": partial(case_dialogue_invitation, False),
    "case_dialogue_invitation_nd155_2026.docx": partial(case_dialogue_invitation, True),
    "case_dialogue_minutes_nd124_2020.docx": partial(case_dialogue_minutes, False),
    "case_dialogue_minutes_nd155_2026.docx": partial(case_dialogue_minutes, True),
}


def _same_content(path: Path, content: bytes) -> bool:
    """True when `path` holds the same DOCX parts (zip timestamps differ on every build)."""
    if not path.is_file():
        return False
    try:
        with zipfile.ZipFile(path) as old, zipfile.ZipFile(io.BytesIO(content)) as new:
            names = new.namelist()
            return old.namelist() == names and all(old.read(n) == new.read(n) for n in names)
    except zipfile.BadZipFile:
        return False


def build_all(directory: Path = TEMPLATES_DIR) -> list[Path]:
    """Write every template whose content changed (unchanged files keep their bytes)."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, builder in BUILDERS.items():
        path = directory / name
        buffer = io.BytesIO()
        builder().save(buffer)
        if not _same_content(path, buffer.getvalue()):
            path.write_bytes(buffer.getvalue())
            written.append(path)
    return written


if __name__ == "__main__":
    for written_path in build_all():
        print(written_path)  # noqa: T201 — command-line output
