"""Form versions as data: which official form (and which of our templates) is in force on a date.

Every statutory form changes with the instrument that prescribes it (domain.md §0.2, §2.6, §2.7):
reception forms of TT 04/2021/TT-TTCP (15/11/2021) are superseded by the forms annexed to
NĐ 154/2026/NĐ-CP from 01/07/2026. Petition-processing forms (xử lý đơn, domain.md §3) follow
TT 05/2021/TT-TTCP (15/11/2021) and the complaint/denunciation decrees (NĐ 124/2020, NĐ 31/2019,
amended from 01/07/2026 by NĐ 155/2026 and NĐ 156/2026). A document is always rendered with the
version in force on its date of issue, so the registry is a list of dated versions rather than one
template per code.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from tiepdan.core.errors import DomainError

Kind = Literal["docx", "xlsx"]

TT04_FROM = dt.date(2021, 11, 15)  # TT 04/2021/TT-TTCP takes effect
TT04_TO = dt.date(2026, 6, 30)  # last day before NĐ 154/2026/NĐ-CP
ND154_FROM = dt.date(2026, 7, 1)  # NĐ 154/2026/NĐ-CP, Luật 136/2025/QH15 take effect
TT05_FROM = dt.date(2021, 11, 15)  # TT 05/2021/TT-TTCP (quy trình xử lý đơn) takes effect
ND30_FROM = dt.date(2020, 3, 5)  # NĐ 30/2020/NĐ-CP on administrative document format
# Luật 136/2025/QH15 and NĐ 155/2026 (complaints), NĐ 156/2026 (denunciations) take effect.
ND155_FROM = dt.date(2026, 7, 1)
BEFORE_ND155 = ND155_FROM - dt.timedelta(days=1)

REGISTER_TT04 = "tt04_2021"
REGISTER_ND154 = "nd154_2026"


@dataclass(frozen=True, slots=True)
class FormVersion:
    """One version of an official form.

    `template` is the file name of the shipped default under `templates_docx/` (DOCX forms);
    `layout` names a layout built in code (the XLSX register) and the register column set.
    """

    code: str
    title: str
    legal_basis: str
    valid_from: dt.date
    valid_to: dt.date | None
    kind: Kind
    template: str = ""
    layout: str = ""
    notes: str = ""

    def in_force_on(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


_UNVERIFIED_NUMBER = (
    "Số hiệu mẫu chưa được xác minh trong văn bản gốc (domain.md §2.7: [from memory: unverified])."
)
_NO_ND154_FORM = (
    "NĐ 154/2026/NĐ-CP chỉ ban hành Mẫu 01–03/TCD; văn bản này không có mẫu bắt buộc, "
    "dùng mẫu của cơ quan theo thể thức NĐ 30/2020/NĐ-CP."
)
_ND154_TRANSCRIPTION = (
    "Nguồn NĐ 154/2026 là bản chép lại của bên thứ ba (domain.md §0.1); "
    "cần đối chiếu Công báo trước khi dùng chính thức."
)

_UNVERIFIED_2026 = (
    "Từ 01/07/2026 NĐ 124/2020 và NĐ 31/2019 được sửa đổi bởi NĐ 155/2026 và NĐ 156/2026; "
    "chưa xác minh được mẫu có đổi câu chữ hay không (chỉ có bản chép lại của bên thứ ba), "
    "nên dùng một phiên bản từ 15/11/2021 — cần đối chiếu Công báo."
)
_TRANSCRIPTION_2026 = (
    "Nguồn Luật 136/2025, NĐ 155/2026, NĐ 156/2026 là bản chép lại của bên thứ ba (domain.md "
    "§0.1); cần đối chiếu Công báo trước khi dùng chính thức."
)
_SEALED_NOTE = "Không ghi thông tin người tố cáo (Luật Tố cáo Điều 8, 47)."
_NO_TT05_FORM_NUMBER = (
    "Số hiệu mẫu trong Thông tư 05/2021/TT-TTCP chưa được xác minh (domain.md §3.5: chỉ Mẫu 01 "
    "và Mẫu 03 đã đối chiếu); bố cục theo thể thức NĐ 30/2020/NĐ-CP."
)

FORM_VERSIONS: tuple[FormVersion, ...] = (
    # Thông báo từ chối tiếp công dân — Luật TCD Art 9.3; NĐ 154/2026 Art 4 (domain.md §2.3).
    FormVersion(
        code="reception.refusal_notice",
        title="Thông báo từ chối tiếp công dân",
        legal_basis="Thông tư 04/2021/TT-TTCP, Mẫu số 01",
        valid_from=TT04_FROM,
        valid_to=TT04_TO,
        kind="docx",
        template="reception_refusal_notice.docx",
    ),
    FormVersion(
        code="reception.refusal_notice",
        title="Thông báo từ chối tiếp công dân",
        legal_basis="Nghị định 154/2026/NĐ-CP, Mẫu số 01/TCD",
        valid_from=ND154_FROM,
        valid_to=None,
        kind="docx",
        template="reception_refusal_notice.docx",
        notes=_ND154_TRANSCRIPTION,
    ),
    # Giấy biên nhận thông tin, tài liệu, bằng chứng — Luật TCD Art 7; domain.md §2.5.5.
    FormVersion(
        code="reception.receipt",
        title="Giấy biên nhận thông tin, tài liệu, bằng chứng",
        legal_basis="Thông tư 04/2021/TT-TTCP, Mẫu số 02",
        valid_from=TT04_FROM,
        valid_to=TT04_TO,
        kind="docx",
        template="reception_receipt.docx",
    ),
    FormVersion(
        code="reception.receipt",
        title="Giấy biên nhận thông tin, tài liệu, bằng chứng",
        legal_basis="Nghị định 154/2026/NĐ-CP, Mẫu số 02/TCD",
        valid_from=ND154_FROM,
        valid_to=None,
        kind="docx",
        template="reception_receipt.docx",
        notes=_ND154_TRANSCRIPTION,
    ),
    FormVersion(
        code="reception.appointment_slip",
        title="Phiếu hẹn thời gian, địa điểm tiếp công dân",
        legal_basis="Thông tư 04/2021/TT-TTCP",
        valid_from=TT04_FROM,
        valid_to=TT04_TO,
        kind="docx",
        template="reception_appointment_slip.docx",
        notes=_UNVERIFIED_NUMBER,
    ),
    FormVersion(
        code="reception.appointment_slip",
        title="Phiếu hẹn thời gian, địa điểm tiếp công dân",
        legal_basis="Luật Tiếp công dân 2013 (sửa đổi 2025); Nghị định 154/2026/NĐ-CP",
        valid_from=ND154_FROM,
        valid_to=None,
        kind="docx",
        template="reception_appointment_slip.docx",
        notes=_NO_ND154_FORM,
    ),
    # Guidance to the competent body — Luật TCD Art 26.2.
    FormVersion(
        code="reception.guidance_slip",
        title="Phiếu hướng dẫn",
        legal_basis="Luật Tiếp công dân 2013, khoản 2 Điều 26; Thông tư 04/2021/TT-TTCP",
        valid_from=TT04_FROM,
        valid_to=TT04_TO,
        kind="docx",
        template="reception_guidance_slip.docx",
        notes=_UNVERIFIED_NUMBER,
    ),
    FormVersion(
        code="reception.guidance_slip",
        title="Phiếu hướng dẫn",
        legal_basis="Luật Tiếp công dân 2013 (sửa đổi 2025), Điều 26; Nghị định 154/2026/NĐ-CP",
        valid_from=ND154_FROM,
        valid_to=None,
        kind="docx",
        template="reception_guidance_slip.docx",
        notes=_NO_ND154_FORM,
    ),
    # Directions given at a leader's reception session — NĐ 154/2026 Art 25.2 (domain.md §2.2).
    FormVersion(
        code="reception.conclusion_notice",
        title="Thông báo kết luận việc tiếp công dân",
        legal_basis="Luật Tiếp công dân 2013, Điều 18; Thông tư 04/2021/TT-TTCP, Điều 9",
        valid_from=TT04_FROM,
        valid_to=TT04_TO,
        kind="docx",
        template="reception_conclusion_notice.docx",
        notes=_UNVERIFIED_NUMBER,
    ),
    FormVersion(
        code="reception.conclusion_notice",
        title="Thông báo kết luận việc tiếp công dân",
        legal_basis="Nghị định 154/2026/NĐ-CP, khoản 2 Điều 25",
        valid_from=ND154_FROM,
        valid_to=None,
        kind="docx",
        template="reception_conclusion_notice.docx",
        notes=f"{_NO_ND154_FORM} {_ND154_TRANSCRIPTION}",
    ),
    # Sổ tiếp công dân — domain.md §2.6. DOCX and XLSX share the column layout.
    FormVersion(
        code="reception.register",
        title="Sổ tiếp công dân",
        legal_basis="Thông tư 04/2021/TT-TTCP, Mẫu số 03",
        valid_from=TT04_FROM,
        valid_to=TT04_TO,
        kind="docx",
        template="reception_register_tt04_2021.docx",
        layout=REGISTER_TT04,
    ),
    FormVersion(
        code="reception.register",
        title="Sổ tiếp công dân",
        legal_basis="Nghị định 154/2026/NĐ-CP, Mẫu số 03/TCD",
        valid_from=ND154_FROM,
        valid_to=None,
        kind="docx",
        template="reception_register_nd154_2026.docx",
        layout=REGISTER_ND154,
        notes=(
            f"{_ND154_TRANSCRIPTION} Nhóm cột 9–11 «Hướng xử lý» theo bố cục mẫu cũ, "
            "chưa đối chiếu bản gốc."
        ),
    ),
    FormVersion(
        code="reception.register_xlsx",
        title="Sổ tiếp công dân",
        legal_basis="Thông tư 04/2021/TT-TTCP, Mẫu số 03",
        valid_from=TT04_FROM,
        valid_to=TT04_TO,
        kind="xlsx",
        layout=REGISTER_TT04,
    ),
    FormVersion(
        code="reception.register_xlsx",
        title="Sổ tiếp công dân",
        legal_basis="Nghị định 154/2026/NĐ-CP, Mẫu số 03/TCD",
        valid_from=ND154_FROM,
        valid_to=None,
        kind="xlsx",
        layout=REGISTER_ND154,
        notes=(
            f"{_ND154_TRANSCRIPTION} Nhóm cột 9–11 «Hướng xử lý» theo bố cục mẫu cũ, "
            "chưa đối chiếu bản gốc."
        ),
    ),
    # ---- Petition processing (xử lý đơn) — TT 05/2021/TT-TTCP; domain.md §3.3, §3.5.
    FormVersion(
        code="petition.acceptance_proposal",
        title="Phiếu đề xuất thụ lý đơn",
        legal_basis="Thông tư 05/2021/TT-TTCP, Mẫu số 01",
        valid_from=TT05_FROM,
        valid_to=None,
        kind="docx",
        template="petition_acceptance_proposal.docx",
        notes=(
            "Mẫu số 01 đã đối chiếu (domain.md §3.5). Khi hướng đề xuất không phải thụ lý, cùng "
            f"bố cục mang tên «Phiếu đề xuất xử lý đơn» (không có mẫu riêng). {_UNVERIFIED_2026}"
        ),
    ),
    FormVersion(
        code="petition.transfer_slip",
        title="Phiếu chuyển đơn",
        legal_basis="Thông tư 05/2021/TT-TTCP, Mẫu số 03 (đơn tố cáo), Điều 14",
        valid_from=TT05_FROM,
        valid_to=None,
        kind="docx",
        template="petition_transfer_slip.docx",
        notes=(
            "Mẫu số 03 «Phiếu chuyển đơn tố cáo» đã đối chiếu; biến thể khiếu nại, kiến nghị "
            f"phản ánh: số hiệu mẫu chưa xác minh (Mẫu 02/04?). {_UNVERIFIED_2026}"
        ),
    ),
    FormVersion(
        code="petition.guidance",
        title="Văn bản hướng dẫn",
        legal_basis="Luật Tiếp công dân 2013, Điều 26; Thông tư 05/2021/TT-TTCP",
        valid_from=TT05_FROM,
        valid_to=None,
        kind="docx",
        template="petition_guidance.docx",
        notes=(
            f"{_NO_TT05_FORM_NUMBER} Mẫu tiền thân: 07-XLĐ của TT 07/2014 (hướng dẫn đơn có "
            "nhiều nội dung)."
        ),
    ),
    FormVersion(
        code="petition.acceptance_notice",
        title="Thông báo về việc thụ lý giải quyết",
        legal_basis=(
            "Luật Khiếu nại, Điều 27; Nghị định 124/2020/NĐ-CP (khiếu nại); "
            "Luật Tố cáo, Điều 29; Nghị định 31/2019/NĐ-CP, Mẫu số 05 (tố cáo)"
        ),
        valid_from=TT05_FROM,
        valid_to=None,
        kind="docx",
        template="petition_acceptance_notice.docx",
        notes=(
            "NĐ 31/2019 Mẫu 05 đã đối chiếu (domain.md §4.2); số hiệu mẫu thông báo thụ lý khiếu "
            f"nại trong NĐ 124/2020 chưa xác minh. {_UNVERIFIED_2026}"
        ),
    ),
    FormVersion(
        code="petition.rejection_notice",
        title="Thông báo về việc không thụ lý giải quyết",
        legal_basis=(
            "Luật Khiếu nại, Điều 11 và Điều 27; Nghị định 124/2020/NĐ-CP; "
            "Luật Tố cáo, khoản 1 Điều 24 và Điều 29"
        ),
        valid_from=TT05_FROM,
        valid_to=None,
        kind="docx",
        template="petition_rejection_notice.docx",
        notes=(
            f"Số hiệu mẫu (NĐ 124/2020 Mẫu 03?) chưa xác minh (domain.md §3.3). {_UNVERIFIED_2026}"
        ),
    ),
    FormVersion(
        code="petition.return_notice",
        title="Văn bản trả lại đơn và hướng dẫn",
        legal_basis="Thông tư 05/2021/TT-TTCP",
        valid_from=TT05_FROM,
        valid_to=None,
        kind="docx",
        template="petition_return_notice.docx",
        notes=(
            f"{_NO_TT05_FORM_NUMBER} Công văn (V/v trả lại đơn và hướng dẫn); câu chữ theo thực "
            "tiễn TT 07/2014, chưa đối chiếu TT 05/2021."
        ),
    ),
    FormVersion(
        code="petition.reminder",
        title="Văn bản đôn đốc giải quyết",
        legal_basis="Thông tư 05/2021/TT-TTCP, khoản 2 Điều 14; Luật Tố cáo, Điều 38",
        valid_from=TT05_FROM,
        valid_to=None,
        kind="docx",
        template="petition_reminder.docx",
        notes=f"Không có mẫu bắt buộc; công văn theo thể thức NĐ 30/2020/NĐ-CP. {_UNVERIFIED_2026}",
    ),
    # Case resolution (issue #6): verification assignment, complaint decision, conclusion.
    FormVersion(
        code="case.verification_assignment",
        title="Quyết định giao nhiệm vụ xác minh",
        legal_basis=(
            "Luật Khiếu nại, Điều 29; Nghị định 124/2020/NĐ-CP; Luật Tố cáo, Điều 31; "
            "Nghị định 31/2019/NĐ-CP, Mẫu số 07"
        ),
        valid_from=TT05_FROM,
        valid_to=None,
        kind="docx",
        template="case_verification_assignment.docx",
        notes=(
            "Bố cục theo mẫu của cơ quan (PhieuIn_QDGiaoNhiemVuXacMinh.docx) và thể thức "
            f"NĐ 30/2020/NĐ-CP. {_UNVERIFIED_2026}"
        ),
    ),
    FormVersion(
        code="case.complaint_decision",
        title="Quyết định giải quyết khiếu nại",
        legal_basis=(
            "Luật Khiếu nại, Điều 31 (lần đầu) và Điều 40 (lần hai); Nghị định 124/2020/NĐ-CP"
        ),
        valid_from=TT05_FROM,
        valid_to=None,
        kind="docx",
        template="case_complaint_decision.docx",
        notes=f"Nội dung bắt buộc theo Điều 31, 40 Luật Khiếu nại. {_UNVERIFIED_2026}",
    ),
    FormVersion(
        code="case.denunciation_conclusion",
        title="Kết luận nội dung tố cáo",
        legal_basis="Luật Tố cáo, Điều 35; Nghị định 31/2019/NĐ-CP",
        valid_from=TT05_FROM,
        valid_to=None,
        kind="docx",
        template="case_denunciation_conclusion.docx",
        notes=(f"Không ghi thông tin người tố cáo (Luật Tố cáo Điều 8, 40). {_UNVERIFIED_2026}"),
    ),
    # Case steps (issue #6 follow-up): extension, suspension, resumption, dialogue. The 2026
    # versions cite Luật 136/2025/QH15 and the amending decrees, and follow NĐ 155/2026's forms.
    FormVersion(
        code="case.extension_decision",
        title="Quyết định gia hạn giải quyết tố cáo",
        legal_basis="Luật Tố cáo, Điều 30; Nghị định 31/2019/NĐ-CP, khoản 4 Điều 3, Mẫu số 01",
        valid_from=TT05_FROM,
        valid_to=BEFORE_ND155,
        kind="docx",
        template="case_extension_decision_nd31_2019.docx",
        notes=(
            "Số hiệu Mẫu số 01 đã đối chiếu (domain.md §4.2); câu chữ dựng theo bố cục quyết "
            f"định của NĐ 31/2019, chưa đối chiếu nguyên văn mẫu. {_SEALED_NOTE}"
        ),
    ),
    FormVersion(
        code="case.extension_decision",
        title="Quyết định gia hạn giải quyết tố cáo",
        legal_basis=(
            "Luật Tố cáo, Điều 30 (sửa đổi bởi Luật 136/2025/QH15); Nghị định 31/2019/NĐ-CP "
            "(sửa đổi bởi Nghị định 156/2026/NĐ-CP), Mẫu số 01"
        ),
        valid_from=ND155_FROM,
        valid_to=None,
        kind="docx",
        template="case_extension_decision_nd156_2026.docx",
        notes=(
            "NĐ 156/2026 chỉ thay Mẫu 02, 03 nên Mẫu số 01 giữ nguyên; phiên bản này chỉ bổ sung "
            f"phần căn cứ (Luật 136/2025, NĐ 156/2026). {_TRANSCRIPTION_2026} {_SEALED_NOTE}"
        ),
    ),
    FormVersion(
        code="case.suspension_decision",
        title="Quyết định tạm đình chỉ việc giải quyết",
        legal_basis="Luật Tố cáo, khoản 1 Điều 34 (tố cáo)",
        valid_from=TT05_FROM,
        valid_to=BEFORE_ND155,
        kind="docx",
        template="case_suspension_decision.docx",
        notes=(
            "Tố cáo: NĐ 31/2019 không có mẫu riêng (chưa xác minh), dùng thể thức NĐ 30/2020. "
            "Khiếu nại: trước 01/07/2026 Luật Khiếu nại không quy định tạm đình chỉ giải quyết "
            "khiếu nại (Điều 11a do Luật 136/2025 bổ sung), không có mẫu bắt buộc; mẫu chỉ để "
            f"cơ quan dùng khi có căn cứ. {_SEALED_NOTE}"
        ),
    ),
    FormVersion(
        code="case.suspension_decision",
        title="Quyết định tạm đình chỉ việc giải quyết",
        legal_basis=(
            "Luật Khiếu nại, Điều 11a; Nghị định 124/2020/NĐ-CP (sửa đổi bởi Nghị định "
            "155/2026/NĐ-CP), Điều 28b, Mẫu số 14a (khiếu nại); Luật Tố cáo, Điều 34 (tố cáo)"
        ),
        valid_from=ND155_FROM,
        valid_to=None,
        kind="docx",
        template="case_suspension_decision_nd155_2026.docx",
        notes=(
            "Mẫu 14a là mẫu chung «tạm đình chỉ/đình chỉ»; đây là biến thể tạm đình chỉ (Điều 2 "
            f"«có hiệu lực thi hành kể từ ngày ký»). {_TRANSCRIPTION_2026} {_SEALED_NOTE}"
        ),
    ),
    FormVersion(
        code="case.resumption_decision",
        title="Quyết định tiếp tục giải quyết",
        legal_basis="Luật Tố cáo, khoản 2 Điều 34 (tố cáo)",
        valid_from=TT05_FROM,
        valid_to=BEFORE_ND155,
        kind="docx",
        template="case_resumption_decision.docx",
        notes=(
            "Tố cáo: không có mẫu riêng trong NĐ 31/2019 (chưa xác minh), dùng thể thức "
            "NĐ 30/2020. Khiếu nại: trước 01/07/2026 chưa có quy định tạm đình chỉ nên không có "
            f"mẫu bắt buộc. {_SEALED_NOTE}"
        ),
    ),
    FormVersion(
        code="case.resumption_decision",
        title="Quyết định tiếp tục giải quyết",
        legal_basis=(
            "Nghị định 124/2020/NĐ-CP (sửa đổi bởi Nghị định 155/2026/NĐ-CP), khoản 2 Điều 28b, "
            "Mẫu số 14b (khiếu nại); Luật Tố cáo, khoản 2 Điều 34 (tố cáo)"
        ),
        valid_from=ND155_FROM,
        valid_to=None,
        kind="docx",
        template="case_resumption_decision_nd155_2026.docx",
        notes=(
            "Thời hạn giải quyết khiếu nại tính tiếp từ ngày ban hành quyết định tiếp tục "
            f"(NĐ 124/2020 Điều 28b.2 mới). {_TRANSCRIPTION_2026} {_SEALED_NOTE}"
        ),
    ),
    FormVersion(
        code="case.dialogue_invitation",
        title="Thông báo tổ chức đối thoại",
        legal_basis="Luật Khiếu nại, Điều 30 và Điều 39; Nghị định 124/2020/NĐ-CP, Điều 28",
        valid_from=TT05_FROM,
        valid_to=BEFORE_ND155,
        kind="docx",
        template="case_dialogue_invitation.docx",
        notes=(
            "Không có mẫu bắt buộc (chưa xác minh); văn bản thông báo thời gian, địa điểm, nội "
            "dung đối thoại theo thể thức NĐ 30/2020. Chưa có thời hạn gửi tối thiểu."
        ),
    ),
    FormVersion(
        code="case.dialogue_invitation",
        title="Thông báo tổ chức đối thoại",
        legal_basis=(
            "Luật Khiếu nại, Điều 30 (sửa đổi bởi Luật 136/2025/QH15); Nghị định 124/2020/NĐ-CP "
            "(sửa đổi bởi Nghị định 155/2026/NĐ-CP), khoản 1 Điều 28"
        ),
        valid_from=ND155_FROM,
        valid_to=None,
        kind="docx",
        template="case_dialogue_invitation_nd155_2026.docx",
        notes=(
            "Gửi trước ngày đối thoại ít nhất 05 ngày (khoản 1 Điều 28 mới; việc kiểm tra do "
            "nghiệp vụ hồ sơ thực hiện); thêm câu về vắng mặt không có lý do chính đáng (khoản 5 "
            f"Điều 28 mới). Không có mẫu bắt buộc (chưa xác minh). {_TRANSCRIPTION_2026}"
        ),
    ),
    FormVersion(
        code="case.dialogue_minutes",
        title="Biên bản đối thoại",
        legal_basis="Luật Khiếu nại, Điều 30; Nghị định 124/2020/NĐ-CP, Điều 28, Mẫu số 14",
        valid_from=TT05_FROM,
        valid_to=BEFORE_ND155,
        kind="docx",
        template="case_dialogue_minutes_nd124_2020.docx",
        notes=(
            "Số hiệu Mẫu số 14 lấy theo NĐ 155/2026 (mẫu thay thế cùng số); tiêu đề và câu chữ "
            "mẫu gốc năm 2020 chưa đối chiếu. Bảng chữ ký liệt kê người có mặt."
        ),
    ),
    FormVersion(
        code="case.dialogue_minutes",
        title="Biên bản đối thoại",
        legal_basis=(
            "Luật Khiếu nại, Điều 30 (sửa đổi bởi Luật 136/2025/QH15); Nghị định 124/2020/NĐ-CP "
            "(sửa đổi bởi Nghị định 155/2026/NĐ-CP), khoản 4 Điều 28, Mẫu số 14"
        ),
        valid_from=ND155_FROM,
        valid_to=None,
        kind="docx",
        template="case_dialogue_minutes_nd155_2026.docx",
        notes=(
            "Mẫu số 14 mới «Biên bản đối thoại với người khiếu nại»: ghi rõ người vắng mặt có lý "
            "do hoặc không có lý do, ít nhất 03 bản. Bố cục thành phần gộp thành một danh sách; "
            f"bảng chữ ký thay cho các ô ký theo tư cách. {_TRANSCRIPTION_2026}"
        ),
    ),
    # Generic administrative document (plans, reports) in the NĐ 30/2020 format.
    FormVersion(
        code="plan.document",
        title="Kế hoạch",
        legal_basis="Nghị định 30/2020/NĐ-CP, Phụ lục I (thể thức văn bản hành chính)",
        valid_from=ND30_FROM,
        valid_to=None,
        kind="docx",
        template="plan_document.docx",
    ),
)


def form_codes(kind: Kind | None = None) -> list[str]:
    """Distinct form codes in registry order, optionally of one kind."""
    seen: dict[str, None] = {}
    for version in FORM_VERSIONS:
        if kind is None or version.kind == kind:
            seen.setdefault(version.code, None)
    return list(seen)


def docx_code_choices() -> list[tuple[str, str]]:
    """(code, title) pairs of the DOCX forms a unit may override with its own template."""
    titles = {v.code: v.title for v in FORM_VERSIONS if v.kind == "docx"}
    return [(code, f"{titles[code]} ({code})") for code in form_codes("docx")]


def form_versions(code: str) -> list[FormVersion]:
    return sorted((v for v in FORM_VERSIONS if v.code == code), key=lambda v: v.valid_from)


def form_version_for(code: str, on: dt.date) -> FormVersion:
    """The version of form `code` in force on `on`; DomainError when there is none."""
    for version in form_versions(code):
        if version.in_force_on(on):
            return version
    raise DomainError(
        f"Không có mẫu văn bản «{code}» có hiệu lực vào ngày {on:%d/%m/%Y}.",
        code="no_form_version",
    )
