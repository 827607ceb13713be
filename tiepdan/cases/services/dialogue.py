"""The dialogue of a complaint: invitation and minutes (Luật KN Arts 30, 39; NĐ 124/2020
Art 28)."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tiepdan.cases import rules
from tiepdan.cases.models import (
    Case,
    Dialogue,
)
from tiepdan.cases.services.common import (
    Kind,
    check_date,
    invalid,
    lock,
    record_event,
    require_running,
)
from tiepdan.cases.services.documents import issue_document
from tiepdan.core.errors import DomainError
from tiepdan.core.text import nfc
from tiepdan.organizations.models import User
from tiepdan.workcalendar import selectors as calendar_selectors


@transaction.atomic
def dialogue_schedule(
    *,
    case: Case,
    scheduled_on: dt.date,
    place: str,
    invited_on: dt.date,
    actor: User,
    content: str = "",
) -> Dialogue:
    """Invite to a dialogue; from 1 July 2026 the written notice goes ≥ 5 days before
    (NĐ 124/2020 Art 28.1 as amended, rule `complaint.dialogue_notice`)."""
    case = lock(case)
    require_running(case)
    if case.kind not in rules.COMPLAINT_KINDS:
        raise DomainError(_("Chỉ giải quyết khiếu nại mới có đối thoại."), code="no_dialogue")
    check_date(case, invited_on, "invited_on")
    place = nfc(place or "").strip()
    if not place:
        raise invalid("place", _("Ghi địa điểm đối thoại."))
    if scheduled_on < invited_on:
        raise invalid("scheduled_on", _("Ngày đối thoại trước ngày gửi thông báo."))
    if rules.dialogue_notice_applies(scheduled_on):
        latest = calendar_selectors.deadline_compute(
            rule_code="complaint.dialogue_notice", start=scheduled_on
        ).due
        if invited_on > latest:
            raise invalid(
                "invited_on",
                _(
                    "Thông báo đối thoại phải gửi chậm nhất ngày %(d)s (ít nhất 5 ngày trước "
                    "ngày đối thoại — Nghị định 124/2020/NĐ-CP, Điều 28, sửa đổi 2026)."
                )
                % {"d": latest.strftime("%d/%m/%Y")},
            )
    dialogue = Dialogue.objects.create(
        case=case,
        scheduled_on=scheduled_on,
        place=place,
        invited_on=invited_on,
        content=nfc(content or ""),
    )
    document = issue_document(
        case,
        "case.dialogue_invitation",
        invited_on,
        {
            "dialogue": {
                "scheduled_on": scheduled_on,
                "place": place,
                "content": dialogue.content,
            },
            "invitees": [],
        },
        actor,
    )
    record_event(
        case,
        Kind.DIALOGUE_SCHEDULED,
        invited_on,
        actor,
        _("Mời đối thoại ngày %(d)s tại %(p)s.")
        % {"d": scheduled_on.strftime("%d/%m/%Y"), "p": place},
        document=document,
        dialogue=dialogue.pk,
    )
    return dialogue


@transaction.atomic
def dialogue_record(
    *,
    dialogue: Dialogue,
    held_on: dt.date,
    attendance: list[dict[str, Any]],
    actor: User,
    agreed: str = "",
    disagreed: str = "",
) -> Dialogue:
    """Minutes of the dialogue with attendance (present/absent, with/without reason) —
    NĐ 124/2020 Art 28, Mẫu 14; absence without valid reason does not stop the resolution
    from 1 July 2026 (Art 28.5 as amended)."""
    case = lock(dialogue.case)
    require_running(case)
    check_date(case, held_on, "held_on")
    if dialogue.held_on is not None:
        raise DomainError(_("Đã lập biên bản đối thoại này."), code="already_recorded")
    if held_on < dialogue.invited_on:
        raise invalid("held_on", _("Ngày đối thoại trước ngày mời."))
    rows = []
    for row in attendance:
        name = nfc(str(row.get("name", ""))).strip()
        if not name:
            continue
        rows.append(
            {
                "name": name,
                "role": nfc(str(row.get("role", ""))).strip(),
                "present": bool(row.get("present")),
                "reason": nfc(str(row.get("reason", ""))).strip(),
            }
        )
    if not rows:
        raise invalid("attendance", _("Ghi thành phần tham dự đối thoại."))
    dialogue.held_on = held_on
    dialogue.attendance = rows
    dialogue.agreed, dialogue.disagreed = nfc(agreed or ""), nfc(disagreed or "")
    dialogue.save()
    present = sum(1 for r in rows if r["present"])
    document = issue_document(
        case,
        "case.dialogue_minutes",
        held_on,
        {
            "dialogue": {"held_on": held_on, "place": dialogue.place, "content": dialogue.content},
            "attendance": rows,
            "agreed": dialogue.agreed,
            "disagreed": dialogue.disagreed,
            "result": "",
        },
        actor,
    )
    record_event(
        case,
        Kind.DIALOGUE_HELD,
        held_on,
        actor,
        _("Đối thoại: %(p)s/%(n)s người có mặt.") % {"p": present, "n": len(rows)},
        document=document,
        dialogue=dialogue.pk,
    )
    return dialogue
