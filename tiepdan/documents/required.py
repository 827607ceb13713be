"""The data each document cannot be printed without (pure).

A statutory document names someone or something in running text ("… thuộc thẩm quyền giải
quyết của {{ competent_body }}"); printed blank it reads "… giải quyết của ." and is worthless.
Each form code lists the context paths that must hold a value, with the words an officer
understands; `document_render` refuses a document with any of them blank and says which.
Values the clerk fills by hand on issue (the number) and values with a printed default
(dotted lines for an unknown address) are not listed.

A path is dotted ("citizen.full_name"); "a|b" is satisfied by either; "sections.*" means
every item of the list, so "sections.*.paragraphs|items" asks each section for paragraphs or
items.
"""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

CITIZEN = ("citizen.full_name", _("họ tên công dân"))
AGENCY = ("agency.name", _("tên cơ quan ban hành"))
PETITION = ("petition.summary", _("nội dung tóm tắt của đơn"))
CASE = ("case.summary", _("nội dung vụ việc"))

REQUIRED: dict[str, tuple[tuple[str, Any], ...]] = {
    "reception.receipt": (AGENCY, CITIZEN, ("documents", _("tài liệu, giấy tờ đã nhận"))),
    "reception.appointment_slip": (
        AGENCY,
        CITIZEN,
        ("appointment_at", _("thời gian hẹn")),
        ("place", _("địa điểm hẹn")),
    ),
    "reception.guidance_slip": (
        AGENCY,
        CITIZEN,
        ("content", _("nội dung công dân trình bày")),
        ("competent_body", _("cơ quan có thẩm quyền giải quyết")),
    ),
    "reception.refusal_notice": (AGENCY, CITIZEN, ("ground.text", _("lý do từ chối tiếp"))),
    "reception.conclusion_notice": (
        AGENCY,
        ("session.chair_name", _("người chủ trì buổi tiếp")),
        ("content", _("nội dung kết luận")),
    ),
    "reception.register": (AGENCY, ("unit_name", _("tên đơn vị"))),
    "reception.register_xlsx": (AGENCY, ("unit_name", _("tên đơn vị"))),
    "petition.acceptance_proposal": (
        AGENCY,
        PETITION,
        ("proposed_outcome", _("hướng xử lý đề xuất")),
    ),
    "petition.transfer_slip": (AGENCY, PETITION, ("to_body", _("cơ quan nhận đơn chuyển"))),
    # A mixed petition names its bodies line by line in the guidance instead.
    "petition.guidance": (
        AGENCY,
        CITIZEN,
        PETITION,
        ("competent_body|guidance", _("cơ quan có thẩm quyền giải quyết")),
    ),
    "petition.acceptance_notice": (
        AGENCY,
        CITIZEN,
        PETITION,
        ("resolver", _("người có thẩm quyền giải quyết")),
    ),
    "petition.rejection_notice": (AGENCY, CITIZEN, PETITION, ("reason", _("lý do không thụ lý"))),
    "petition.return_notice": (AGENCY, CITIZEN, PETITION, ("reason", _("lý do trả lại đơn"))),
    "petition.reminder": (AGENCY, PETITION, ("to_unit", _("đơn vị được đôn đốc"))),
    "case.verification_assignment": (AGENCY, CASE, ("team", _("thành viên tổ xác minh"))),
    "case.complaint_decision": (AGENCY, CASE, ("outcome", _("kết quả giải quyết"))),
    "case.denunciation_conclusion": (AGENCY, CASE, ("outcome", _("kết luận nội dung tố cáo"))),
    "case.extension_decision": (AGENCY, CASE, ("reason", _("lý do gia hạn"))),
    "case.suspension_decision": (AGENCY, CASE, ("reason", _("lý do tạm đình chỉ"))),
    # Without a reason it prints "Căn cứ tạm đình chỉ không còn", which is a ground in itself.
    "case.resumption_decision": (AGENCY, CASE),
    "case.dialogue_invitation": (
        AGENCY,
        CASE,
        ("dialogue.scheduled_on", _("thời gian đối thoại")),
        ("dialogue.place", _("địa điểm đối thoại")),
    ),
    "case.dialogue_minutes": (
        AGENCY,
        CASE,
        ("dialogue.held_on", _("ngày đối thoại")),
        ("attendance", _("thành phần tham dự")),
    ),
    "plan.document": (AGENCY, ("subtitle", _("trích yếu (tên kế hoạch, báo cáo)"))),
}

# Expected but not refused: a drafter may take the skeleton of a new plan into Word on
# purpose, so the page says what is still empty before the download instead.
ADVISORY: dict[str, tuple[tuple[str, Any], ...]] = {
    "plan.document": (("sections.*.paragraphs|items", _("nội dung phần «%(heading)s»")),),
}


def _filled(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | tuple | dict):
        return bool(value)
    return value is not None


def _lookup(context: Any, path: list[str]) -> Any:
    for part in path:
        if not isinstance(context, Mapping):
            return None
        context = context.get(part)
    return context


def _missing(context: Any, path: list[str], label: Any) -> list[str]:
    if "*" in path:
        star = path.index("*")
        items = _lookup(context, path[:star]) or []
        found: list[str] = []
        for item in items:
            found += _missing(item, path[star + 1 :], label % {"heading": item.get("heading", "")})
        return found
    *head, last = path
    parent = _lookup(context, head)
    if any(_filled(_lookup(parent, [name])) for name in last.split("|")):
        return []
    return [str(label)]


def missing_fields(code: str, context: Mapping[str, Any], *, advisory: bool = False) -> list[str]:
    """What form `code` lacks in `context`, in the officer's words; [] when it can be printed.
    With `advisory`, also what it should say but may be printed without."""
    found: list[str] = []
    checks = (*REQUIRED.get(code, ()), *(ADVISORY.get(code, ()) if advisory else ()))
    for path, label in checks:
        found += _missing(context, path.split("."), label)
    return found


def label(code: str, path: str) -> str:
    """The officer's words for one required value of form `code`."""
    return str(dict(REQUIRED[code])[path])
